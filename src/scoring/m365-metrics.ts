import { inBand } from "./bands";
import { M365Monthly } from "./aggregate";
import type { MonthColumns } from "./metrics/facts";
import { Band, Rules, Track } from "./rules/types";

/** Paid and active licences of one tenant's workload in one month, after the association dedupe. */
export interface WorkloadMonth {
  workload: number;
  paid: number;
  active: number;
  /** min(active, paid): only paid licences can be active paid licences. */
  activePaid: number;
}

/** One tenant's Microsoft 365 position in one month (scoring-rules §3–§4). */
export interface TenantM365Month {
  workloads: WorkloadMonth[];
  /** Some eligible workload is in the track's size band. */
  band: Record<Track, boolean>;
  /** Some eligible workload is in the track's size band with enough active paid licences. */
  deployment: Record<Track, boolean>;
  /** Active paid licences over all eligible workloads. */
  activePaidTotal: number;
}

/** Microsoft 365 snapshots at the as-of month (`now`) and a year earlier (`previous`), per tenant. */
export interface M365Snapshots {
  now: Map<number, TenantM365Month>;
  previous: Map<number, TenantM365Month>;
}

/** One tenant's position in one month, before workloads are added. */
function emptyMonth(): TenantM365Month {
  return {
    workloads: [],
    band: { enterprise: false, smb: false },
    deployment: { enterprise: false, smb: false },
    activePaidTotal: 0,
  };
}

/**
 * At least the deployment share of a workload's paid licences are active paid licences (scoring-
 * rules §4.3); integers on both sides, so exact.
 */
export function activeEnough(paid: number, activePaid: number, rules: Rules): boolean {
  const share = rules.deployments.m365ActiveShare;
  return activePaid * share.denominator >= paid * share.numerator;
}

/** The SMB size band without its ceiling: what a tenant kept in SMB deploys with (§8.4). */
export function smbFloor(rules: Rules): Band {
  return { ...rules.m365PaidBands.smb, max: undefined };
}

/** Adds a workload's paid and active licences to a tenant's month (band and deployment per track). */
export function addWorkload(
  tenant: TenantM365Month,
  workload: number,
  paid: number,
  active: number,
  rules: Rules
): void {
  const activePaid = Math.min(active, paid);
  tenant.workloads.push({ workload, paid, active, activePaid });
  tenant.activePaidTotal += activePaid;
  for (const track of ["enterprise", "smb"] as const) {
    if (inBand(paid, rules.m365PaidBands[track])) {
      tenant.band[track] = true;
      if (activeEnough(paid, activePaid, rules)) tenant.deployment[track] = true;
    }
  }
}

/** A tenant's month made of the given workloads. */
export function tenantMonthOf(workloads: readonly WorkloadMonth[], rules: Rules): TenantM365Month {
  const tenant = emptyMonth();
  for (const w of workloads) addWorkload(tenant, w.workload, w.paid, w.active, rules);
  return tenant;
}

/** The entries of each month, in entry order: `order[starts[k] … starts[k + 1] − 1]` for month `from + k`. */
interface MonthIndex {
  from: number;
  starts: Int32Array;
  order: Int32Array;
}

const monthIndexes = new WeakMap<M365Monthly, MonthIndex>();

/**
 * The entries grouped by month (a stable counting sort, built once per aggregate): every month
 * scored reads only its own entries instead of scanning the whole span.
 */
function monthIndex(monthly: M365Monthly): MonthIndex {
  const cached = monthIndexes.get(monthly);
  if (cached) return cached;
  let from = Infinity;
  let to = -Infinity;
  for (let e = 0; e < monthly.count; e++) {
    const m = monthly.month[e] as number;
    if (m < from) from = m;
    if (m > to) to = m;
  }
  const span = monthly.count === 0 ? 0 : to - from + 1;
  const starts = new Int32Array(span + 1);
  for (let e = 0; e < monthly.count; e++) {
    const k = (monthly.month[e] as number) - from + 1;
    starts[k] = (starts[k] as number) + 1;
  }
  for (let k = 1; k <= span; k++) starts[k] = (starts[k] as number) + (starts[k - 1] as number);
  const next = starts.slice(0, span);
  const order = new Int32Array(monthly.count);
  for (let e = 0; e < monthly.count; e++) {
    const k = (monthly.month[e] as number) - from;
    order[next[k] as number] = e;
    next[k] = (next[k] as number) + 1;
  }
  const index = { from: monthly.count === 0 ? 0 : from, starts, order };
  monthIndexes.set(monthly, index);
  return index;
}

