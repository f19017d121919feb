import { AzureMonthly, M365Monthly } from "./aggregate";
import { formatDay, lastDayOfMonth } from "./calendar";
import { PersonExplanation } from "./certifications";
import { parseAsOf } from "./as-of";
import { METRICS, TRACK_LABEL } from "./labels";
import { deployments, netCustomerAdds } from "./metrics";
import { formatUsd, fromMicro } from "./money";
import { formatPoints } from "./points";
import { TenantRegistry } from "./tenants";
import { MonthDetail, MonthScore, monthScore, scoreMonth } from "./month-score";
import { rulesFor } from "./rules";
import { Rules, Track } from "./rules/types";
import { RulesView } from "./rules-view";
import type { ScoringContext } from "./score";

/**
 * The outlook (issue "score month by month"): the score of each of the twelve months ending at
 * the as-of month, and of the six months after it under a flat run-rate, with the first month at
 * risk and why. Every month is scored by the same `scoreMonth` as the main score, each under the
 * rules in force that month unless a version was chosen; twelve months cost one read of the data
 * (the views cover the whole span), not twelve runs.
 */

/** Months of history, ending at the as-of month. */
export const HISTORY_MONTHS = 12;
/** Months of forecast after the as-of month. */
export const FORECAST_MONTHS = 6;

/** What the forecast assumes. */
export const FORECAST_ASSUMPTION = "flat" as const;

/** The forecast's assumption in words (shown wherever the forecast is). */
export const FORECAST_NOTE =
  "A projection, not a promise: it assumes a flat run-rate — every customer's eligible monthly Azure ACR and every workload's paid and active licences stay as they were in the as-of month — while certifications lapse on their expiry dates and by the retired-certification rule, each month under the rules in force for it.";

/** History, forecast and the first month at risk. */
export interface Outlook {
  history: MonthScore[];
  forecast: MonthScore[];
  forecastAssumption: typeof FORECAST_ASSUMPTION;
  /** The first forecast month (`YYYY-MM`) where the as-of month's best track stops qualifying or one of its metrics falls to 0; null when none does. */
  firstMonthAtRisk: string | null;
  /** Why that month is at risk: each a sentence tied to a row or person. */
  riskDrivers: string[];
}

/** An Azure monthly block carried `ahead` months past `asOf` at the as-of month's values. */
function azureFlat(monthly: AzureMonthly, asOf: number, ahead: number): AzureMonthly {
  const tenants = monthly.seen.length;
  const months = monthly.months + ahead;
  const acr = new Float64Array(tenants * months);
  const present = new Uint8Array(tenants * months);
  const at = asOf - monthly.from;
  for (let t = 0; t < tenants; t++) {
    const from = t * monthly.months;
    acr.set(monthly.acr.subarray(from, from + monthly.months), t * months);
    present.set(monthly.present.subarray(from, from + monthly.months), t * months);
    for (let k = 1; k <= ahead; k++) {
      acr[t * months + at + k] = monthly.acr[from + at] as number;
      present[t * months + at + k] = monthly.present[from + at] as number;
    }
  }
  return { from: monthly.from, months, acr, present, seen: monthly.seen };
}

/** Licence entries of the as-of month repeated for each of the `ahead` months after it. */
function m365Flat(monthly: M365Monthly, asOf: number, ahead: number): M365Monthly {
  const last: number[] = [];
  for (let e = 0; e < monthly.count; e++) if (monthly.month[e] === asOf) last.push(e);
  const count = monthly.count + last.length * ahead;
  const out: M365Monthly = {
    count,
    tenant: new Int32Array(count),
    workload: new Int16Array(count),
    month: new Int32Array(count),
    paid: new Float64Array(count),
    active: new Float64Array(count),
  };
  out.tenant.set(monthly.tenant.subarray(0, monthly.count));
  out.workload.set(monthly.workload.subarray(0, monthly.count));
  out.month.set(monthly.month.subarray(0, monthly.count));
  out.paid.set(monthly.paid.subarray(0, monthly.count));
  out.active.set(monthly.active.subarray(0, monthly.count));
  let n = monthly.count;
  for (let k = 1; k <= ahead; k++)
    for (const e of last) {
      out.tenant[n] = monthly.tenant[e] as number;
      out.workload[n] = monthly.workload[e] as number;
      out.month[n] = asOf + k;
      out.paid[n] = monthly.paid[e] as number;
      out.active[n] = monthly.active[e] as number;
      n++;
    }
  return out;
}

