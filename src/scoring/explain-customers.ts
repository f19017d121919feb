import { formatUsd, fromMicro } from "./money";
import { deployments, netCustomerAdds, SIDED_METRICS, TenantYear } from "./metrics";
import { Side } from "./metrics/types";
import { Rules, TRACKS } from "./rules/types";
import { TenantRegistry } from "./tenants";

/**
 * Every customer's explanation (plain objects, as JSON and the scorecard show them): the figures
 * behind each count at the as-of month and a year earlier, and a plain-language reason, read from
 * the metric modules.
 */

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

const SIDES: readonly Side[] = ["azure", "m365"];
/** Workload names in the user's order, as `localeCompare` sorts them (one collator, made once). */
const BY_NAME = new Intl.Collator();
const STICKY_NOTE = "through SMB stickiness: SMB a year earlier, Enterprise now";

/** A metric's count label on one side and track, e.g. "Deployment: Azure SMB". */
interface CountLabel {
  metric: (typeof SIDED_METRICS)[number];
  side: Side;
  track: (typeof TRACKS)[number];
  label: string;
}

/** Every metric's labels, in the order explanations list them (computed once: this runs per customer). */
const COUNT_LABELS: readonly CountLabel[] = SIDED_METRICS.flatMap((metric) =>
  SIDES.flatMap((side) =>
    TRACKS.map((track) => ({ metric, side, track, label: metric.countLabel(side, track) }))
  )
);

/** The net-adds and deployment labels whose change a year on the reason names, each once. */
const CHANGE_LABELS: readonly { label: string; change: string }[] = [netCustomerAdds, deployments]
  .flatMap((metric) =>
    SIDES.flatMap((side) => TRACKS.map((track) => metric.countLabel(side, track)))
  )
  .filter((label, i, all) => all.indexOf(label) === i)
  .map((label) => ({ label, change: label.replace(": ", ", ") }));

/** The counts a tenant is in at `which` (0 the as-of month, 1 a year earlier), and the ones it is in only through stickiness. */
function countsOf(
  y: TenantYear,
  which: 0 | 1,
  rules: Rules
): { labels: string[]; sticky: string[] } {
  const labels: string[] = [];
  const sticky: string[] = [];
  for (const { metric, side, track, label } of COUNT_LABELS) {
    if (labels.includes(label)) continue;
    const c = metric.contribution(y, side, track, which, rules);
    if (!c.counted) continue;
    labels.push(label);
    if (c.sticky) sticky.push(label);
  }
  return { labels, sticky };
}

/** What changed a year on, per net-adds and deployment label. */
function changes(now: readonly string[], before: readonly string[]): string[] {
  const out: string[] = [];
  for (const { label, change } of CHANGE_LABELS) {
    const a = now.includes(label);
    const b = before.includes(label);
    if (a && !b) out.push(`${change}: new since a year ago (+1)`);
    else if (!a && b) out.push(`${change}: lost since a year ago (−1)`);
    else if (a && b) out.push(`${change}: both years (no change)`);
  }
  return out;
}

function workloadsOf(y: TenantYear, rules: Rules): WorkloadExplanation[] | null {
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
  for (const wm of y.m365[0]?.workloads ?? [])
    Object.assign(entry(wm.workload), {
      paid: wm.paid,
      active: wm.active,
      activePaid: wm.activePaid,
    });
  for (const wm of y.m365[1]?.workloads ?? [])
    Object.assign(entry(wm.workload), { paidYearAgo: wm.paid, activeYearAgo: wm.active });
  return byWorkload.size > 0
    ? [...byWorkload.values()].sort((a, b) => BY_NAME.compare(a.workload, b.workload))
    : null;
}

function reasonOf(
  y: TenantYear,
  workloads: WorkloadExplanation[] | null,
  now: { labels: string[]; sticky: string[] },
  before: { labels: string[] },
  excludedRows: number,
  rules: Rules
): string {
  const parts: string[] = [];
  const [ttm, ttmBefore] = y.ttm;
  if (ttm !== undefined)
    parts.push(
      `Azure TTM eligible ACR ${formatUsd(fromMicro(ttm))} (a year earlier ${formatUsd(fromMicro(ttmBefore ?? 0))}; a customer needs ${formatUsd(rules.netCustomerAdds.azureMinTtmUsd)}).`
    );
  if (workloads)
    parts.push(
      `Microsoft 365: ${workloads
        .map(
          (w) =>
            `${w.workload} ${w.paid} paid / ${w.active} active (a year earlier ${w.paidYearAgo} / ${w.activeYearAgo})`
        )
        .join("; ")}.`
    );
  const changed = changes(now.labels, before.labels);
  if (changed.length > 0) parts.push(`${changed.join("; ")}.`);
  else if (ttm !== undefined || workloads)
    parts.push("Below every threshold in both months: adds no customer or deployment.");
  if (now.sticky.length > 0)
    parts.push(`Counted ${STICKY_NOTE} (rules ${rules.id}): ${now.sticky.join("; ")}.`);
  if (ttm === undefined && !workloads)
    parts.push(
      excludedRows > 0
        ? `No eligible rows in the scored months; ${excludedRows} rows were not eligible or duplicate-flagged.`
        : "No eligible rows in the scored months."
    );
  else if (excludedRows > 0)
    parts.push(`${excludedRows} other rows were not eligible or duplicate-flagged.`);
  return parts.join(" ");
}

/** Every tenant's explanation at the as-of month. */
export function explainCustomers(
  tenants: TenantRegistry,
  years: readonly TenantYear[],
  excluded: ArrayLike<number>,
  rules: Rules
): CustomerExplanation[] {
  return years.map((y, t) => {
    const now = countsOf(y, 0, rules);
    const before = countsOf(y, 1, rules);
    const workloads = workloadsOf(y, rules);
    const excludedRows = excluded[t] ?? 0;
    const [ttm, ttmBefore] = y.ttm;
    return {
      tenant: tenants.ids[t] ?? "",
      name: tenants.names[t] ?? "",
      azure:
        ttm === undefined
          ? null
          : { ttmAcr: fromMicro(ttm), ttmAcrYearAgo: fromMicro(ttmBefore ?? 0) },
      m365: workloads ? { workloads } : null,
      countsNow: now.labels,
      countsYearAgo: before.labels,
      excludedRows,
      reason: reasonOf(y, workloads, now, before, excludedRows, rules),
    };
  });
}
