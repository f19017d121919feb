import { scaleBand } from "./bands";
import { METRICS, MetricKey, TRACK_LABEL } from "./labels";
import { tenantMonthOf, WorkloadMonth } from "./m365-metrics";
import { skilling, TenantYear, usageGrowth } from "./metrics";
import { Side } from "./metrics/types";
import { formatUsd, fromMicro, MICRO_PER_USD } from "./money";
import { addTenant, MonthDetail, tally, Totals, trackResult, TrackResult } from "./month-score";
import { Nearest } from "./nearest";
import { ParsedInputs } from "./parse-inputs";
import { formatPoints, pointsOf, Thirds, thirdsOf } from "./points";
import { Band, Rules, Track, TRACKS } from "./rules/types";
import { RulesView } from "./rules-view";

/**
 * The plan to qualify: per track, how far the as-of month's score is from 70 and the nearest
 * wins — each a change to one customer, one workload, one person or one total, with the points
 * it gains found by scoring the changed month exactly (thirds, caps and gates included), never
 * estimated. Only changes in the as-of month are considered (the current TTM, this month's
 * licences, people certified by its last day).
 */

/** The metrics as the plan names them. */
export type PlanMetric = MetricKey;

/** One way to gain points. */
export interface PlanWin {
  metric: PlanMetric;
  /** Points the track gains (exact; thirds as decimals). */
  points: number;
  /** The customer tenant, workload, person or total concerned. */
  subject: string;
  needed: { amount: number; unit: string };
  because: string;
}

/** One track's distance to qualification and its nearest wins. */
export interface TrackPlan {
  shortfall: { points: number; metricsAtZero: PlanMetric[] };
  wins: PlanWin[];
}

/** Both tracks' plans. */
export type Plan = Record<Track, TrackPlan>;

/** At most this many wins per track. */
export const MAX_WINS = 25;
/** Customers (or workloads) tried per threshold: the nearest ones. */
const NEAREST = 25;

const METRIC_KEYS: readonly PlanMetric[] = METRICS.map((m) => m.key);

/** Scores changed copies of the as-of month against its side totals. */
class Simulator {
  private readonly totals: Totals;
  private readonly present: Record<Side, boolean>;

  constructor(
    readonly detail: MonthDetail,
    readonly view: RulesView,
    readonly rules: Rules
  ) {
    // Tallied again from the tenants' facts (not taken from the month's column totals, which are
    // equal): the simulator takes tenants out and puts them back with the same contributions.
    this.totals = tally(detail.years, rules);
    this.present = { azure: view.azure !== null, m365: view.m365 !== null };
  }

  track(track: Track, steps?: [number, number, number]): TrackResult {
    const s = this.detail.skill;
    const skill = steps ? { ...s, step1: steps[0], step2: steps[1], step3: steps[2] } : s;
    return trackResult(track, this.totals, skill, this.present, this.rules);
  }

  /** The track with tenant `t` changed to `changed`. */
  withTenant(track: Track, t: number, changed: TenantYear): TrackResult {
    const y = this.detail.years[t] as TenantYear;
    addTenant(this.totals, y, this.rules, -1);
    addTenant(this.totals, changed, this.rules, 1);
    const result = this.track(track);
    addTenant(this.totals, changed, this.rules, -1);
    addTenant(this.totals, y, this.rules, 1);
    return result;
  }

  /** The track with `amount` more on a side's usage-growth total now. */
  withUsage(track: Track, side: Side, amount: number): TrackResult {
    const pair = this.totals.get(usageGrowth)?.[side][track] as [number, number];
    pair[0] += amount;
    const result = this.track(track);
    pair[0] -= amount;
    return result;
  }
}

const thirdsOfMetric = (r: TrackResult, k: PlanMetric): Thirds => r[k].thirds;

/** The gain of a changed track over the base, and the metric that gained most. */
function gain(base: TrackResult, changed: TrackResult): { thirds: Thirds; metric: PlanMetric } {
  let metric: PlanMetric = "netCustomerAdds";
  let best = -Infinity;
  for (const k of METRIC_KEYS) {
    const d = thirdsOfMetric(changed, k) - thirdsOfMetric(base, k);
    if (d > best) {
      best = d;
      metric = k;
    }
  }
  return { thirds: changed.totalThirds - base.totalThirds, metric };
}

/** The least amount above `x` that enters a band from below (its lower bound), or null. */
function toEnter(x: number, band: Band, unit: number): number | null {
  if (band.min === undefined) return null;
  const target = band.minInclusive ? band.min : band.min + unit;
  return target > x ? target - x : null;
}

const usd = (micro: number): number => Math.round(micro) / MICRO_PER_USD;

/** A metric's name inside a sentence, e.g. "net customer adds". */
function metricWords(key: PlanMetric): string {
  return (METRICS.find((m) => m.key === key)?.label ?? key).toLowerCase();
}

/** What changed for the track, in words (metric by metric). */
function changedWords(base: TrackResult, changed: TrackResult): string {
  const parts: string[] = [];
  for (const k of METRIC_KEYS) {
    const d = changed[k].points - base[k].points;
    if (d > 0)
      parts.push(
        `${metricWords(k)} ${formatPoints(base[k].points)} → ${formatPoints(changed[k].points)}`
      );
  }
  return parts.join(", ");
}