/** A rules view whose data runs on flat from the as-of month. */
export function flatView(view: RulesView, asOf: number, ahead: number): RulesView {
  const span = view.window;
  return {
    ...view,
    window: { from: span.from, to: asOf + ahead },
    azure: view.azure ? azureFlat(view.azure, asOf, ahead) : null,
    m365: view.m365 ? m365Flat(view.m365, asOf, ahead) : null,
  };
}

/**
 * The month scores of `HISTORY_MONTHS` months ending at `asOf`, oldest first (the scores only,
 * tallied from column facts: no object per tenant, which keeps time and memory flat).
 */
export function scoreHistory(
  context: ScoringContext,
  asOf: number,
  chosen: string | null | undefined
): MonthScore[] {
  const out: MonthScore[] = [];
  for (let m = asOf - HISTORY_MONTHS + 1; m <= asOf; m++)
    out.push(context.score(rulesFor(m, chosen).rules, m));
  return out;
}

/**
 * The month scores of the `FORECAST_MONTHS` months after `asOf` under a flat run-rate, and the
 * detail of the first month `keep` accepts (only that month is scored again with its facts).
 */
export function scoreForecast(
  context: ScoringContext,
  asOf: number,
  chosen: string | null | undefined,
  keep: (score: MonthScore) => boolean = () => false
): { scores: MonthScore[]; kept: MonthDetail | null } {
  const views = new Map<string, RulesView>();
  const scores: MonthScore[] = [];
  let kept: MonthDetail | null = null;
  for (let m = asOf + 1; m <= asOf + FORECAST_MONTHS; m++) {
    const rules = rulesFor(m, chosen).rules;
    let view = views.get(rules.id);
    if (!view) views.set(rules.id, (view = flatView(context.view(rules), asOf, FORECAST_MONTHS)));
    const tenants = context.parsed.tenants.size;
    const score = monthScore(view, tenants, context.matched(rules), m);
    scores.push(score);
    // Only the first month kept needs its facts per tenant (for the risk drivers).
    if (!kept && keep(score)) kept = scoreMonth(view, tenants, context.matched(rules), m);
  }
  return { scores, kept };
}

/** True when month `f` puts the track at risk against the as-of month `now`. */
function atRisk(now: MonthScore, f: MonthScore, track: Track): boolean {
  const a = now.tracks[track];
  const b = f.tracks[track];
  if (a.qualified && !b.qualified) return true;
  return METRICS.some(({ key }) => a[key].points > 0 && b[key].points === 0);
}

/** The people who counted in a step at the as-of month and no longer do at `f`, with the lapse. */
function peopleDrivers(now: MonthDetail, f: MonthDetail, track: Track, rules: Rules): string[] {
  const later = new Map<string, PersonExplanation>(f.skill.people.map((p) => [p.person, p]));
  const out: string[] = [];
  const gate = rules.skilling.enterpriseGate;
  for (const p of now.skill.people) {
    const q = later.get(p.person);
    const lost = p.steps.filter((s) => !(q?.steps ?? []).includes(s));
    for (const step of lost) {
      const cert = q?.certifications.find((c) => c.step === step && c.status !== "held");
      const what = cert
        ? `${cert.exam ?? cert.certification} of ${p.person}`
        : `${p.person}'s step-${step} certification`;
      const when = cert?.expires
        ? `lapses on ${cert.expires}`
        : `stops counting by ${formatDay(lastDayOfMonth(parseAsOf(f.score.asOf)))}`;
      const count = step === 1 ? f.skill.step1 : step === 2 ? f.skill.step2 : f.skill.step3;
      const needs =
        track === "enterprise" && step < 3
          ? ` (Enterprise needs ${step === 1 ? gate.step1 : gate.step2})`
          : "";
      out.push(
        `${what} ${when}; step ${step} drops to ${count} ${count === 1 ? "person" : "people"}${needs}.`
      );
    }
  }
  return out;
}

