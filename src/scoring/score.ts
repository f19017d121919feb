import { resolveAsOf } from "./as-of";
import { azureTtm, AzureTtm } from "./azure-metrics";
import { formatDay, formatMonth, lastDayOfMonth } from "./calendar";
import {
  COUNT_BITS,
  CustomerExplanation,
  explainCustomers,
  tenantFlags,
} from "./explain-customers";
import { TableKind } from "./headers";
import { Issue, RowCounts } from "./issues";
import { m365Snapshots, M365Snapshots } from "./m365-metrics";
import { fromMicro, MICRO_PER_USD } from "./money";
import { Inputs, parseInputs, ParsedInputs } from "./parse-inputs";
import { clampThirds, pointsOf, Thirds, thirdsOf } from "./points";
import { Rules, Track, TRACKS } from "./rules/types";
import { rulesView } from "./rules-view";
import {
  evaluateCertifications,
  matchCertifications,
  PersonExplanation,
  skillingThirds,
} from "./skilling";
import { TableShape } from "./table";

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

/** An input table's summary: its name, kind, rows and outcome counts. */
export interface InputSummary {
  table: string;
  kind: TableKind;
  /** The layout recognised, e.g. "Azure usage report (Partner Center)". */
  layout: string;
  rows: number;
  /** Workload pairs per row of a wide licence table (its outcomes count workload rows); else 0. */
  widePairs: number;
  counts: RowCounts;
}

/** Everything the scorecard, the command line and the custom functions show. */
export interface ScoreResult {
  rules: string;
  rulesTitle: string;
  sourceUrl: string;
  /** `YYYY-MM`. */
  asOf: string;
  /** The evaluation day (last day of the as-of month), `YYYY-MM-DD`. */
  evaluationDay: string;
  tracks: Record<Track, TrackResult>;
  bestTrack: Track;
  total: number;
  qualified: boolean;
  issues: Issue[];
  customers: CustomerExplanation[];
  people: PersonExplanation[];
  inputs: InputSummary[];
}

/** Options of {@link scoreParsed}. */
export interface ScoreOptions {
  /** As-of month index; default per scoring-rules §6. */
  asOf?: number;
  /** "Today" for the default as-of without usage data (tests pin it). */
  today?: Date;
}

function side(current: number, previous: number, thirds: Thirds): SideResult {
  return { current, previous, points: pointsOf(thirds), thirds };
}

function sided(azure: SideResult, m365: SideResult, max: number): SidedMetric {
  const thirds = Math.min(thirdsOf(max), azure.thirds + m365.thirds);
  return { points: pointsOf(thirds), thirds, max, azure, m365 };
}

/** Counts per side and track, accumulated over tenants. */
interface Tally {
  azureAdds: [number, number];
  m365Adds: Record<Track, [number, number]>;
  azureDeployments: Record<Track, [number, number]>;
  m365Deployments: Record<Track, [number, number]>;
  /** Micro-dollars. */
  azureSecurityAcr: Record<Track, [number, number]>;
  protectedUsers: Record<Track, [number, number]>;
}

function emptyTally(): Tally {
  const pair = (): Record<Track, [number, number]> => ({ enterprise: [0, 0], smb: [0, 0] });
  return {
    azureAdds: [0, 0],
    m365Adds: pair(),
    azureDeployments: pair(),
    m365Deployments: pair(),
    azureSecurityAcr: pair(),
    protectedUsers: pair(),
  };
}

function tally(
  tenants: number,
  ttm: AzureTtm | null,
  m365: M365Snapshots | null,
  rules: Rules
): { tally: Tally; flags: Int32Array } {
  const result = emptyTally();
  const flags = new Int32Array(tenants);
  const B = COUNT_BITS;
  for (let t = 0; t < tenants; t++) {
    const hasAzure = ttm !== null && ttm.seen[t] === 1;
    const now = hasAzure ? ttm.now[t] : undefined;
    const prev = hasAzure ? ttm.previous[t] : undefined;
    const mNow = m365?.now.get(t);
    const mPrev = m365?.previous.get(t);
    const f = tenantFlags(now, prev, mNow, mPrev, rules);
    flags[t] = f;
    if (f === 0) continue;
    for (const k of [0, 1] as const) {
      if (f & B.azureNetAdds[k]) result.azureAdds[k]++;
      const ttmK = (k === 0 ? now : prev) ?? 0;
      const activePaid = (k === 0 ? mNow : mPrev)?.activePaidTotal ?? 0;
      for (const track of TRACKS) {
        if (f & B.m365NetAdds[track][k]) result.m365Adds[track][k]++;
        if (f & B.azureDeployment[track][k]) result.azureDeployments[track][k]++;
        if (f & B.m365Deployment[track][k]) result.m365Deployments[track][k]++;
        if (f & B.azureUsage[track][k]) result.azureSecurityAcr[track][k] += ttmK;
        if (f & B.m365Usage[track][k]) result.protectedUsers[track][k] += activePaid;
      }
    }
  }
  return { tally: result, flags };
}

