import {
  formatPoints,
  METRICS,
  Rules,
  rulesById,
  ScoreResult,
  SIDED_METRICS,
  skillingMetric,
  TRACK_LABEL,
  TRACKS,
} from "../scoring";
import { comparisonSection } from "./comparison-section";
import { inputOutcomes, inputTitle } from "./input-text";
import { ChartSpec, LayoutCell, SheetLayout } from "./layout-model";
import { historySection, planSection } from "./outlook-section";
import { cell, colLetter, FMT, RowInput, SheetBuilder } from "./sheet-builder";

/** The scorecard sheet's name (a contract: finance workbooks refer to it). */
export const SCORECARD_SHEET = "Security Scorecard";

/** The scorecard's title, in cell A1 of its sheet. */
export const SCORECARD_TITLE = "Solutions Partner for Security: capability score";

/** Names of the scorecard's tables. `ScoreSummary` is a contract. */
export const TABLE_NAMES = {
  summary: "ScoreSummary",
  breakdown: "ScoreBreakdown",
  customers: "ScoreCustomers",
  people: "ScorePeople",
  issues: "ScoreIssues",
  outcomes: "ScoreRowOutcomes",
  chart: "ScoreChartData",
  rulesComparison: "ScoreRulesComparison",
  rulesDifferences: "ScoreRulesDifferences",
} as const;

/** What the layout needs besides the score. */
export interface LayoutContext {
  /** When the scorecard was generated (ISO text shown as is). */
  generated: string;
}

/** Where the summary's rows are, for the formulas that refer to them (0-based rows). */
interface SummaryRows {
  firstMetric: number;
  lastMetric: number;
  total: number;
  qualified: number;
}

/** Section 1: title, as-of month, rules (which and why), when, and the inputs. */
function header(b: SheetBuilder, result: ScoreResult, context: LayoutContext): void {
  b.sections[1] = b.row;
  b.add([cell(SCORECARD_TITLE, undefined, "title")]);
  b.add([
    cell("As of", undefined, "label"),
    cell(result.asOf, FMT.text),
    cell(`evaluation day ${result.evaluationDay}`, undefined, "note"),
  ]);
  b.add([
    cell("Rules", undefined, "label"),
    cell(result.rules, FMT.text),
    cell(`${result.rulesTitle}, ${result.rulesReason}: ${result.sourceUrl}`, undefined, "link"),
  ]);
  b.add([cell("Generated", undefined, "label"), cell(context.generated, FMT.text)]);
  if (result.inputs.length === 0) b.add([cell("Inputs", undefined, "label"), cell("none")]);
  result.inputs.forEach((input, i) => {
    b.add([
      cell(i === 0 ? "Inputs" : "", undefined, "label"),
      cell(inputTitle(input)),
      cell(inputOutcomes(input), undefined, "note"),
    ]);
  });
  b.blank();
}

/**
 * Section 2: the metric values; Total, Qualified and Best path as native formulas over them, so
 * finance can audit and recalculate without the add-in.
 */
function summary(b: SheetBuilder, result: ScoreResult, rules: Rules): SummaryRows {
  b.section(2, "Summary");
  const firstMetric = b.row + 1;
  const rows: SummaryRows = {
    firstMetric,
    lastMetric: firstMetric + METRICS.length - 1,
    total: firstMetric + METRICS.length,
    qualified: firstMetric + METRICS.length + 1,
  };
  const q = rules.qualification;
  const metricRange = (c: string): string =>
    `${c}${rows.firstMetric + 1}:${c}${rows.lastMetric + 1}`;
  const table: RowInput[] = METRICS.map((m) => [
    cell(m.label),
    cell(result.tracks.enterprise[m.key].max, FMT.count),
    ...TRACKS.map((t) => cell(result.tracks[t][m.key].points, FMT.points)),
  ]);
  table.push([
    cell("Total"),
    { value: 100, formula: `SUM(${metricRange("B")})`, format: FMT.count },
    // Round to whole thirds so that 70 computed from thirds is exactly 70 in Excel too.
    ...TRACKS.map((t, i): LayoutCell => ({
      value: result.tracks[t].total,
      formula: `ROUND(SUM(${metricRange(colLetter(2 + i))})*3,0)/3`,
      format: FMT.points,
    })),
  ]);
  table.push([
    cell("Qualified"),
    cell(""),
    ...TRACKS.map((t, i): LayoutCell => {
      const c = colLetter(2 + i);
      const each = METRICS.map((_, k) => `${c}${rows.firstMetric + k + 1}>=${q.minPerMetric}`);
      return {
        value: result.tracks[t].qualified,
        formula: `AND(${c}${rows.total + 1}>=${q.minTotal},${each.join(",")})`,
      };
    }),
    // Beside the table, not in it: the rule the formula applies.
    cell(`${q.minTotal}+ total and ${q.minPerMetric}+ in each metric`, undefined, "note"),
  ]);
  b.table(TABLE_NAMES.summary, ["Metric", "Max", "Enterprise", "SMB"], table);
  const [qe, qs, te, ts] = [
    `C${rows.qualified + 1}`,
    `D${rows.qualified + 1}`,
    `C${rows.total + 1}`,
    `D${rows.total + 1}`,
  ];
  b.add([
    cell("Best path", undefined, "label"),
    {
      value: TRACK_LABEL[result.bestTrack],
      formula: `IF(${qe}<>${qs},IF(${qe},"Enterprise","SMB"),IF(${ts}>${te},"SMB","Enterprise"))`,
    },
    cell(
      `${TRACK_LABEL[result.bestTrack]}: ${formatPoints(result.total)} points, ${result.qualified ? "qualified" : "not qualified"}. A qualifying track beats a non-qualifying one, then the higher total, then Enterprise.`,
      undefined,
      "note"
    ),
  ]);
  b.blank();
  return rows;
}

