import { inBand, scaleBand } from "./bands";
import { AzureTtm } from "./azure-metrics";
import { TRACK_LABEL } from "./labels";
import { M365Snapshots, TenantM365Month } from "./m365-metrics";
import { formatUsd, fromMicro, MICRO_PER_USD } from "./money";
import { Band, Rules, Track, TRACKS } from "./rules/types";
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

/** The counts a tenant can be in, each now and a year earlier. */
export type CountKey =
  | "azureNetAdds"
  | "m365NetAdds"
  | "azureDeployment"
  | "m365Deployment"
  | "azureUsage"
  | "m365Usage";

interface CountInfo {
  key: CountKey;
  track: Track | "both";
  label: string;
  change: string | null;
}

/** Every count in the order explanations list them; the index is the count's bit pair. */
export const COUNTS: readonly CountInfo[] = [
  { key: "azureNetAdds", track: "both", label: "Net adds: Azure", change: "Net adds, Azure" },
  ...(["enterprise", "smb"] as const).flatMap((track): CountInfo[] => {
    const t = TRACK_LABEL[track];
    return [
      {
        key: "m365NetAdds",
        track,
        label: `Net adds: Microsoft 365 ${t}`,
        change: `Net adds, Microsoft 365 ${t}`,
      },
      {
        key: "azureDeployment",
        track,
        label: `Deployment: Azure ${t}`,
        change: `Deployment, Azure ${t}`,
      },
      {
        key: "m365Deployment",
        track,
        label: `Deployment: Microsoft 365 ${t}`,
        change: `Deployment, Microsoft 365 ${t}`,
      },
      { key: "azureUsage", track, label: `Usage: Azure ${t}`, change: null },
      { key: "m365Usage", track, label: `Usage: Microsoft 365 ${t}`, change: null },
    ];
  }),
];

/** The bit of a count at `which` (0 = now, 1 = a year earlier) in a tenant's flags. */
export function countBit(key: CountKey, track: Track, which: 0 | 1): number {
  const index = COUNTS.findIndex((c) => c.key === key && (c.track === "both" || c.track === track));
  return 1 << (index * 2 + which);
}

const scaled = new WeakMap<
  Rules,
  { deployment: Record<Track, Band>; usage: Record<Track, Band> }
>();

/** The Azure USD bands of a rules version in micro-dollars (computed once per rules). */
function microBands(rules: Rules): { deployment: Record<Track, Band>; usage: Record<Track, Band> } {
  let bands = scaled.get(rules);
  if (!bands) {
    const d = rules.deployments.azureTtmUsd;
    const u = rules.usageGrowth.azureTtmUsd;
    bands = {
      deployment: {
        enterprise: scaleBand(d.enterprise, MICRO_PER_USD),
        smb: scaleBand(d.smb, MICRO_PER_USD),
      },
      usage: {
        enterprise: scaleBand(u.enterprise, MICRO_PER_USD),
        smb: scaleBand(u.smb, MICRO_PER_USD),
      },
    };
    scaled.set(rules, bands);
  }
  return bands;
}

/** Bits of one count per track, `[now, year ago]`. */
function bits(key: CountKey, track: Track): readonly [number, number] {
  return [countBit(key, track, 0), countBit(key, track, 1)];
}
/** Each count's bits in a tenant's flags, `[now, year ago]`, per track where the count has one. */
export const COUNT_BITS = {
  azureNetAdds: bits("azureNetAdds", "enterprise"),
  m365NetAdds: { enterprise: bits("m365NetAdds", "enterprise"), smb: bits("m365NetAdds", "smb") },
  azureDeployment: {
    enterprise: bits("azureDeployment", "enterprise"),
    smb: bits("azureDeployment", "smb"),
  },
  m365Deployment: {
    enterprise: bits("m365Deployment", "enterprise"),
    smb: bits("m365Deployment", "smb"),
  },
  azureUsage: { enterprise: bits("azureUsage", "enterprise"), smb: bits("azureUsage", "smb") },
  m365Usage: { enterprise: bits("m365Usage", "enterprise"), smb: bits("m365Usage", "smb") },
};