function trackResult(
  track: Track,
  t: Tally,
  skill: { step1: number; step2: number; step3: number },
  hasAzure: boolean,
  hasM365: boolean,
  rules: Rules
): TrackResult {
  const max = rules.maxPoints;
  const none = side(0, 0, 0);
  const netSide = (counts: [number, number]): SideResult =>
    side(
      counts[0],
      counts[1],
      clampThirds(
        thirdsOf((counts[0] - counts[1]) * rules.netCustomerAdds.pointsPerCustomer[track]),
        max.netCustomerAdds
      )
    );
  const deploySide = (counts: [number, number]): SideResult =>
    side(
      counts[0],
      counts[1],
      clampThirds(
        Math.floor(
          ((counts[0] - counts[1]) * thirdsOf(max.deployments)) /
            rules.deployments.deploymentsForMax
        ),
        max.deployments
      )
    );
  const growth = (delta: number, perPoint: number): Thirds =>
    clampThirds(thirdsOf(Math.floor(delta / perPoint)), max.usageGrowth);
  const acr = t.azureSecurityAcr[track];
  const users = t.protectedUsers[track];

  const netCustomerAdds = sided(
    hasAzure ? netSide(t.azureAdds) : none,
    hasM365 ? netSide(t.m365Adds[track]) : none,
    max.netCustomerAdds
  );
  const deployments = sided(
    hasAzure ? deploySide(t.azureDeployments[track]) : none,
    hasM365 ? deploySide(t.m365Deployments[track]) : none,
    max.deployments
  );
  const usageGrowth = sided(
    hasAzure
      ? side(
          fromMicro(acr[0]),
          fromMicro(acr[1]),
          growth(acr[0] - acr[1], rules.usageGrowth.azureUsdPerPoint[track] * MICRO_PER_USD)
        )
      : none,
    hasM365
      ? side(
          users[0],
          users[1],
          growth(users[0] - users[1], rules.usageGrowth.m365UsersPerPoint[track])
        )
      : none,
    max.usageGrowth
  );
  const skillThirds = skillingThirds(track, skill.step1, skill.step2, skill.step3, rules);
  const skilling: SkillingMetric = {
    points: pointsOf(skillThirds),
    thirds: skillThirds,
    max: max.skilling,
    ...skill,
  };
  const metrics = [netCustomerAdds.thirds, skillThirds, deployments.thirds, usageGrowth.thirds];
  const totalThirds = metrics.reduce((a, b) => a + b, 0);
  const q = rules.qualification;
  const qualified =
    totalThirds >= thirdsOf(q.minTotal) && metrics.every((m) => m >= thirdsOf(q.minPerMetric));
  return {
    netCustomerAdds,
    skilling,
    deployments,
    usageGrowth,
    total: pointsOf(totalThirds),
    totalThirds,
    qualified,
  };
}

/** The best path (scoring-rules §5): qualifying first, then the higher total, then Enterprise. */
export function bestTrack(tracks: Record<Track, TrackResult>): Track {
  const e = tracks.enterprise;
  const s = tracks.smb;
  if (e.qualified !== s.qualified) return e.qualified ? "enterprise" : "smb";
  return s.totalThirds > e.totalThirds ? "smb" : "enterprise";
}

function missingMonthWarnings(parsed: ParsedInputs, asOf: number, rules: Rules): Issue[] {
  const issues: Issue[] = [];
  const check = (table: TableShape, monthsBack: number, label: string): void => {
    const needed = asOf - monthsBack;
    if (!Number.isFinite(table.months.min)) {
      issues.push({
        severity: "warning",
        table: table.table,
        row: null,
        message: `The ${label} table has no usable rows, so its side of every metric scores 0.`,
      });
    } else if (table.months.min > needed) {
      issues.push({
        severity: "warning",
        table: table.table,
        row: null,
        message: `The ${label} data starts at ${formatMonth(table.months.min)} but the score needs months from ${formatMonth(needed)}: the missing months (first missing: ${formatMonth(needed)}) count as zero. Add the earlier months for a full comparison.`,
      });
    }
  };
  for (const table of parsed.azure)
    check(table, rules.compareMonthsBack + rules.ttmMonths - 1, "Azure consumption");
  for (const table of parsed.m365) check(table, rules.compareMonthsBack, "Microsoft 365 licences");
  return issues;
}

