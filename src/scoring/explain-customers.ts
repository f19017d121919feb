import { inBand, scaleBand } from "./bands";
import { AzureTtm } from "./azure-metrics";
import { M365Snapshots, TenantM365Month } from "./m365-metrics";
import { formatUsd, fromMicro, MICRO_PER_USD } from "./money";
import { Band, Rules, Track } from "./rules/types";
import { TenantRegistry } from "./tenants";

/** Microsoft 365 licences of one workload at the as-of month and a year earlier. */
export interface WorkloadExplanation {
  workload: string;
  paid: number;
  active: number;
  activePaid: number;
  paidYearAgo: number;
  activeYearAgo: number;
}

/** Why a customer tenant counts (or not) in each metric, now and a year earlier. */
export interface CustomerExplanation {
  tenant: string;
  name: string;
  /** TTM eligible ACR in USD at M and M − 12; `null` without Azure rows in those windows. */
  azure: { ttmAcr: number; ttmAcrYearAgo: number } | null;
  m365: { workloads: WorkloadExplanation[] } | null;
  /** The counts the tenant is in at the as-of month, e.g. "Net adds: Azure". */
  countsNow: string[];
  /** The counts the tenant was in a year earlier. */
  countsYearAgo: string[];
  /** Rows of the tenant that were not counted (not eligible or duplicate-flagged). */
  excludedRows: number;
  reason: string;
}

/** Per-tenant membership of every count, now and a year earlier. */
export interface TenantFlags {
  azureNetAdds: [boolean, boolean];
  azureDeployment: Record<Track, [boolean, boolean]>;
  azureUsage: Record<Track, [boolean, boolean]>;
  m365NetAdds: Record<Track, [boolean, boolean]>;
  m365Deployment: Record<Track, [boolean, boolean]>;
  m365Usage: Record<Track, [boolean, boolean]>;
}

const scaled = new WeakMap<Rules, { deployment: Record<Track, Band>; usage: Record<Track, Band> }>();

/** The Azure USD bands of a rules version in micro-dollars (computed once per rules). */
function microBands(rules: Rules): { deployment: Record<Track, Band>; usage: Record<Track, Band> } {
  let bands = scaled.get(rules);
  if (!bands) {
    const d = rules.deployments.azureTtmUsd;
    const u = rules.usageGrowth.azureTtmUsd;
    bands = {
      deployment: { enterprise: scaleBand(d.enterprise, MICRO_PER_USD), smb: scaleBand(d.smb, MICRO_PER_USD) },
      usage: { enterprise: scaleBand(u.enterprise, MICRO_PER_USD), smb: scaleBand(u.smb, MICRO_PER_USD) },
    };
    scaled.set(rules, bands);
  }
  return bands;
}

const TRACK_LABEL: Record<Track, string> = { enterprise: "Enterprise", smb: "SMB" };

/** Computes a tenant's membership flags from its TTM ACR and Microsoft 365 snapshots. */
export function tenantFlags(
  now: number | undefined,
  prev: number | undefined,
  m365Now: TenantM365Month | undefined,
  m365Prev: TenantM365Month | undefined,
  rules: Rules
): TenantFlags {
  const bands = microBands(rules);
  const minAdd = rules.netCustomerAdds.azureMinTtmUsd * MICRO_PER_USD;
  const az = (v: number | undefined, test: (x: number) => boolean): boolean => v !== undefined && test(v);
  const pair = (test: (x: number) => boolean): [boolean, boolean] => [az(now, test), az(prev, test)];
  const perTrack = (f: (track: Track) => [boolean, boolean]): Record<Track, [boolean, boolean]> => ({ enterprise: f("enterprise"), smb: f("smb") });
  return {
    azureNetAdds: pair((x) => x >= minAdd),
    azureDeployment: perTrack((track) => pair((x) => inBand(x, bands.deployment[track]))),
    azureUsage: perTrack((track) => pair((x) => inBand(x, bands.usage[track]))),
    m365NetAdds: perTrack((track) => [m365Now?.band[track] ?? false, m365Prev?.band[track] ?? false]),
    m365Deployment: perTrack((track) => [m365Now?.deployment[track] ?? false, m365Prev?.deployment[track] ?? false]),
    m365Usage: perTrack((track) => [m365Now?.band[track] ?? false, m365Prev?.band[track] ?? false]),
  };
}

function labelled(flags: TenantFlags, which: 0 | 1): string[] {
  const out: string[] = [];
  if (flags.azureNetAdds[which]) out.push("Net adds: Azure");
  for (const track of ["enterprise", "smb"] as const) {
    const t = TRACK_LABEL[track];
    if (flags.m365NetAdds[track][which]) out.push(`Net adds: Microsoft 365 ${t}`);
    if (flags.azureDeployment[track][which]) out.push(`Deployment: Azure ${t}`);
    if (flags.m365Deployment[track][which]) out.push(`Deployment: Microsoft 365 ${t}`);
    if (flags.azureUsage[track][which]) out.push(`Usage: Azure ${t}`);
    if (flags.m365Usage[track][which]) out.push(`Usage: Microsoft 365 ${t}`);
  }
  return out;
}