/** Azure customers near a threshold: ACR still needed in the current TTM. */
function azureWins(
  sim: Simulator,
  parsed: ParsedInputs,
  track: Track,
  base: TrackResult
): PlanWin[] {
  const rules = sim.rules;
  const cent = MICRO_PER_USD / 100;
  const thresholds: { band: Band; what: string }[] = [
    {
      band: { min: rules.netCustomerAdds.azureMinTtmUsd * MICRO_PER_USD, minInclusive: true },
      what: "a net customer add",
    },
    {
      band: scaleBand(rules.deployments.azureTtmUsd[track], MICRO_PER_USD),
      what: `${track === "enterprise" ? "an" : "a"} ${TRACK_LABEL[track]} Azure deployment`,
    },
    {
      band: scaleBand(rules.usageGrowth.azureTtmUsd[track], MICRO_PER_USD),
      what: `in the ${TRACK_LABEL[track]} Security ACR band`,
    },
  ];
  const years = sim.detail.years;
  const wins: PlanWin[] = [];
  for (const { band, what } of thresholds) {
    const near = new Nearest<{ t: number; needed: number }>(NEAREST);
    years.forEach((y, t) => {
      const now = y.ttm[0];
      if (now === undefined) return;
      const entering = toEnter(now, band, cent);
      if (entering === null) return;
      const needed = Math.ceil(entering / cent) * cent;
      near.offer(needed, () => ({ t, needed }));
    });
    for (const { t, needed } of near.list()) {
      const y = years[t] as TenantYear;
      const now = y.ttm[0] as number;
      const changed = sim.withTenant(track, t, { ...y, ttm: [now + needed, y.ttm[1]] });
      const g = gain(base, changed);
      if (g.thirds <= 0) continue;
      const name = parsed.tenants.label(t);
      wins.push({
        metric: g.metric,
        points: pointsOf(g.thirds),
        subject: name,
        needed: { amount: usd(needed), unit: "USD ACR" },
        because: `${name}'s TTM eligible Azure ACR is ${formatUsd(fromMicro(now))}; ${formatUsd(usd(needed))} more this month makes it ${what} (${changedWords(base, changed)}).`,
      });
    }
  }
  return wins;
}

/** Microsoft 365 workloads near a size band or the active share of a deployment. */
function m365Wins(
  sim: Simulator,
  parsed: ParsedInputs,
  track: Track,
  base: TrackResult
): PlanWin[] {
  const rules = sim.rules;
  const band = rules.m365PaidBands[track];
  const share = rules.deployments.m365ActiveShare;
  const years = sim.detail.years;
  type Near = { t: number; w: number; needed: number; kind: "paid" | "active" };
  const near = { paid: new Nearest<Near>(NEAREST), active: new Nearest<Near>(NEAREST) };
  years.forEach((y, t) => {
    const now = y.m365[0];
    if (!now) return;
    now.workloads.forEach((w, k) => {
      const paid = toEnter(w.paid, band, 1);
      if (paid !== null) near.paid.offer(paid, () => ({ t, w: k, needed: paid, kind: "paid" }));
      const target = Math.ceil((w.paid * share.numerator) / share.denominator);
      const active = target - w.activePaid;
      if (w.activePaid < target && w.paid > 0)
        near.active.offer(active, () => ({ t, w: k, needed: active, kind: "active" }));
    });
  });
  const wins: PlanWin[] = [];
  for (const nearest of [near.paid, near.active]) {
    for (const { t, w, needed, kind } of nearest.list()) {
      const y = years[t] as TenantYear;
      const month = y.m365[0];
      if (!month) continue;
      const workloads: WorkloadMonth[] = month.workloads.map((x, k) =>
        k !== w
          ? x
          : kind === "paid"
            ? { ...x, paid: x.paid + needed, activePaid: Math.min(x.active, x.paid + needed) }
            : { ...x, active: x.activePaid + needed, activePaid: x.activePaid + needed }
      );
      const changed = sim.withTenant(track, t, {
        ...y,
        m365: [tenantMonthOf(workloads, rules), y.m365[1]],
      });
      const g = gain(base, changed);
      if (g.thirds <= 0) continue;
      const x = month.workloads[w] as WorkloadMonth;
      const workload = rules.m365Workloads[x.workload]?.canonical ?? String(x.workload);
      const name = `${parsed.tenants.label(t)} — ${workload}`;
      wins.push({
        metric: g.metric,
        points: pointsOf(g.thirds),
        subject: name,
        needed: { amount: needed, unit: kind === "paid" ? "paid licences" : "active users" },
        because:
          kind === "paid"
            ? `${name} has ${x.paid} paid licences; ${needed} more make it ${TRACK_LABEL[track]}-size (${changedWords(base, changed)}).`
            : `${name} has ${x.activePaid} active of ${x.paid} paid; ${needed} more active users reach ${(share.numerator * 100) / share.denominator}% for a deployment (${changedWords(base, changed)}).`,
      });
    }
  }
  return wins;
}

