import { METRICS, TRACK_LABEL, formatPoints, rulesById, ScoreResult, TRACKS } from "../scoring";
import { inputOutcomes, inputTitle } from "./input-text";
import { a1, CellStyle, LayoutCell, LayoutTable, SheetLayout } from "./layout-model";

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
} as const;

/** What the layout needs besides the score. */
export interface LayoutContext {
  /** When the scorecard was generated (ISO text shown as is). */
  generated: string;
}

const FMT = {
  points: "0.0",
  usd: "$#,##0.00",
  count: "#,##0",
  text: "@",
};

/** Builds the sheet row by row. */
class SheetBuilder {
  readonly cells: (LayoutCell | null)[][] = [];
  readonly tables: LayoutTable[] = [];
  width = 1;

  get row(): number {
    return this.cells.length;
  }

  /** Appends a row of cells (plain values become unstyled cells). */
  add(cells: (LayoutCell | string | number | boolean | null)[]): number {
    const row = cells.map((c) => (c === null ? null : typeof c === "object" ? c : { value: c }));
    this.cells.push(row);
    this.width = Math.max(this.width, row.length);
    return this.cells.length - 1;
  }

  blank(): void {
    this.cells.push([]);
  }

  /** Appends a named table: header row + data rows starting at column A. */
  table(
    name: string,
    header: string[],
    rows: (LayoutCell | string | number | boolean | null)[][]
  ): { headerRow: number } {
    const headerRow = this.add(header.map((h) => ({ value: h, style: "header" as CellStyle })));
    for (const r of rows) this.add(r.map((c) => (c === null ? { value: "" } : c)));
    this.tables.push({ name, row: headerRow, col: 0, rows: rows.length + 1, cols: header.length });
    return { headerRow };
  }
}

const cell = (value: LayoutCell["value"], format?: string, style?: CellStyle): LayoutCell => ({
  value,
  ...(format ? { format } : {}),
  ...(style ? { style } : {}),
});

/**
 * Lays out the scorecard (design.md sections 1–8). Metric cells are values; Total, Qualified and
 * Best path are native Excel formulas over them, so finance can audit without the add-in.
 */
