import { resolveAsOf } from "./as-of";
import { formatDay, formatMonth, lastDayOfMonth } from "./calendar";
import { matchCertifications, MatchedCert, PersonExplanation } from "./certifications";
import { compareRules, RulesComparison, VersionRun } from "./comparison";
import { CustomerExplanation, explainCustomers } from "./explain-customers";
import { TableKind } from "./headers";
import { Issue, RowCounts } from "./issues";
import { MonthDetail, MonthScore, monthScore, scoreMonth } from "./month-score";
import { Inputs, parseInputs, ParsedInputs } from "./parse-inputs";
import { rulesFor, RULES_VERSIONS } from "./rules";
import { Rules } from "./rules/types";
import { rulesView, RulesView } from "./rules-view";
import { HISTORY_MONTHS, Outlook, outlook } from "./outlook";
import { Plan, planToQualify } from "./plan";
import { TableShape } from "./table";

export type {
  MonthScore,
  SideResult,
  SidedMetric,
  SkillingMetric,
  TrackResult,
} from "./month-score";
export { bestTrack } from "./month-score";

/** An input table's summary: its name, kind, layout, rows and outcome counts. */
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
export interface ScoreResult extends MonthScore, Outlook {
  /** The shortest ways to 70 on each track. */
  plan: Plan;
  /** Why this rules version: "in force for 2026-10" or "chosen". */
  rulesReason: string;
  rulesTitle: string;
  sourceUrl: string;
  /** The evaluation day (last day of the as-of month), `YYYY-MM-DD`. */
  evaluationDay: string;
  /** The same data and month under every rules version, and what differs. */
  comparison: RulesComparison;
  issues: Issue[];
  customers: CustomerExplanation[];
  people: PersonExplanation[];
  inputs: InputSummary[];
}

/** Options of {@link scoreParsed}. */
export interface ScoreOptions {
  /** As-of month index; default per scoring-rules §6. */
  asOf?: number;
  /** The rules version named by the user; default the one in force in the as-of month (§9). */
  rules?: string | null;
  /** "Today" for the default as-of without usage data (tests pin it). */
  today?: Date;
  /** Compute the rules comparison (default true); the single-number functions skip it. */
  comparison?: boolean;
  /** Score the history, forecast and plan too (default true). */
  outlook?: boolean;
  /** Explain every customer (default true); the custom functions, which show none, skip it. */
  explain?: boolean;
}

/**
 * The parsed inputs read under rules versions over a window of months, each version read once
 * (the main score, the comparison and the history share them).
 */
export class ScoringContext {
  private readonly views = new Map<string, RulesView>();
  private readonly certs = new Map<string, MatchedCert[]>();

  /**
   * @param window months the views cover (the as-of month and what its metrics look back on)
   */
  constructor(
    readonly parsed: ParsedInputs,
    readonly window: { from: number; to: number }
  ) {}

  /** The inputs as `rules` read them. */
  view(rules: Rules): RulesView {
    let view = this.views.get(rules.id);
    if (!view) {
      view = rulesView(this.parsed, rules, this.window, [...this.views.values()]);
      this.views.set(rules.id, view);
    }
    return view;
  }

  /** Every certification row matched under `rules`. */
  matched(rules: Rules): MatchedCert[] {
    let matched = this.certs.get(rules.id);
    if (!matched) {
      matched = this.parsed.certifications.flatMap((t) => matchCertifications(t.rows, rules));
      this.certs.set(rules.id, matched);
    }
    return matched;
  }

  /** The score of month `m` under `rules`, with the facts behind it. */
  month(rules: Rules, m: number): MonthDetail {
    return scoreMonth(this.view(rules), this.parsed.tenants.size, this.matched(rules), m);
  }

  /** The score alone of month `m` under `rules` (see {@link monthScore}). */
  score(rules: Rules, m: number): MonthScore {
    return monthScore(this.view(rules), this.parsed.tenants.size, this.matched(rules), m);
  }
}

