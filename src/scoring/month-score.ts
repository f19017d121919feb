import { azureTtm } from "./azure-metrics";
import { evaluateCertifications, MatchedCert, SkillingInput } from "./certifications";
import { formatMonth, lastDayOfMonth } from "./calendar";
import { m365Columns, TenantM365Month, m365Snapshots } from "./m365-metrics";
import { SIDED_METRICS, skilling, TenantYear } from "./metrics";
import { YearColumns } from "./metrics/facts";
import { Side, SidedMetricModule } from "./metrics/types";
import { clampThirds, pointsOf, Thirds, thirdsOf } from "./points";
import { Rules, Track, TRACKS } from "./rules/types";
import { RulesView } from "./rules-view";

/**
 * Scoring one month (scoring-rules §4–§5): every tenant's contribution to each metric's sides
 * (through the metric modules), the side and metric points, totals, qualification and the best
 * path. The main score, the rules comparison and the month-by-month history all use it.
 */

/** One side (Azure or Microsoft 365) of a metric. */
export interface SideResult {
  /** Count of tenants (net adds, deployments), USD (Azure usage) or protected users (Microsoft 365 usage) at M. */
  current: number;
  /** The same at M − 12. */
  previous: number;
  /** Side points, floored at 0 and capped at the metric maximum. */
  points: number;
  /** Side points in thirds. */
  thirds: Thirds;
}

/** A metric with an Azure and a Microsoft 365 side. */
export interface SidedMetric {
  points: number;
  thirds: Thirds;
  max: number;
  azure: SideResult;
  m365: SideResult;
}

/** The intermediate-certifications metric. */
export interface SkillingMetric {
  points: number;
  thirds: Thirds;
  max: number;
  /** Distinct people holding a step-1, step-2 and step-3 certification on the evaluation day. */
  step1: number;
  step2: number;
  step3: number;
}

/** One track's score. */
export interface TrackResult {
  netCustomerAdds: SidedMetric;
  skilling: SkillingMetric;
  deployments: SidedMetric;
  usageGrowth: SidedMetric;
  total: number;
  totalThirds: Thirds;
  qualified: boolean;
}

/** A month's score under one rules version. */
export interface MonthScore {
  /** `YYYY-MM`. */
  asOf: string;
  rules: string;
  tracks: Record<Track, TrackResult>;
  bestTrack: Track;
  total: number;
  qualified: boolean;
}

/** What a month's score was computed from, for explanations. */
export interface MonthDetail {
  score: MonthScore;
  /** Every tenant's Azure TTM and Microsoft 365 position at the month and a year earlier. */
  years: TenantYear[];
  skill: SkillingInput;
}

/** The best path (scoring-rules §5): qualifying first, then the higher total, then Enterprise. */
export function bestTrack(tracks: Record<Track, TrackResult>): Track {
  const e = tracks.enterprise;
  const s = tracks.smb;
  if (e.qualified !== s.qualified) return e.qualified ? "enterprise" : "smb";
  return s.totalThirds > e.totalThirds ? "smb" : "enterprise";
}

/** Every tenant's facts at month `m` and a year earlier, under a rules view. */
export function tenantYears(view: RulesView, tenants: number, m: number): TenantYear[] {
  const rules = view.rules;
  const ttm = view.azure ? azureTtm(view.azure, m, rules) : null;
  const snaps = view.m365 ? m365Snapshots(view.m365, m, rules) : null;
  const years: TenantYear[] = new Array<TenantYear>(tenants);
  for (let t = 0; t < tenants; t++) {
    const azure = ttm !== null && ttm.seen[t] === 1;
    const now: TenantM365Month | undefined = snaps?.now.get(t);
    const before: TenantM365Month | undefined = snaps?.previous.get(t);
    years[t] = {
      ttm: azure ? [ttm.now[t] as number, ttm.previous[t] as number] : [undefined, undefined],
      m365: [now, before],
    };
  }
  return years;
}

/** Totals of every side, track and month: `[metric][side][track] = [now, a year earlier]`. */
export type Totals = Map<SidedMetricModule, Record<Side, Record<Track, [number, number]>>>;

/** Adds one tenant's contributions to the totals (`sign` −1 takes them out again). */
export function addTenant(totals: Totals, y: TenantYear, rules: Rules, sign: 1 | -1 = 1): void {
  const hasAzure = y.ttm[0] !== undefined;
  const hasM365 = y.m365[0] !== undefined || y.m365[1] !== undefined;
  if (!hasAzure && !hasM365) return;
  for (const metric of SIDED_METRICS) {
    const sums = totals.get(metric) as Record<Side, Record<Track, [number, number]>>;
    for (const side of ["azure", "m365"] as const) {
      if (side === "azure" ? !hasAzure : !hasM365) continue;
      for (const track of TRACKS) {
        const pair = sums[side][track];
        pair[0] += sign * metric.contribution(y, side, track, 0, rules).value;
        pair[1] += sign * metric.contribution(y, side, track, 1, rules).value;
      }
    }
  }
}

/** Every tenant's facts at month `m` and a year earlier as columns, under a rules view. */
export function yearColumns(view: RulesView, tenants: number, m: number): YearColumns {
  const rules = view.rules;
  const ttm = view.azure ? azureTtm(view.azure, m, rules) : null;
  const previous = m - rules.compareMonthsBack;
  return {
    tenants,
    azure: ttm?.seen ?? new Uint8Array(tenants),
    at: [
      { ttm: ttm?.now ?? new Float64Array(tenants), ...m365Columns(view.m365, m, tenants, rules) },
      {
        ttm: ttm?.previous ?? new Float64Array(tenants),
        ...m365Columns(view.m365, previous, tenants, rules),
      },
    ],
  };
}

