import { inBand } from "./bands";
import { M365Rows } from "./parse-m365";
import { Rules, Track } from "./rules/types";

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

/**
 * Builds the two snapshots: per (tenant, workload, month), paid and active are summed per
 * association type and the largest paid and largest active across types are kept.
 */
export function m365Snapshots(rows: M365Rows, asOf: number, rules: Rules): M365Snapshots {
  const previousMonth = asOf - rules.compareMonthsBack;
  const typeCount = Math.max(1, rows.associationTypes.length);
  const keys = new Map<number, number>();
  const entryTenant: number[] = [];
  const entryWorkload: number[] = [];
  const entrySnap: number[] = [];
  const paidSums: number[] = [];
  const activeSums: number[] = [];
  const types: number[] = [];
  const workloadCount = rules.m365Workloads.length;

  for (let i = 0; i < rows.count; i++) {
    const m = rows.month[i] ?? 0;
    const snap = m === asOf ? 0 : m === previousMonth ? 1 : -1;
    if (snap < 0) continue;
    const t = rows.tenant[i] ?? 0;
    const w = rows.workload[i] ?? 0;
    const key = (t * workloadCount + w) * 2 + snap;
    let e = keys.get(key);
    if (e === undefined) {
      e = entryTenant.length;
      keys.set(key, e);
      entryTenant.push(t);
      entryWorkload.push(w);
      entrySnap.push(snap);
      types.push(0);
      for (let k = 0; k < typeCount; k++) {
        paidSums.push(0);
        activeSums.push(0);
      }
    }
    const type = rows.association[i] ?? 0;
    const slot = e * typeCount + type;
    paidSums[slot] = (paidSums[slot] ?? 0) + (rows.paid[i] ?? 0);
    activeSums[slot] = (activeSums[slot] ?? 0) + (rows.active[i] ?? 0);
    types[e] = (types[e] ?? 0) | (1 << type);
  }

  const result: M365Snapshots = { now: new Map(), previous: new Map() };
  for (let e = 0; e < entryTenant.length; e++) {
    let paid = 0;
    let active = 0;
    for (let k = 0; k < typeCount; k++) {
      if ((types[e] ?? 0) & (1 << k)) {
        paid = Math.max(paid, paidSums[e * typeCount + k] ?? 0);
        active = Math.max(active, activeSums[e * typeCount + k] ?? 0);
      }
    }
    const snapshot = entrySnap[e] === 0 ? result.now : result.previous;
    const t = entryTenant[e] ?? 0;
    let tenant = snapshot.get(t);
    if (!tenant) {
      tenant = {
        workloads: [],
        band: { enterprise: false, smb: false },
        deployment: { enterprise: false, smb: false },
        activePaidTotal: 0,
      };
      snapshot.set(t, tenant);
    }
    const activePaid = Math.min(active, paid);
    tenant.workloads.push({ workload: entryWorkload[e] ?? 0, paid, active, activePaid });
    tenant.activePaidTotal += activePaid;
    const share = rules.deployments.m365ActiveShare;
    for (const track of ["enterprise", "smb"] as const) {
      if (inBand(paid, rules.m365PaidBands[track])) {
        tenant.band[track] = true;
        // Integers on both sides: activePaid / paid >= numerator / denominator, exactly.
        if (activePaid * share.denominator >= paid * share.numerator)
          tenant.deployment[track] = true;
      }
    }
  }
  for (const snapshot of [result.now, result.previous]) {
    for (const tenant of snapshot.values())
      tenant.workloads.sort((a, b) => a.workload - b.workload);
  }
  return result;
}