/** What a breakdown row measures, in the metric module's words, for both tracks. */
function bothTracks(describe: (track: "enterprise" | "smb") => string): string {
  const e = describe("enterprise");
  const s = describe("smb");
  return e === s ? e : `Enterprise: ${e}; SMB: ${s}`;
}

/** Section 3: each metric's sides now, a year earlier, the change (a formula) and points. */
function breakdown(b: SheetBuilder, result: ScoreResult, rules: Rules): void {
  b.section(3, "Breakdown: current (as-of month) against a year earlier");
  const firstRow = b.row + 1;
  const rows: RowInput[] = [];
  for (const metric of SIDED_METRICS)
    for (const side of ["azure", "m365"] as const) {
      const r = firstRow + rows.length + 1;
      const fmt = metric.key === "usageGrowth" && side === "azure" ? FMT.usd : FMT.count;
      rows.push([
        cell(metric.label),
        cell(side === "azure" ? "Azure" : "Microsoft 365"),
        cell(bothTracks((t) => metric.measure(side, t, rules))),
        ...TRACKS.flatMap((t, i) => {
          const s = result.tracks[t][metric.key][side];
          const [now, before] = [colLetter(3 + i * 4), colLetter(4 + i * 4)];
          return [
            cell(s.current, fmt),
            cell(s.previous, fmt),
            { value: s.current - s.previous, formula: `${now}${r}-${before}${r}`, format: fmt },
            cell(s.points, FMT.points),
          ];
        }),
      ]);
    }
  for (const step of [1, 2, 3] as const)
    rows.push([
      cell(skillingMetric.label),
      cell(`Step ${step}`),
      cell(skillingMetric.measure(step, rules)),
      ...TRACKS.flatMap((t) => [
        cell(result.tracks[t].skilling[`step${step}`], FMT.count),
        cell(""),
        cell(""),
        step === 3 ? cell(result.tracks[t].skilling.points, FMT.points) : cell(""),
      ]),
    ]);
  const columns = TRACKS.flatMap((t) =>
    ["now", "year ago", "change", "points"].map((c) => `${TRACK_LABEL[t]} ${c}`)
  );
  b.table(TABLE_NAMES.breakdown, ["Metric", "Side", "Measure", ...columns], rows);
  b.blank();
}

/** Section 4: every tenant, its figures, the counts it is in and why. */
function customers(b: SheetBuilder, result: ScoreResult): void {
  b.section(4, "Customers");
  const rows: RowInput[] = result.customers.map((c) => [
    cell(c.tenant, FMT.text),
    cell(c.name),
    cell(c.azure ? c.azure.ttmAcr : "", FMT.usd),
    cell(c.azure ? c.azure.ttmAcrYearAgo : "", FMT.usd),
    cell(c.m365?.workloads.reduce((a, w) => a + w.paid, 0) ?? "", FMT.count),
    cell(c.m365?.workloads.reduce((a, w) => a + w.activePaid, 0) ?? "", FMT.count),
    cell(c.countsNow.join("; ")),
    cell(c.countsYearAgo.join("; ")),
    cell(c.reason),
  ]);
  if (rows.length === 0)
    rows.push([cell("(no customers in the inputs)"), ...Array(8).fill(cell(""))]);
  b.table(
    TABLE_NAMES.customers,
    [
      "Tenant",
      "Customer",
      "Azure TTM ACR",
      "Azure TTM ACR year ago",
      "M365 paid licences",
      "M365 active paid",
      "Counts now",
      "Counted a year ago",
      "Reason",
    ],
    rows
  );
  b.blank();
}

/** Section 5: every person, what they hold on the evaluation day, and why they count or not. */
function people(b: SheetBuilder, result: ScoreResult): void {
  b.section(5, "People");
  const rows: RowInput[] = result.people.map((p) => [
    cell(p.name ? `${p.person} (${p.name})` : p.person, FMT.text),
    cell(
      p.certifications
        .filter((c) => c.status === "held")
        .map((c) => c.exam ?? c.certification)
        .join(", ")
    ),
    cell(p.steps.join(", "), FMT.text),
    cell(p.counted),
    cell(p.reason),
  ]);
  if (rows.length === 0)
    rows.push([cell("(no certification rows)"), cell(""), cell(""), cell(false), cell("")]);
  b.table(
    TABLE_NAMES.people,
    ["Person", "Held on evaluation day", "Steps", "Counted", "Reason"],
    rows
  );
  b.blank();
}