/** Scores parsed tables for both tracks, with the explanations of every customer and person. */
export function scoreParsed(
  parsed: ParsedInputs,
  rules: Rules,
  options: ScoreOptions = {}
): ScoreResult {
  const usage: TableShape[] = [...parsed.azure, ...parsed.m365];
  const { asOf, issues: asOfIssues } = resolveAsOf(
    options.asOf,
    usage,
    options.today ?? new Date()
  );
  const day = lastDayOfMonth(asOf);
  const tenantCount = parsed.tenants.size;
  const view = rulesView(parsed, rules, {
    from: asOf - rules.compareMonthsBack - rules.ttmMonths + 1,
    to: asOf,
  });
  const ttm: AzureTtm | null = view.azure ? azureTtm(view.azure, asOf, rules) : null;
  const snaps: M365Snapshots | null = view.m365 ? m365Snapshots(view.m365, asOf, rules) : null;
  const { tally: t, flags } = tally(tenantCount, ttm, snaps, rules);
  const matched = parsed.certifications.map((table) => matchCertifications(table.rows, rules));
  const skill = evaluateCertifications(matched.flat(), day);
  const steps = { step1: skill.step1, step2: skill.step2, step3: skill.step3 };
  const tracks: Record<Track, TrackResult> = {
    enterprise: trackResult("enterprise", t, steps, ttm !== null, snaps !== null, rules),
    smb: trackResult("smb", t, steps, ttm !== null, snaps !== null, rules),
  };
  const best = bestTrack(tracks);
  const certCounts = parsed.certifications.map((table, k) => {
    const counted = (matched[k] ?? []).filter((m) => m.row.isCertification && m.rule).length;
    const notCertification = (matched[k] ?? []).filter((m) => !m.row.isCertification).length;
    const notSecurity = (matched[k] ?? []).length - counted - notCertification;
    const notEligible: Record<string, number> = {};
    if (notCertification > 0) notEligible["training type"] = notCertification;
    if (notSecurity > 0) notEligible.certification = notSecurity;
    return { ...table.counts, counted, notEligible };
  });
  const summaries: InputSummary[] = [
    ...parsed.azure.map((x, k) => summary(x, "azure", view.azureCounts[k] ?? x.counts)),
    ...parsed.m365.map((x, k) => summary(x, "m365", view.m365Counts[k] ?? x.counts)),
    ...parsed.certifications.map((x, k) => summary(x, "certifications", certCounts[k] ?? x.counts)),
  ];
  const tables: TableShape[] = [...parsed.azure, ...parsed.m365, ...parsed.certifications];
  return {
    rules: rules.id,
    rulesTitle: rules.title,
    sourceUrl: rules.sourceUrl,
    asOf: formatMonth(asOf),
    evaluationDay: formatDay(day),
    tracks,
    bestTrack: best,
    total: tracks[best].total,
    qualified: tracks[best].qualified,
    issues: [
      ...asOfIssues,
      ...missingMonthWarnings(parsed, asOf, rules),
      ...tables.flatMap((x) => [...x.issues, ...(view.issues.get(x.table) ?? [])]),
    ],
    customers: explainCustomers(parsed.tenants, ttm, snaps, flags, view.excludedByTenant, rules),
    people: skill.people,
    inputs: summaries,
  };
}

function summary(table: TableShape, kind: TableKind, counts: RowCounts): InputSummary {
  const widePairs = "widePairs" in table ? (table as { widePairs: number }).widePairs : 0;
  return {
    table: table.table,
    kind,
    layout: table.layout,
    rows: table.rowCount,
    widePairs,
    counts,
  };
}

/** Parses and scores in one call (see {@link parseInputs} and {@link scoreParsed}). */
export function scoreTables(inputs: Inputs, rules: Rules, options: ScoreOptions = {}): ScoreResult {
  return scoreParsed(parseInputs(inputs), rules, options);
}