/** People: more step-1 or step-2 people for the gate, and people one step-3 exam away. */
function skillingWins(sim: Simulator, track: Track, base: TrackResult): PlanWin[] {
  const rules = sim.rules;
  const s = sim.detail.skill;
  const wins: PlanWin[] = [];
  for (const step of [1, 2] as const) {
    const steps: [number, number, number] =
      step === 1 ? [s.step1 + 1, s.step2, s.step3] : [s.step1, s.step2 + 1, s.step3];
    const changed = sim.track(track, steps);
    const g = gain(base, changed);
    if (g.thirds <= 0) continue;
    wins.push({
      metric: "skilling",
      points: pointsOf(g.thirds),
      subject: `one more person with ${skilling.exams(step, rules)}`,
      needed: { amount: 1, unit: `person certified ${skilling.exams(step, rules)}` },
      because: `Step ${step} has ${step === 1 ? s.step1 : s.step2} ${(step === 1 ? s.step1 : s.step2) === 1 ? "person" : "people"}; one more opens ${changedWords(base, changed)}.`,
    });
  }
  const step3 = sim.track(track, [s.step1, s.step2, s.step3 + 1]);
  const g3 = gain(base, step3);
  if (g3.thirds > 0)
    for (const p of s.people) {
      if (p.steps.includes(3) || !(p.steps.includes(1) || p.steps.includes(2))) continue;
      wins.push({
        metric: "skilling",
        points: pointsOf(g3.thirds),
        subject: p.person,
        needed: { amount: 1, unit: `certification: ${skilling.exams(3, rules)}` },
        because: `${p.person} holds a step-${p.steps.join(" and step-")} certification but no step-3 one: one exam away (${changedWords(base, step3)}).`,
      });
    }
  return wins;
}

/** Usage growth: what the total still needs for the next point. */
function usageWins(sim: Simulator, track: Track, base: TrackResult): PlanWin[] {
  const rules = sim.rules;
  const wins: PlanWin[] = [];
  for (const side of ["azure", "m365"] as const) {
    if (base.usageGrowth[side].current === 0 && base.usageGrowth[side].previous === 0) continue;
    const step =
      side === "azure"
        ? rules.usageGrowth.azureUsdPerPoint[track] * MICRO_PER_USD
        : rules.usageGrowth.m365UsersPerPoint[track];
    const raw = side === "azure" ? MICRO_PER_USD : 1;
    const current = base.usageGrowth[side].current * raw;
    const previous = base.usageGrowth[side].previous * raw;
    const k = Math.max(0, Math.floor((current - previous) / step));
    const needed = Math.max(1, Math.ceil(previous + (k + 1) * step - current));
    const changed = sim.withUsage(track, side, needed);
    const g = gain(base, changed);
    if (g.thirds <= 0) continue;
    wins.push({
      metric: "usageGrowth",
      points: pointsOf(g.thirds),
      subject:
        side === "azure"
          ? `Security ACR of ${TRACK_LABEL[track]}-band customers`
          : `protected users of ${TRACK_LABEL[track]}-size customers`,
      needed:
        side === "azure"
          ? { amount: usd(needed), unit: "USD ACR" }
          : { amount: needed, unit: "active paid licences" },
      because:
        side === "azure"
          ? `Security ACR is ${formatUsd(fromMicro(current))} against ${formatUsd(fromMicro(previous))} a year earlier; ${formatUsd(usd(needed))} more in the current TTM reaches the next point (${changedWords(base, changed)}).`
          : `Protected users are ${current} against ${previous} a year earlier; ${needed} more active paid licences reach the next point (${changedWords(base, changed)}).`,
    });
  }
  return wins;
}

/** Wins ranked by points gained, then by the least needed; one per subject and metric. */
function ranked(wins: PlanWin[]): PlanWin[] {
  const seen = new Set<string>();
  return wins
    .sort((a, b) => b.points - a.points || a.needed.amount - b.needed.amount)
    .filter((w) => {
      const key = `${w.metric}|${w.subject}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, MAX_WINS);
}

/**
 * The plan to qualify on each track from the as-of month's score.
 * @param wins false for the shortfall alone (the formulas that do not show the plan)
 */
export function planToQualify(
  parsed: ParsedInputs,
  view: RulesView,
  detail: MonthDetail,
  wins = true
): Plan {
  const rules = view.rules;
  const sim = new Simulator(detail, view, rules);
  const plan = {} as Plan;
  for (const track of TRACKS) {
    const base = sim.track(track);
    const short = Math.max(0, thirdsOf(rules.qualification.minTotal) - base.totalThirds);
    plan[track] = {
      shortfall: {
        points: pointsOf(short),
        metricsAtZero: METRIC_KEYS.filter((k) => base[k].thirds === 0),
      },
      wins: !wins
        ? []
        : ranked([
            ...azureWins(sim, parsed, track, base),
            ...m365Wins(sim, parsed, track, base),
            ...skillingWins(sim, track, base),
            ...usageWins(sim, track, base),
          ]),
    };
  }
  return plan;
}
