import { inBand, scaleBand } from "../bands";
import { TenantM365Month } from "../m365-metrics";
import { MICRO_PER_USD } from "../money";
import { Band, Rules, Track } from "../rules/types";

/**
 * What the metric modules read about one tenant: its Azure TTM and Microsoft 365 position at a
 * month ("now", index 0) and a year earlier (index 1).
 */
export interface TenantYear {
  /** TTM eligible ACR in micro-dollars; `undefined` without Azure rows in the window. */
  ttm: readonly [number | undefined, number | undefined];
  m365: readonly [TenantM365Month | undefined, TenantM365Month | undefined];
}

/** 0 = the scored month, 1 = the same month a year earlier. */
export type Which = 0 | 1;

const microBands = new WeakMap<Band, Band>();

/** True when a micro-dollar amount lies in a USD band. */
export function inUsdBand(micro: number | undefined, band: Band): boolean {
  if (micro === undefined) return false;
  let scaled = microBands.get(band);
  if (!scaled) microBands.set(band, (scaled = scaleBand(band, MICRO_PER_USD)));
  return inBand(micro, scaled);
}

/**
 * SMB stickiness for Microsoft 365 (scoring-rules §8.4): at the scored month the tenant is
 * Enterprise-size and not SMB-size, and a year earlier it was SMB-size.
 */
export function stickyM365(t: TenantYear, rules: Rules): boolean {
  const [now, before] = t.m365;
  return rules.smbStickiness && !!now?.band.enterprise && !now.band.smb && !!before?.band.smb;
}

/**
 * SMB stickiness for an Azure band pair: the TTM is in the Enterprise band now and was in the SMB
 * band a year earlier.
 */
export function stickyAzure(t: TenantYear, bands: Record<Track, Band>, rules: Rules): boolean {
  return (
    rules.smbStickiness && inUsdBand(t.ttm[0], bands.enterprise) && inUsdBand(t.ttm[1], bands.smb)
  );
}

/**
 * What a side of a metric takes from one tenant: whether the tenant is counted in it, the amount
 * it adds (1 for a count, USD or users for a total), and whether only stickiness counted it.
 */
export interface Contribution {
  counted: boolean;
  value: number;
  sticky: boolean;
}

/** Not counted. */
export const NONE: Contribution = { counted: false, value: 0, sticky: false };
/** One tenant, counted by the ordinary rule. */
export const ONE: Contribution = { counted: true, value: 1, sticky: false };
/** One tenant, counted in SMB only through stickiness. */
export const ONE_STICKY: Contribution = { counted: true, value: 1, sticky: true };

/** An amount counted in a total. */
export function amount(value: number, sticky = false): Contribution {
  return { counted: true, value, sticky };
}
