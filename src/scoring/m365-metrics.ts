import { inBand } from "./bands";
import { M365Monthly } from "./aggregate";
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

/** One tenant's position in one month, before workloads are added. */
function emptyMonth(): TenantM365Month {
  return {
    workloads: [],
    band: { enterprise: false, smb: false },
    deployment: { enterprise: false, smb: false },
    activePaidTotal: 0,
  };
}

/** Adds a workload's paid and active licences to a tenant's month (band and deployment per track). */
export function addWorkload(
  tenant: TenantM365Month,
  workload: number,
  paid: number,
  active: number,
  rules: Rules
): void {
  const share = rules.deployments.m365ActiveShare;
  const activePaid = Math.min(active, paid);
  tenant.workloads.push({ workload, paid, active, activePaid });
  tenant.activePaidTotal += activePaid;
  for (const track of ["enterprise", "smb"] as const) {
    if (inBand(paid, rules.m365PaidBands[track])) {
      tenant.band[track] = true;
      // Integers on both sides: activePaid / paid >= numerator / denominator, exactly.
      if (activePaid * share.denominator >= paid * share.numerator) tenant.deployment[track] = true;
    }
  }
}

/** A tenant's month made of the given workloads. */
export function tenantMonthOf(workloads: readonly WorkloadMonth[], rules: Rules): TenantM365Month {
  const tenant = emptyMonth();
  for (const w of workloads) addWorkload(tenant, w.workload, w.paid, w.active, rules);
  return tenant;
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
  for (let e = 0; e < monthly.count; e++) {
    if (monthly.month[e] !== m) continue;
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

/** The snapshots at the as-of month and a year earlier. */
export function m365Snapshots(monthly: M365Monthly, asOf: number, rules: Rules): M365Snapshots {
  return {
    now: m365Snapshot(monthly, asOf, rules),
    previous: m365Snapshot(monthly, asOf - rules.compareMonthsBack, rules),
  };
}