/**
 * Every tenant's Microsoft 365 position in month `m`, from the monthly aggregates (where paid and
 * active are already the largest across association types and tables).
 */
export function m365Snapshot(
  monthly: M365Monthly,
  m: number,
  rules: Rules
): Map<number, TenantM365Month> {
  const snapshot = new Map<number, TenantM365Month>();
  const { from, starts, order } = monthIndex(monthly);
  const k = m - from;
  if (k < 0 || k >= starts.length - 1) return snapshot;
  const end = starts[k + 1] as number;
  for (let i = starts[k] as number; i < end; i++) {
    const e = order[i] as number;
    const t = monthly.tenant[e] as number;
    let tenant = snapshot.get(t);
    if (!tenant) snapshot.set(t, (tenant = emptyMonth()));
    addWorkload(
      tenant,
      monthly.workload[e] as number,
      monthly.paid[e] as number,
      monthly.active[e] as number,
      rules
    );
  }
  for (const tenant of snapshot.values()) tenant.workloads.sort((a, b) => a.workload - b.workload);
  return snapshot;
}

/**
 * Every tenant's Microsoft 365 facts in month `m` as columns: the same judgements as
 * {@link addWorkload}, entry by entry in the same order (so the totals add up alike), plus
 * whether some workload deploys at the SMB floor.
 */
export function m365Columns(
  monthly: M365Monthly | null,
  m: number,
  tenants: number,
  rules: Rules
): Omit<MonthColumns, "ttm"> {
  const columns = {
    m365: new Uint8Array(tenants),
    band: { enterprise: new Uint8Array(tenants), smb: new Uint8Array(tenants) },
    deployment: { enterprise: new Uint8Array(tenants), smb: new Uint8Array(tenants) },
    floorDeployment: new Uint8Array(tenants),
    activePaidTotal: new Float64Array(tenants),
  };
  if (!monthly) return columns;
  const { from, starts, order } = monthIndex(monthly);
  const k = m - from;
  if (k < 0 || k >= starts.length - 1) return columns;
  const floor = smbFloor(rules);
  const { enterprise, smb } = rules.m365PaidBands;
  const { m365, activePaidTotal, floorDeployment } = columns;
  const [bandE, bandS, deployE, deployS] = [
    columns.band.enterprise,
    columns.band.smb,
    columns.deployment.enterprise,
    columns.deployment.smb,
  ];
  const end = starts[k + 1] as number;
  for (let i = starts[k] as number; i < end; i++) {
    const e = order[i] as number;
    const t = monthly.tenant[e] as number;
    const paid = monthly.paid[e] as number;
    const activePaid = Math.min(monthly.active[e] as number, paid);
    const enough = activeEnough(paid, activePaid, rules);
    m365[t] = 1;
    activePaidTotal[t] = (activePaidTotal[t] as number) + activePaid;
    if (inBand(paid, enterprise)) {
      bandE[t] = 1;
      if (enough) deployE[t] = 1;
    }
    if (inBand(paid, smb)) {
      bandS[t] = 1;
      if (enough) deployS[t] = 1;
    }
    if (enough && inBand(paid, floor)) floorDeployment[t] = 1;
  }
  return columns;
}

/** The snapshots at the as-of month and a year earlier. */
export function m365Snapshots(monthly: M365Monthly, asOf: number, rules: Rules): M365Snapshots {
  return {
    now: m365Snapshot(monthly, asOf, rules),
    previous: m365Snapshot(monthly, asOf - rules.compareMonthsBack, rules),
  };
}