/** Section 6: every issue with its table and row, and every table's row outcomes. */
function dataIssues(b: SheetBuilder, result: ScoreResult): void {
  b.section(6, "Data issues");
  const issues: RowInput[] = result.issues.map((i) => [
    cell(i.severity),
    cell(i.table),
    cell(i.row ?? ""),
    cell(i.message),
  ]);
  if (issues.length === 0) issues.push([cell("info"), cell(""), cell(""), cell("No data issues.")]);
  b.table(TABLE_NAMES.issues, ["Severity", "Table", "Sheet row", "Message"], issues);
  b.blank();
  const outcomes: RowInput[] = result.inputs.map((input) => {
    const c = input.counts;
    const notEligible = Object.values(c.notEligible).reduce((a, n) => a + n, 0);
    return [
      cell(input.table),
      cell(input.rows, FMT.count),
      cell(c.counted, FMT.count),
      cell(notEligible, FMT.count),
      cell(
        Object.entries(c.notEligible)
          .map(([k, n]) => `${k} ${n}`)
          .join(", ")
      ),
      cell(c.duplicate, FMT.count),
      cell(c.errors, FMT.count),
      cell(c.empty, FMT.count),
    ];
  });
  if (outcomes.length === 0)
    outcomes.push([
      cell("(no inputs)"),
      cell(0),
      cell(0),
      cell(0),
      cell(""),
      cell(0),
      cell(0),
      cell(0),
    ]);
  b.table(
    TABLE_NAMES.outcomes,
    [
      "Table",
      "Rows",
      "Counted",
      "Not eligible",
      "Not eligible by reason",
      "Duplicate-flagged",
      "Errors",
      "Empty",
    ],
    outcomes
  );
  b.blank();
}

/** Section 7: the decisions of the rules version used, and the known limits. */
function notes(b: SheetBuilder, rules: Rules): void {
  b.section(7, `Notes: how this score was computed (rules ${rules.id})`);
  for (const d of rules.decisions)
    b.add([cell("Decision", undefined, "label"), cell(d, undefined, "note")]);
  for (const l of rules.limits)
    b.add([cell("Limit", undefined, "label"), cell(l, undefined, "note")]);
  b.blank();
}

/** Section 8: the best track's points against each maximum, as formulas over the summary. */
function chart(b: SheetBuilder, result: ScoreResult, rows: SummaryRows): ChartSpec {
  b.section(8, `Points against the maximum (best path: ${TRACK_LABEL[result.bestTrack]})`);
  const headerRow = b.row;
  const best = colLetter(2 + TRACKS.indexOf(result.bestTrack));
  b.table(
    TABLE_NAMES.chart,
    ["Metric", "Max", "Points"],
    METRICS.map((m, k) => {
      const r = rows.firstMetric + k + 1;
      return [
        { value: m.label, formula: `A${r}` },
        { value: result.tracks.enterprise[m.key].max, formula: `B${r}`, format: FMT.count },
        {
          value: result.tracks[result.bestTrack][m.key].points,
          formula: `${best}${r}`,
          format: FMT.points,
        },
      ];
    })
  );
  b.blank();
  return {
    kind: "bar",
    title: `Points per metric, ${TRACK_LABEL[result.bestTrack]} track`,
    row: headerRow,
    col: 0,
    rows: METRICS.length + 1,
    cols: 3,
    series: [
      { col: 1, color: "C7E0F4", line: "solid" },
      { col: 2, color: "0F6CBD", line: "solid" },
    ],
    anchor: { fromRow: headerRow, fromCol: 4, toRow: headerRow + 16, toCol: 10 },
  };
}

/**
 * Lays out the scorecard (design.md's sections): a pure description of cells, formats, formulas,
 * tables and the chart, written by both writers.
 */
export function buildScorecardLayout(result: ScoreResult, context: LayoutContext): SheetLayout {
  const rules = rulesById(result.rules);
  const b = new SheetBuilder();
  header(b, result, context);
  const rows = summary(b, result, rules);
  breakdown(b, result, rules);
  customers(b, result);
  people(b, result);
  dataIssues(b, result);
  notes(b, rules);
  const charts = [chart(b, result, rows)];
  const trend = historySection(b, result, rules, 10);
  if (trend) charts.push(trend);
  planSection(b, result, rules, 11);
  comparisonSection(b, result, TABLE_NAMES);
  return {
    name: SCORECARD_SHEET,
    cells: b.cells,
    width: Math.max(b.width, 11),
    columnWidths: [30, 22, 24, 16, 16, 16, 28, 28, 60, 12, 12],
    tables: b.tables,
    charts,
    sections: b.sections,
  };
}