/**
 * Customers counted in the track's net adds or deployments at the as-of month and no longer at
 * `f`, as the metric modules decide (each month under its own rules).
 */
function tenantDrivers(
  tenants: TenantRegistry,
  now: MonthDetail,
  f: MonthDetail,
  track: Track,
  rules: { now: Rules; later: Rules }
): string[] {
  const out: string[] = [];
  for (let t = 0; t < now.years.length; t++) {
    const a = now.years[t];
    const b = f.years[t];
    if (!a || !b) continue;
    const lost: string[] = [];
    for (const metric of [netCustomerAdds, deployments])
      for (const side of ["azure", "m365"] as const)
        if (
          metric.contribution(a, side, track, 0, rules.now).counted &&
          !metric.contribution(b, side, track, 0, rules.later).counted
        )
          lost.push(metric.countLabel(side, track));
    if (lost.length === 0) continue;
    const ttm = b.ttm[0];
    const figure =
      ttm === undefined
        ? `${tenants.label(t)} in ${f.score.asOf}`
        : `${tenants.label(t)}'s TTM eligible Azure ACR falls to ${formatUsd(fromMicro(ttm))} in ${f.score.asOf}`;
    out.push(`${figure}: no longer counted in ${[...new Set(lost)].join("; ")}.`);
  }
  return out;
}

/** The metric-level changes of the track between the as-of month and `f`. */
function metricDrivers(now: MonthScore, f: MonthScore, track: Track, rules: Rules): string[] {
  const out: string[] = [];
  for (const { key, label } of METRICS) {
    const a = now.tracks[track][key].points;
    const b = f.tracks[track][key].points;
    if (b < a)
      out.push(
        `${label} (${TRACK_LABEL[track]}) falls from ${formatPoints(a)} to ${formatPoints(b)} points in ${f.asOf}${b === 0 ? " (a metric at 0 fails qualification)" : ""}.`
      );
  }
  const a = now.tracks[track];
  const b = f.tracks[track];
  const minTotal = rules.qualification.minTotal;
  if (a.qualified && !b.qualified)
    out.unshift(
      `${TRACK_LABEL[track]} stops qualifying in ${f.asOf}: ${formatPoints(b.total)} points (${b.total < minTotal ? `${formatPoints(minTotal - b.total)} short of ${minTotal}` : "a metric at 0"}).`
    );
  return out;
}

/** Most drivers listed one by one; the rest are counted. */
const LISTED_DRIVERS = 12;

/**
 * The outlook around `asOf`: history, forecast, the first month at risk and its drivers.
 * @param current the as-of month's detail (the main score)
 */
export function outlook(
  context: ScoringContext,
  asOf: number,
  chosen: string | null | undefined,
  current: MonthDetail
): Outlook {
  const history = scoreHistory(context, asOf, chosen);
  const track = current.score.bestTrack;
  const { scores: forecast, kept: risky } = scoreForecast(context, asOf, chosen, (f) =>
    atRisk(current.score, f, track)
  );
  let riskDrivers: string[] = [];
  if (risky) {
    const rules = rulesFor(parseAsOf(risky.score.asOf), chosen).rules;
    const all = [
      ...metricDrivers(current.score, risky.score, track, rules),
      ...peopleDrivers(current, risky, track, rules),
      ...tenantDrivers(context.parsed.tenants, current, risky, track, {
        now: rulesFor(asOf, chosen).rules,
        later: rules,
      }),
    ];
    riskDrivers =
      all.length > LISTED_DRIVERS
        ? [...all.slice(0, LISTED_DRIVERS), `… and ${all.length - LISTED_DRIVERS} more changes.`]
        : all;
  }
  return {
    history,
    forecast,
    forecastAssumption: FORECAST_ASSUMPTION,
    firstMonthAtRisk: risky ? risky.score.asOf : null,
    riskDrivers,
  };
}