/**
 * A tenant's membership of every count, now and a year earlier, as bits (see {@link countBit}):
 * one integer per tenant keeps a million-row score free of per-tenant objects.
 * @param now TTM eligible ACR (micro-dollars) at M, `undefined` without Azure rows
 * @param prev the same at M − 12
 */
export function tenantFlags(
  now: number | undefined,
  prev: number | undefined,
  m365Now: TenantM365Month | undefined,
  m365Prev: TenantM365Month | undefined,
  rules: Rules
): number {
  const bands = microBands(rules);
  const minAdd = rules.netCustomerAdds.azureMinTtmUsd * MICRO_PER_USD;
  let flags = 0;
  for (const which of [0, 1] as const) {
    const ttm = which === 0 ? now : prev;
    if (ttm !== undefined) {
      if (ttm >= minAdd) flags |= COUNT_BITS.azureNetAdds[which];
      for (const track of TRACKS) {
        if (inBand(ttm, bands.deployment[track])) flags |= COUNT_BITS.azureDeployment[track][which];
        if (inBand(ttm, bands.usage[track])) flags |= COUNT_BITS.azureUsage[track][which];
      }
    }
    const m365 = which === 0 ? m365Now : m365Prev;
    if (m365) {
      for (const track of TRACKS) {
        if (m365.band[track])
          flags |= COUNT_BITS.m365NetAdds[track][which] | COUNT_BITS.m365Usage[track][which];
        if (m365.deployment[track]) flags |= COUNT_BITS.m365Deployment[track][which];
      }
    }
  }
  return flags;
}

function labelled(flags: number, which: 0 | 1): string[] {
  return COUNTS.filter((_, index) => flags & (1 << (index * 2 + which))).map((c) => c.label);
}

function changes(flags: number): string[] {
  const out: string[] = [];
  COUNTS.forEach((c, index) => {
    if (c.change === null) return;
    const now = (flags & (1 << (index * 2))) !== 0;
    const prev = (flags & (1 << (index * 2 + 1))) !== 0;
    if (now && !prev) out.push(`${c.change}: new since a year ago (+1)`);
    else if (!now && prev) out.push(`${c.change}: lost since a year ago (−1)`);
    else if (now && prev) out.push(`${c.change}: both years (no change)`);
  });
  return out;
}

/** Facts behind one tenant's explanation. */
interface TenantFacts {
  tenant: string;
  name: string;
  /** TTM ACR micro-dollars, or `undefined` without Azure rows in the windows. */
  now: number | undefined;
  prev: number | undefined;
  mNow: TenantM365Month | undefined;
  mPrev: TenantM365Month | undefined;
  flags: number;
  excludedRows: number;
  rules: Rules;
}

/**
 * One customer's explanation. Its lists and sentence are written when first read: a million-row
 * score need not build 20,000 sentences that only a report or the JSON output will show.
 */
class Explanation implements CustomerExplanation {
  readonly tenant: string;
  readonly name: string;
  readonly excludedRows: number;
  private cache: { workloads?: WorkloadExplanation[] | null; reason?: string } = {};

  constructor(private readonly facts: TenantFacts) {
    this.tenant = facts.tenant;
    this.name = facts.name;
    this.excludedRows = facts.excludedRows;
  }

  get azure(): CustomerExplanation["azure"] {
    const { now, prev } = this.facts;
    return now === undefined
      ? null
      : { ttmAcr: fromMicro(now), ttmAcrYearAgo: fromMicro(prev ?? 0) };
  }