function change(label: string, [now, prev]: [boolean, boolean]): string | null {
  if (now && !prev) return `${label}: new since a year ago (+1)`;
  if (!now && prev) return `${label}: lost since a year ago (−1)`;
  if (now && prev) return `${label}: both years (no change)`;
  return null;
}

/**
 * Explains every tenant: the figures behind each count at the as-of month and a year earlier,
 * and a plain-language reason.
 */
export function explainCustomers(
  tenants: TenantRegistry,
  ttm: AzureTtm | null,
  m365: M365Snapshots | null,
  allFlags: readonly TenantFlags[],
  excluded: Map<number, number>,
  rules: Rules
): CustomerExplanation[] {
  const out: CustomerExplanation[] = [];
  const minAdd = formatUsd(rules.netCustomerAdds.azureMinTtmUsd);
  for (let t = 0; t < tenants.size; t++) {
    const hasAzure = ttm !== null && ttm.seen[t] === 1;
    const now = hasAzure ? ttm.now[t] : undefined;
    const prev = hasAzure ? ttm.previous[t] : undefined;
    const mNow = m365?.now.get(t);
    const mPrev = m365?.previous.get(t);
    const flags = allFlags[t] ?? tenantFlags(now, prev, mNow, mPrev, rules);
    const workloads = new Map<number, WorkloadExplanation>();
    const entry = (w: number): WorkloadExplanation => {
      let e = workloads.get(w);
      if (!e) {
        e = { workload: rules.m365Workloads[w]?.canonical ?? String(w), paid: 0, active: 0, activePaid: 0, paidYearAgo: 0, activeYearAgo: 0 };
        workloads.set(w, e);
      }
      return e;
    };
    for (const wm of mNow?.workloads ?? []) Object.assign(entry(wm.workload), { paid: wm.paid, active: wm.active, activePaid: wm.activePaid });
    for (const wm of mPrev?.workloads ?? []) Object.assign(entry(wm.workload), { paidYearAgo: wm.paid, activeYearAgo: wm.active });
    const excludedRows = excluded.get(t) ?? 0;

    const parts: string[] = [];
    if (hasAzure) {
      parts.push(
        `Azure TTM eligible ACR ${formatUsd(fromMicro(now ?? 0))} (a year earlier ${formatUsd(fromMicro(prev ?? 0))}; a customer needs ${minAdd}).`
      );
    }
    if (workloads.size > 0) {
      const ws = [...workloads.values()]
        .sort((a, b) => a.workload.localeCompare(b.workload))
        .map((w) => `${w.workload} ${w.paid} paid / ${w.active} active (a year earlier ${w.paidYearAgo} / ${w.activeYearAgo})`);
      parts.push(`Microsoft 365: ${ws.join("; ")}.`);
    }
    const changes = [
      change("Net adds, Azure", flags.azureNetAdds),
      ...(["enterprise", "smb"] as const).flatMap((track) => [
        change(`Net adds, Microsoft 365 ${TRACK_LABEL[track]}`, flags.m365NetAdds[track]),
        change(`Deployment, Azure ${TRACK_LABEL[track]}`, flags.azureDeployment[track]),
        change(`Deployment, Microsoft 365 ${TRACK_LABEL[track]}`, flags.m365Deployment[track]),
      ]),
    ].filter((c): c is string => c !== null);
    if (changes.length > 0) parts.push(`${changes.join("; ")}.`);
    else if (hasAzure || workloads.size > 0) parts.push("Below every threshold in both months: adds no customer or deployment.");
    if (!hasAzure && workloads.size === 0) {
      parts.push(excludedRows > 0 ? `No eligible rows in the scored months; ${excludedRows} rows were not eligible or duplicate-flagged.` : "No eligible rows in the scored months.");
    } else if (excludedRows > 0) {
      parts.push(`${excludedRows} other rows were not eligible or duplicate-flagged.`);
    }
    out.push({
      tenant: tenants.ids[t] ?? "",
      name: tenants.names[t] ?? "",
      azure: hasAzure ? { ttmAcr: fromMicro(now ?? 0), ttmAcrYearAgo: fromMicro(prev ?? 0) } : null,
      m365: workloads.size > 0 ? { workloads: [...workloads.values()] } : null,
      countsNow: labelled(flags, 0),
      countsYearAgo: labelled(flags, 1),
      excludedRows,
      reason: parts.join(" "),
    });
  }
  return out;
}
