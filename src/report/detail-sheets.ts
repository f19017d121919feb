import {
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
import { PrintSetup, SheetLayout } from "./layout-model";
import { historySection, planSection } from "./outlook-section";
import { cell, colLetter, FMT, RowInput, SheetBuilder, wrapped } from "./sheet-builder";
import { TABLE_NAMES } from "./table-names";

/**
 * The scorecard's detail sheets: the long tables (breakdown with the inputs, customers, people,
 * data issues, the outlook, the rules), each on a sheet of its own with its own column widths,
 * wrapped long text, a frozen header row and print titles, so the summary sheet stays one page.
 */

/** Each detail sheet's name and the title in its A1 (how it is recognised as ours). */
export const DETAIL_SHEETS = {
  breakdown: {
    sheet: "Scorecard – Breakdown",
    title: "Scorecard breakdown: each metric now and a year earlier",
  },
  customers: {
    sheet: "Scorecard – Customers",
    title: "Scorecard customers: every tenant and why it counts",
  },
  people: {
    sheet: "Scorecard – People",
    title: "Scorecard people: every person and why they count",
  },
  issues: {
    sheet: "Scorecard – Data issues",
    title: "Scorecard data issues: every row that needs a look",
  },
  outlook: {
    sheet: "Scorecard – Outlook",
    title: "Scorecard outlook: month by month, the forecast and the plan",
  },
  rules: {
    sheet: "Scorecard – Rules",
    title: "Scorecard rules: how this score was computed, and under each version",
  },
} as const;

/** What every detail sheet shares: the as-of month and rules, the link back, the footer. */
interface Common {
  result: ScoreResult;
  summarySheet: string;
  footer: string;
}

/** A detail sheet: title, the as-of line with a link back to the summary, then its content. */
function detailSheet(
  which: (typeof DETAIL_SHEETS)[keyof typeof DETAIL_SHEETS],
  common: Common,
  columnWidths: number[],
  fill: (b: SheetBuilder) => number | null
): SheetLayout {
  const b = new SheetBuilder();
  b.add([cell(which.title, undefined, "title")]);
  b.add([
    cell(`As of ${common.result.asOf}, rules ${common.result.rules}.`, undefined, "note"),
    { value: "Back to the summary", style: "link", link: { sheet: common.summarySheet } },
  ]);
  b.blank();
  const headerRow = fill(b);
  const print: PrintSetup = { onePage: false, titleRow: headerRow, footer: common.footer };
  return b.finish(
    { name: which.sheet, title: which.title, columnWidths },
    { freezeRows: headerRow === null ? 2 : headerRow + 1, print }
  );
}

/** Every detail sheet, in the order they follow the summary. */
export function detailSheets(common: Common): SheetLayout[] {
  const { result } = common;
  const rules = rulesById(result.rules);
  return [
    detailSheet(
      DETAIL_SHEETS.breakdown,
      common,
      [26, 14, 44, 12, 12, 12, 10, 12, 12, 12, 10],
      (b) => {
        const header = breakdown(b, result, rules);
        inputs(b, result);
        return header;
      }
    ),
    detailSheet(DETAIL_SHEETS.customers, common, [38, 28, 16, 18, 12, 12, 30, 30, 60], (b) =>
      customers(b, result)
    ),
    detailSheet(DETAIL_SHEETS.people, common, [40, 40, 10, 10, 70], (b) => people(b, result)),
    detailSheet(DETAIL_SHEETS.issues, common, [10, 30, 10, 100], (b) => dataIssues(b, result)),
    detailSheet(DETAIL_SHEETS.outlook, common, [22, 12, 38, 16, 24, 60, 10, 12, 10, 8], (b) => {
      const chart = historySection(b, result, rules, 10);
      if (chart) b.charts.push(chart);
      planSection(b, result, 11);
      return chart ? chart.row : null;
    }),
    detailSheet(DETAIL_SHEETS.rules, common, [26, 44, 16, 12, 16, 40, 40], (b) => {
      comparisonSection(b, result, TABLE_NAMES);
      notes(b, rules);
      return null;
    }),
  ];
}

/** What a breakdown row measures, in the metric module's words, for both tracks. */
function bothTracks(describe: (track: "enterprise" | "smb") => string): string {
  const e = describe("enterprise");
  const s = describe("smb");
  return e === s ? e : `Enterprise: ${e}; SMB: ${s}`;
}

/** Section 3: each metric's sides now, a year earlier, the change (a formula) and points. */
function breakdown(b: SheetBuilder, result: ScoreResult, rules: Rules): number {
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
        wrapped(bothTracks((t) => metric.measure(side, t, rules))),
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
      wrapped(skillingMetric.measure(step, rules)),
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
  const { headerRow } = b.table(
    TABLE_NAMES.breakdown,
    ["Metric", "Side", "Measure", ...columns],
    rows
  );
  b.blank();
  return headerRow;
}

/** Section 4: every tenant, its figures, the counts it is in and why. */
function customers(b: SheetBuilder, result: ScoreResult): number {
  b.section(4, "Customers");
  const rows: RowInput[] = result.customers.map((c) => [
    cell(c.tenant, FMT.text),
    cell(c.name),
    cell(c.azure ? c.azure.ttmAcr : "", FMT.usd),
    cell(c.azure ? c.azure.ttmAcrYearAgo : "", FMT.usd),
    cell(c.m365?.workloads.reduce((a, w) => a + w.paid, 0) ?? "", FMT.count),
    cell(c.m365?.workloads.reduce((a, w) => a + w.activePaid, 0) ?? "", FMT.count),
    wrapped(c.countsNow.join("; ")),
    wrapped(c.countsYearAgo.join("; ")),
    wrapped(c.reason),
  ]);
  if (rows.length === 0)
    rows.push([cell("(no customers in the inputs)"), ...Array(8).fill(cell(""))]);
  const { headerRow } = b.table(
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
  return headerRow;
}

/** Section 5: every person, what they hold on the evaluation day, and why they count or not. */
function people(b: SheetBuilder, result: ScoreResult): number {
  b.section(5, "People");
  const rows: RowInput[] = result.people.map((p) => [
    cell(p.name ? `${p.person} (${p.name})` : p.person, FMT.text),
    wrapped(
      p.certifications
        .filter((c) => c.status === "held")
        .map((c) => c.exam ?? c.certification)
        .join(", ")
    ),
    cell(p.steps.join(", "), FMT.text),
    cell(p.counted),
    wrapped(p.reason),
  ]);
  if (rows.length === 0)
    rows.push([cell("(no certification rows)"), cell(""), cell(""), cell(false), cell("")]);
  const { headerRow } = b.table(
    TABLE_NAMES.people,
    ["Person", "Held on evaluation day", "Steps", "Counted", "Reason"],
    rows
  );
  b.blank();
  return headerRow;
}

/** Section 6: every issue with its table and sheet row. */
function dataIssues(b: SheetBuilder, result: ScoreResult): number {
  b.section(6, "Data issues");
  const issues: RowInput[] = result.issues.map((i) => [
    cell(i.severity),
    cell(i.table),
    cell(i.row ?? ""),
    wrapped(i.message),
  ]);
  if (issues.length === 0) issues.push([cell("info"), cell(""), cell(""), cell("No data issues.")]);
  const { headerRow } = b.table(
    TABLE_NAMES.issues,
    ["Severity", "Table", "Sheet row", "Message"],
    issues
  );
  b.blank();
  return headerRow;
}

/** Section 13: each input, the layout recognised, and what became of its rows. */
function inputs(b: SheetBuilder, result: ScoreResult): void {
  b.section(13, "Inputs and their row outcomes");
  const outcomes: RowInput[] = result.inputs.map((input) => {
    const c = input.counts;
    const notEligible = Object.values(c.notEligible).reduce((a, n) => a + n, 0);
    return [
      cell(input.table),
      cell(input.rows, FMT.count),
      cell(c.counted, FMT.count),
      cell(notEligible, FMT.count),
      wrapped(
        Object.entries(c.notEligible)
          .map(([k, n]) => `${k} ${n}`)
          .join(", ")
      ),
      cell(c.duplicate, FMT.count),
      cell(c.errors, FMT.count),
      cell(c.empty, FMT.count),
      wrapped(input.layout),
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
      cell(""),
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
      "Layout",
    ],
    outcomes
  );
  for (const input of result.inputs)
    b.add([
      cell(inputTitle(input), undefined, "label"),
      cell(inputOutcomes(input), undefined, "note"),
    ]);
  b.blank();
}

/** Section 7: the decisions of the rules version used, and the known limits. */
function notes(b: SheetBuilder, rules: Rules): void {
  b.section(7, `Notes: how this score was computed (rules ${rules.id})`);
  for (const d of rules.decisions)
    b.add([cell("Decision", undefined, "label"), wrapped(d, "note")]);
  for (const l of rules.limits) b.add([cell("Limit", undefined, "label"), wrapped(l, "note")]);
  b.blank();
}