export function buildScorecardLayout(result: ScoreResult, context: LayoutContext): SheetLayout {
  const rules = rulesById(result.rules);
  const b = new SheetBuilder();
  const sections: Record<number, number> = {};

  // 1. Header
  sections[1] = b.row;
  b.add([cell(SCORECARD_TITLE, undefined, "title")]);
  b.add([
    cell("As of", undefined, "label"),
    cell(result.asOf, FMT.text),
    cell(`evaluation day ${result.evaluationDay}`, undefined, "note"),
  ]);
  b.add([
    cell("Rules", undefined, "label"),
    cell(result.rules, FMT.text),
    cell(result.sourceUrl, undefined, "link"),
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

  // 2. Summary: metric values; Total, Qualified and Best path as formulas.
  sections[2] = b.row;
  b.add([cell("Summary", undefined, "section")]);
  const summaryHeader = b.row;
  const firstMetric = summaryHeader + 1;
  const lastMetric = firstMetric + METRICS.length - 1;
  const totalRow = lastMetric + 1;
  const qualifiedRow = totalRow + 1;
  const q = rules.qualification;
  const colLetter = (c: number): string => a1(0, c).replace(/[0-9]+/g, "");
  const summaryRows: LayoutCell[][] = METRICS.map((m) => [
    cell(m.label),
    cell(result.tracks.enterprise[m.key].max, FMT.count),
    ...TRACKS.map((t) => cell(result.tracks[t][m.key].points, FMT.points)),
  ]);
  summaryRows.push([
    cell("Total"),
    { value: 100, formula: `SUM(B${firstMetric + 1}:B${lastMetric + 1})`, format: FMT.count },
    // Round to whole thirds so that 70 computed from thirds is exactly 70 in Excel too.
    ...TRACKS.map((t, i) => {
      const c = colLetter(2 + i);
      return {
        value: result.tracks[t].total,
        formula: `ROUND(SUM(${c}${firstMetric + 1}:${c}${lastMetric + 1})*3,0)/3`,
        format: FMT.points,
      };
    }),
  ]);
  summaryRows.push([
    cell("Qualified"),
    cell(""),
    ...TRACKS.map((t, i) => {
      const c = colLetter(2 + i);
      const each = METRICS.map((_, k) => `${c}${firstMetric + k + 1}>=${q.minPerMetric}`).join(",");
      return {
        value: result.tracks[t].qualified,
        formula: `AND(${c}${totalRow + 1}>=${q.minTotal},${each})`,
      };
    }),
    // Beside the table, not in it: the rule the formula applies.
    cell(`${q.minTotal}+ total and ${q.minPerMetric}+ in each metric`, undefined, "note"),
  ]);
  b.table(TABLE_NAMES.summary, ["Metric", "Max", "Enterprise", "SMB"], summaryRows);
  const qe = `C${qualifiedRow + 1}`;
  const qs = `D${qualifiedRow + 1}`;
  const te = `C${totalRow + 1}`;
  const ts = `D${totalRow + 1}`;
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

  // 3. Breakdown per metric and side, both tracks.
  sections[3] = b.row;
  b.add([cell("Breakdown: current (as-of month) against a year earlier", undefined, "section")]);
  const breakdownHeader = b.row;
  const breakdown: LayoutCell[][] = [];
  const sidedRow = (
    metric: "netCustomerAdds" | "deployments" | "usageGrowth",
    sideKey: "azure" | "m365",
    measure: string,
    fmt: string
  ): void => {
    const r = breakdownHeader + 1 + breakdown.length + 1;
    const metricLabel = METRICS.find((m) => m.key === metric)?.label ?? metric;
    breakdown.push([
      cell(metricLabel),
      cell(sideKey === "azure" ? "Azure" : "Microsoft 365"),
      cell(measure),
      ...TRACKS.flatMap((t, i) => {
        const s = result.tracks[t][metric][sideKey];
        const cur = colLetter(3 + i * 4);
        const prev = colLetter(4 + i * 4);
        return [
          cell(s.current, fmt),
          cell(s.previous, fmt),
          { value: s.current - s.previous, formula: `${cur}${r}-${prev}${r}`, format: fmt },
          cell(s.points, FMT.points),
        ];
      }),
    ]);
  };
  sidedRow(
    "netCustomerAdds",
    "azure",
    `Customers with TTM ACR >= $${rules.netCustomerAdds.azureMinTtmUsd}`,
    FMT.count
  );
  sidedRow("netCustomerAdds", "m365", "Customers with a workload of the track's size", FMT.count);
  sidedRow(
    "deployments",
    "azure",
    "Customers with TTM ACR in the track's deployment band",
    FMT.count
  );
  sidedRow(
    "deployments",
    "m365",
    "Customers with a workload of the track's size, 15%+ active",
    FMT.count
  );
  sidedRow("usageGrowth", "azure", "Security ACR (TTM, USD)", FMT.usd);
  sidedRow("usageGrowth", "m365", "Protected users (active paid licences)", FMT.count);
  for (const step of [1, 2, 3] as const) {
    const key = `step${step}` as const;
    const exams = rules.certifications
      .filter((c) => c.step === step)
      .map((c) => c.exam)
      .join(", ");
    breakdown.push([
      cell("Intermediate certifications"),
      cell(`Step ${step}`),
      cell(`People holding ${exams}`),
      ...TRACKS.flatMap((t) => [
        cell(result.tracks[t].skilling[key], FMT.count),
        cell(""),
        cell(""),
        step === 3 ? cell(result.tracks[t].skilling.points, FMT.points) : cell(""),
      ]),
    ]);
  }
  b.table(
    TABLE_NAMES.breakdown,
    [
      "Metric",
      "Side",
      "Measure",
      "Enterprise now",
      "Enterprise year ago",
      "Enterprise change",
      "Enterprise points",
      "SMB now",
      "SMB year ago",
      "SMB change",
      "SMB points",
    ],
    breakdown
  );
  b.blank();

  // 4. Customers
  sections[4] = b.row;
  b.add([cell("Customers", undefined, "section")]);
  const customerRows: LayoutCell[][] = result.customers.map((c) => {
    const paid = c.m365?.workloads.reduce((a, w) => a + w.paid, 0) ?? null;
    const activePaid = c.m365?.workloads.reduce((a, w) => a + w.activePaid, 0) ?? null;
    return [
      cell(c.tenant, FMT.text),
      cell(c.name),
      cell(c.azure ? c.azure.ttmAcr : "", FMT.usd),
      cell(c.azure ? c.azure.ttmAcrYearAgo : "", FMT.usd),
      cell(paid ?? "", FMT.count),
      cell(activePaid ?? "", FMT.count),
      cell(c.countsNow.join("; ")),
      cell(c.countsYearAgo.join("; ")),
      cell(c.reason),
    ];
  });
  if (customerRows.length === 0)
    customerRows.push([
      cell("(no customers in the inputs)"),
      cell(""),
      cell(""),
      cell(""),
      cell(""),
      cell(""),
      cell(""),
      cell(""),
      cell(""),
    ]);
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
    customerRows
  );
  b.blank();

  // 5. People
  sections[5] = b.row;
  b.add([cell("People", undefined, "section")]);
  const peopleRows: LayoutCell[][] = result.people.map((p) => [
    cell(p.person, FMT.text),
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
  if (peopleRows.length === 0)
    peopleRows.push([cell("(no certification rows)"), cell(""), cell(""), cell(false), cell("")]);
  b.table(
    TABLE_NAMES.people,
    ["Person", "Held on evaluation day", "Steps", "Counted", "Reason"],
    peopleRows
  );
  b.blank();

  // 6. Data issues and row outcomes
  sections[6] = b.row;
  b.add([cell("Data issues", undefined, "section")]);
  const issueRows: LayoutCell[][] = result.issues.map((i) => [
    cell(i.severity),
    cell(i.table),
    cell(i.row ?? ""),
    cell(i.message),
  ]);
  if (issueRows.length === 0)
    issueRows.push([cell("info"), cell(""), cell(""), cell("No data issues.")]);
  b.table(TABLE_NAMES.issues, ["Severity", "Table", "Sheet row", "Message"], issueRows);
  b.blank();
  const outcomeRows: LayoutCell[][] = result.inputs.map((input) => {
    const c = input.counts;
    const reasons = Object.entries(c.notEligible)
      .map(([k, n]) => `${k} ${n}`)
      .join(", ");
    return [
      cell(input.table),
      cell(input.rows, FMT.count),
      cell(c.counted, FMT.count),
      cell(
        Object.values(c.notEligible).reduce((a, n) => a + n, 0),
        FMT.count
      ),
      cell(reasons),
      cell(c.duplicate, FMT.count),
      cell(c.errors, FMT.count),
      cell(c.empty, FMT.count),
    ];
  });
  if (outcomeRows.length === 0)
    outcomeRows.push([
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
    outcomeRows
  );
  b.blank();

  // 7. Notes: the decisions and the limits.
  sections[7] = b.row;
  b.add([cell("Notes: how this score was computed", undefined, "section")]);
  for (const d of rules.decisions)
    b.add([cell("Decision", undefined, "label"), cell(d, undefined, "note")]);
  for (const l of rules.limits)
    b.add([cell("Limit", undefined, "label"), cell(l, undefined, "note")]);
  b.blank();

  // 8. Chart: best track's points against each metric's maximum (formulas over the summary).
  sections[8] = b.row;
  b.add([
    cell(
      `Points against the maximum (best path: ${TRACK_LABEL[result.bestTrack]})`,
      undefined,
      "section"
    ),
  ]);
  const chartHeader = b.row;
  const bestCol = colLetter(2 + TRACKS.indexOf(result.bestTrack));
  b.table(
    TABLE_NAMES.chart,
    ["Metric", "Max", "Points"],
    METRICS.map((m, k) => [
      { value: m.label, formula: `A${firstMetric + k + 1}` },
      {
        value: result.tracks.enterprise[m.key].max,
        formula: `B${firstMetric + k + 1}`,
        format: FMT.count,
      },
      {
        value: result.tracks[result.bestTrack][m.key].points,
        formula: `${bestCol}${firstMetric + k + 1}`,
        format: FMT.points,
      },
    ])
  );
  const chart = {
    title: `Points per metric, ${TRACK_LABEL[result.bestTrack]} track`,
    row: chartHeader,
    col: 0,
    rows: METRICS.length + 1,
    cols: 3,
    anchor: { fromRow: chartHeader, fromCol: 4, toRow: chartHeader + 16, toCol: 10 },
  };
  return {
    name: SCORECARD_SHEET,
    cells: b.cells,
    width: Math.max(b.width, 11),
    columnWidths: [30, 22, 24, 16, 16, 16, 28, 28, 60, 12, 12],
    tables: b.tables,
    chart,
    sections,
  };
}
