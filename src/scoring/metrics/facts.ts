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

/**
 * True when a micro-dollar amount lies in a USD band. The bounds are scaled as `scaleBand` scales
 * them (bound × 10^6, exact), inline: this runs for every tenant, side and track of every month.
 */
export function inUsdBand(micro: number | undefined, band: Band): boolean {
  if (micro === undefined) return false;
  const { min, max } = band;
  if (min !== undefined) {
    const lo = min * MICRO_PER_USD;
    if (band.minInclusive ? micro < lo : micro <= lo) return false;
  }
  if (max !== undefined) {
    const hi = max * MICRO_PER_USD;
    if (band.maxInclusive ? micro > hi : micro >= hi) return false;
  }
  return true;
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

/**
 * Every tenant's facts at one month as columns: what {@link TenantYear} holds for one tenant, for
 * all tenants at once. The months scored only for their totals (history, forecast) are tallied
 * from these, without an object per tenant.
 */
export interface MonthColumns {
  /** TTM eligible ACR (micro-dollars) per tenant; meaningful where {@link YearColumns.azure} is 1. */
  ttm: Float64Array;
  /** 1 where the tenant has an eligible Microsoft 365 workload in the month. */
  m365: Uint8Array;
  /** {@link TenantM365Month.band} per track, 1 for true. */
  band: Record<Track, Uint8Array>;
  /** {@link TenantM365Month.deployment} per track, 1 for true. */
  deployment: Record<Track, Uint8Array>;
  /** 1 where a workload of at least the SMB minimum size has enough active paid licences. */
  floorDeployment: Uint8Array;
  /** {@link TenantM365Month.activePaidTotal}. */
  activePaidTotal: Float64Array;
}

/** Every tenant's facts at a month (index 0) and a year earlier (index 1), as columns. */
export interface YearColumns {
  tenants: number;
  /** 1 for tenants with Azure facts (a TTM defined at both months), as `TenantYear.ttm`. */
  azure: Uint8Array;
  at: readonly [MonthColumns, MonthColumns];
}

/** {@link stickyM365} for tenant `t` of the columns. */
export function stickyM365At(y: YearColumns, t: number, rules: Rules): boolean {
  const [now, before] = y.at;
  return (
    rules.smbStickiness &&
    now.band.enterprise[t] === 1 &&
    now.band.smb[t] === 0 &&
    before.band.smb[t] === 1
  );
}

/** {@link stickyAzure} for tenant `t` of the columns. */
export function stickyAzureAt(
  y: YearColumns,
  t: number,
  bands: Record<Track, Band>,
  rules: Rules
): boolean {
  return (
    rules.smbStickiness &&
    y.azure[t] === 1 &&
    inUsdBand(y.at[0].ttm[t], bands.enterprise) &&
    inUsdBand(y.at[1].ttm[t], bands.smb)
  );
}