/** Every side's totals from column facts (equal to {@link tally} of the same tenants' years). */
export function columnTotals(y: YearColumns, rules: Rules): Totals {
  const totals: Totals = new Map();
  for (const metric of SIDED_METRICS) {
    const side = (s: Side): Record<Track, [number, number]> => ({
      enterprise: [
        metric.total(y, s, "enterprise", 0, rules),
        metric.total(y, s, "enterprise", 1, rules),
      ],
      smb: [metric.total(y, s, "smb", 0, rules), metric.total(y, s, "smb", 1, rules)],
    });
    totals.set(metric, { azure: side("azure"), m365: side("m365") });
  }
  return totals;
}

/** Every side's totals over all tenants. */
export function tally(years: readonly TenantYear[], rules: Rules): Totals {
  const totals: Totals = new Map();
  for (const metric of SIDED_METRICS) {
    const zero = (): Record<Track, [number, number]> => ({ enterprise: [0, 0], smb: [0, 0] });
    totals.set(metric, { azure: zero(), m365: zero() });
  }
  for (const y of years) addTenant(totals, y, rules);
  return totals;
}

function sidedResult(
  metric: SidedMetricModule,
  totals: Totals,
  track: Track,
  present: Record<Side, boolean>,
  rules: Rules
): SidedMetric {
  const max = rules.maxPoints[metric.key];
  const sideOf = (side: Side): SideResult => {
    if (!present[side]) return { current: 0, previous: 0, points: 0, thirds: 0 };
    const [now, before] = totals.get(metric)?.[side][track] ?? [0, 0];
    const thirds = metric.sidePoints(now, before, side, track, rules);
    return {
      current: metric.shown(now, side),
      previous: metric.shown(before, side),
      points: pointsOf(thirds),
      thirds,
    };
  };
  const azure = sideOf("azure");
  const m365 = sideOf("m365");
  // Each side is floored and capped on its own, then the two are added and capped again.
  const thirds = clampThirds(azure.thirds + m365.thirds, max);
  return { points: pointsOf(thirds), thirds, max, azure, m365 };
}

/** One track's score from the side totals and the people per step. */
export function trackResult(
  track: Track,
  totals: Totals,
  skill: SkillingInput,
  present: Record<Side, boolean>,
  rules: Rules
): TrackResult {
  const [netCustomerAdds, deployments, usageGrowth] = SIDED_METRICS.map((m) =>
    sidedResult(m, totals, track, present, rules)
  ) as [SidedMetric, SidedMetric, SidedMetric];
  const skillThirds = skilling.points(track, skill.step1, skill.step2, skill.step3, rules);
  const skillingMetric: SkillingMetric = {
    points: pointsOf(skillThirds),
    thirds: skillThirds,
    max: rules.maxPoints.skilling,
    step1: skill.step1,
    step2: skill.step2,
    step3: skill.step3,
  };
  const metrics = [netCustomerAdds.thirds, skillThirds, deployments.thirds, usageGrowth.thirds];
  const totalThirds = metrics.reduce((a, b) => a + b, 0);
  const q = rules.qualification;
  return {
    netCustomerAdds,
    skilling: skillingMetric,
    deployments,
    usageGrowth,
    total: pointsOf(totalThirds),
    totalThirds,
    qualified:
      totalThirds >= thirdsOf(q.minTotal) && metrics.every((m) => m >= thirdsOf(q.minPerMetric)),
  };
}

/** A month's score from its side totals and certifications. */
function scoreOf(
  view: RulesView,
  totals: Totals,
  certs: readonly MatchedCert[],
  m: number
): { score: MonthScore; skill: SkillingInput } {
  const rules = view.rules;
  const skill = evaluateCertifications(certs, lastDayOfMonth(m));
  const present = { azure: view.azure !== null, m365: view.m365 !== null };
  const tracks: Record<Track, TrackResult> = {
    enterprise: trackResult("enterprise", totals, skill, present, rules),
    smb: trackResult("smb", totals, skill, present, rules),
  };
  const best = bestTrack(tracks);
  return {
    score: {
      asOf: formatMonth(m),
      rules: rules.id,
      tracks,
      bestTrack: best,
      total: tracks[best].total,
      qualified: tracks[best].qualified,
    },
    skill,
  };
}

/**
 * Scores month `m` under a rules view: both tracks, with the facts behind them.
 * @param certs the certification rows matched under the view's rules
 */
export function scoreMonth(
  view: RulesView,
  tenants: number,
  certs: readonly MatchedCert[],
  m: number
): MonthDetail {
  const { score, skill } = scoreOf(
    view,
    columnTotals(yearColumns(view, tenants, m), view.rules),
    certs,
    m
  );
  return { score, years: tenantYears(view, tenants, m), skill };
}

/**
 * The score of month `m` alone (no facts per tenant kept): what the history and the forecast
 * show. Equal to `scoreMonth(…).score`.
 */
export function monthScore(
  view: RulesView,
  tenants: number,
  certs: readonly MatchedCert[],
  m: number
): MonthScore {
  return scoreOf(view, columnTotals(yearColumns(view, tenants, m), view.rules), certs, m).score;
}