/** Months before the as-of month that the building blocks must reach: a year's TTM a year back. */
export const LOOK_BACK_MONTHS = 23;

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

/** Row outcomes of every table under the view's rules (certifications: Security or not). */
function inputSummaries(
  parsed: ParsedInputs,
  view: RulesView,
  certs: MatchedCert[]
): InputSummary[] {
  let next = 0;
  const certCounts = parsed.certifications.map((table) => {
    const mine = certs.slice(next, (next += table.rows.length));
    const notCertification = mine.filter((m) => !m.row.isCertification).length;
    const counted = mine.filter((m) => m.row.isCertification && m.rule).length;
    const notSecurity = mine.length - counted - notCertification;
    const notEligible: Record<string, number> = {};
    if (notCertification > 0) notEligible["training type"] = notCertification;
    if (notSecurity > 0) notEligible.certification = notSecurity;
    return { ...table.counts, counted, notEligible };
  });
  return [
    ...parsed.azure.map((x, k) => summary(x, "azure", view.azureCounts[k] ?? x.counts)),
    ...parsed.m365.map((x, k) => summary(x, "m365", view.m365Counts[k] ?? x.counts)),
    ...parsed.certifications.map((x, k) => summary(x, "certifications", certCounts[k] ?? x.counts)),
  ];
}

/**
 * Scores parsed tables for both tracks under the rules version chosen for the as-of month, with
 * the explanations of every customer and person and the comparison with every other version.
 * @throws InputError for an unknown rules id
 */
export function scoreParsed(parsed: ParsedInputs, options: ScoreOptions = {}): ScoreResult {
  const usage: TableShape[] = [...parsed.azure, ...parsed.m365];
  const { asOf, issues: asOfIssues } = resolveAsOf(
    options.asOf,
    usage,
    options.today ?? new Date()
  );
  const { rules, reason } = rulesFor(asOf, options.rules);
  // The history's oldest month needs its own look-back: one view covers every month scored.
  const context = new ScoringContext(parsed, {
    from: asOf - LOOK_BACK_MONTHS - (options.outlook === false ? 0 : HISTORY_MONTHS - 1),
    to: asOf,
  });
  const detail = context.month(rules, asOf);
  const view = context.view(rules);
  const runs: VersionRun[] =
    options.comparison === false
      ? [{ view, detail, reason }]
      : RULES_VERSIONS.map((r) =>
          r.id === rules.id
            ? { view, detail, reason }
            : { view: context.view(r), detail: context.month(r, asOf), reason: "for comparison" }
        );
  const tables: TableShape[] = [...parsed.azure, ...parsed.m365, ...parsed.certifications];
  const ahead: Outlook =
    options.outlook === false
      ? {
          history: [],
          forecast: [],
          forecastAssumption: "flat",
          firstMonthAtRisk: null,
          riskDrivers: [],
        }
      : outlook(context, asOf, options.rules, detail);
  return {
    ...detail.score,
    rulesReason: reason,
    rulesTitle: rules.title,
    sourceUrl: rules.sourceUrl,
    evaluationDay: formatDay(lastDayOfMonth(asOf)),
    comparison: compareRules(parsed, runs),
    issues: [
      ...asOfIssues,
      ...missingMonthWarnings(parsed, asOf, rules),
      ...tables.flatMap((x) => [...x.issues, ...(view.issues.get(x.table) ?? [])]),
    ],
    customers:
      options.explain === false
        ? []
        : explainCustomers(parsed.tenants, detail.years, view.excludedByTenant, rules),
    people: detail.skill.people,
    inputs: inputSummaries(parsed, view, context.matched(rules)),
    ...ahead,
    plan: planToQualify(parsed, view, detail, options.outlook !== false),
  };
}

/** Parses and scores in one call (see {@link parseInputs} and {@link scoreParsed}). */
export function scoreTables(inputs: Inputs, options: ScoreOptions = {}): ScoreResult {
  return scoreParsed(parseInputs(inputs), options);
}