  private workloads(): WorkloadExplanation[] | null {
    if (this.cache.workloads !== undefined) return this.cache.workloads;
    const { mNow, mPrev, rules } = this.facts;
    const byWorkload = new Map<number, WorkloadExplanation>();
    const entry = (w: number): WorkloadExplanation => {
      let e = byWorkload.get(w);
      if (!e) {
        e = {
          workload: rules.m365Workloads[w]?.canonical ?? String(w),
          paid: 0,
          active: 0,
          activePaid: 0,
          paidYearAgo: 0,
          activeYearAgo: 0,
        };
        byWorkload.set(w, e);
      }
      return e;
    };
    for (const wm of mNow?.workloads ?? [])
      Object.assign(entry(wm.workload), {
        paid: wm.paid,
        active: wm.active,
        activePaid: wm.activePaid,
      });
    for (const wm of mPrev?.workloads ?? [])
      Object.assign(entry(wm.workload), { paidYearAgo: wm.paid, activeYearAgo: wm.active });
    this.cache.workloads =
      byWorkload.size > 0
        ? [...byWorkload.values()].sort((a, b) => a.workload.localeCompare(b.workload))
        : null;
    return this.cache.workloads;
  }

  get m365(): CustomerExplanation["m365"] {
    const workloads = this.workloads();
    return workloads ? { workloads } : null;
  }

  get countsNow(): string[] {
    return labelled(this.facts.flags, 0);
  }

  get countsYearAgo(): string[] {
    return labelled(this.facts.flags, 1);
  }

  get reason(): string {
    return (this.cache.reason ??= this.writeReason());
  }

  private writeReason(): string {
    const { now, prev, flags, excludedRows, rules } = this.facts;
    const workloads = this.workloads();
    const parts: string[] = [];
    if (now !== undefined) {
      parts.push(
        `Azure TTM eligible ACR ${formatUsd(fromMicro(now))} (a year earlier ${formatUsd(fromMicro(prev ?? 0))}; a customer needs ${formatUsd(rules.netCustomerAdds.azureMinTtmUsd)}).`
      );
    }
    if (workloads) {
      const ws = workloads.map(
        (w) =>
          `${w.workload} ${w.paid} paid / ${w.active} active (a year earlier ${w.paidYearAgo} / ${w.activeYearAgo})`
      );
      parts.push(`Microsoft 365: ${ws.join("; ")}.`);
    }
    const changed = changes(flags);
    if (changed.length > 0) parts.push(`${changed.join("; ")}.`);
    else if (now !== undefined || workloads)
      parts.push("Below every threshold in both months: adds no customer or deployment.");
    if (now === undefined && !workloads) {
      parts.push(
        excludedRows > 0
          ? `No eligible rows in the scored months; ${excludedRows} rows were not eligible or duplicate-flagged.`
          : "No eligible rows in the scored months."
      );
    } else if (excludedRows > 0) {
      parts.push(`${excludedRows} other rows were not eligible or duplicate-flagged.`);
    }
    return parts.join(" ");
  }

  /** The plain object JSON shows. */
  toJSON(): CustomerExplanation {
    const { tenant, name, azure, m365, countsNow, countsYearAgo, excludedRows, reason } = this;
    return { tenant, name, azure, m365, countsNow, countsYearAgo, excludedRows, reason };
  }
}

/**
 * Explains every tenant: the figures behind each count at the as-of month and a year earlier,
 * and a plain-language reason.
 */
export function explainCustomers(
  tenants: TenantRegistry,
  ttm: AzureTtm | null,
  m365: M365Snapshots | null,
  allFlags: Int32Array,
  excluded: ArrayLike<number>,
  rules: Rules
): CustomerExplanation[] {
  const out: CustomerExplanation[] = new Array<CustomerExplanation>(tenants.size);
  for (let t = 0; t < tenants.size; t++) {
    const hasAzure = ttm !== null && ttm.seen[t] === 1;
    out[t] = new Explanation({
      tenant: tenants.ids[t] ?? "",
      name: tenants.names[t] ?? "",
      now: hasAzure ? (ttm.now[t] ?? 0) : undefined,
      prev: hasAzure ? (ttm.previous[t] ?? 0) : undefined,
      mNow: m365?.now.get(t),
      mPrev: m365?.previous.get(t),
      flags: allFlags[t] ?? 0,
      excludedRows: excluded[t] ?? 0,
      rules,
    });
  }
  return out;
}
