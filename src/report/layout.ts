import {
  DATE_1904_OFFSET,
  formatPoints,
  METRICS,
  Rules,
  rulesById,
  ScoreResult,
  TRACK_LABEL,
  TRACKS,
} from "../scoring";
import { DETAIL_SHEETS, detailSheets } from "./detail-sheets";
import { ChartSpec, excelSerial, LayoutCell, ScorecardLayout } from "./layout-model";
import { qualificationLine } from "./qualification-reasons";
import { cell, colLetter, FMT, RowInput, SheetBuilder } from "./sheet-builder";
import { TABLE_NAMES } from "./table-names";

/** The scorecard sheet's name (a contract: finance workbooks refer to it). */
export const SCORECARD_SHEET = "Security Scorecard";

/** The scorecard's title, in cell A1 of its sheet. */
export const SCORECARD_TITLE = "Solutions Partner for Security: capability score";

export { TABLE_NAMES };
export { DETAIL_SHEETS };

/** What the layout needs besides the score. */
export interface LayoutContext {
  /** When the scorecard was generated (shown in local time, as a date). */
  generated: Date;
  /**
   * The scorecard goes into a workbook of the 1904 date system (Excel for Mac's old default), so
   * its date cells hold serials of that system; default the 1900 system.
   */
  date1904?: boolean;
}

/** Where the summary's rows are, for the formulas that refer to them (0-based rows). */
interface SummaryRows {
  firstMetric: number;
  lastMetric: number;
  total: number;
  qualified: number;
}

/** The first day of a `YYYY-MM` month as an Excel date serial (1900 date system). */
function monthSerial(month: string): number {
  const [y, m] = month.split("-").map(Number);
  return Date.UTC(y ?? 1900, (m ?? 1) - 1, 1) / 86400000 + 25569;
}

/** A 1900-system serial in the workbook's date system. */
function inDateSystem(serial: number, context: LayoutContext): number {
  return context.date1904 ? serial - DATE_1904_OFFSET : serial;
}

/** The footer text of every sheet: the as-of month and when the scorecard was generated. */
function footerText(result: ScoreResult, context: LayoutContext): string {
  const d = context.generated;
  const two = (n: number): string => String(n).padStart(2, "0");
  const stamp = `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
  return `Security scorecard as of ${result.asOf} (rules ${result.rules}), generated ${stamp}`;
}

/** Section 1: title, as-of month, rules (which and why, linked), when, and the inputs in one line. */
function header(b: SheetBuilder, result: ScoreResult, context: LayoutContext): void {
  b.sections[1] = b.row;
  b.add([cell(SCORECARD_TITLE, undefined, "title")]);
  b.add([
    cell("As of", undefined, "label"),
    cell(inDateSystem(monthSerial(result.asOf), context), FMT.month),
    cell(`evaluation day ${result.evaluationDay}`, undefined, "note"),
  ]);
  b.add([
    cell("Rules", undefined, "label"),
    cell(result.rules, FMT.text),
    {
      value: `${result.rulesTitle}, ${result.rulesReason}`,
      style: "link",
      link: { url: result.sourceUrl },
    },
  ]);
  b.add([
    cell("Generated", undefined, "label"),
    cell(inDateSystem(excelSerial(context.generated), context), FMT.dateTime),
  ]);
  const rows = result.inputs.reduce((n, i) => n + i.rows, 0);
  b.add([
    cell("Inputs", undefined, "label"),
    cell(
      result.inputs.length === 0
        ? "none"
        : `${result.inputs.length} table${result.inputs.length === 1 ? "" : "s"}, ${rows.toLocaleString("en-US")} rows`
    ),
    {
      value: "Each input and its row outcomes",
      style: "link",
      link: { sheet: DETAIL_SHEETS.breakdown.sheet },
    },
  ]);
  b.blank();
}

/**
 * Section 2: the metric values; Total, Qualified and Best path as native formulas over them, so
 * finance can audit and recalculate without the add-in; conditional formats that follow them.
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
  ]);
  b.table(TABLE_NAMES.summary, ["Metric", "Max", "Enterprise", "SMB"], table);
  // Colours that follow the cells, so an edit by finance recolours them.
  const block = (row: number, rowsN: number, formula: string, style: "good" | "bad"): void => {
    b.conditionalFormats.push({ row, col: 2, rows: rowsN, cols: 2, formula, style });
  };
  block(rows.firstMetric, METRICS.length, `C${rows.firstMetric + 1}<${q.minPerMetric}`, "bad");
  block(rows.total, 1, `C${rows.total + 1}>=${q.minTotal}`, "good");
  block(rows.total, 1, `C${rows.total + 1}<${q.minTotal}`, "bad");
  // Qualified is coloured by the same test as its formula, not by its own value: LibreOffice
  // crashes printing a conditional format that reads its own boolean formula cell.
  const passes = `AND(C$${rows.total + 1}>=${q.minTotal},MIN(C$${rows.firstMetric + 1}:C$${rows.lastMetric + 1})>=${q.minPerMetric})`;
  block(rows.qualified, 1, passes, "good");
  block(rows.qualified, 1, `NOT(${passes})`, "bad");
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
      `${formatPoints(result.total)} points, ${result.qualified ? "qualified" : "not qualified"}`,
      undefined,
      "note"
    ),
  ]);
  b.add([
    cell(
      `Qualified: ${q.minTotal}+ total and ${q.minPerMetric}+ in each metric. Best path: a qualifying track, then the higher total, then Enterprise.`,
      undefined,
      "note"
    ),
  ]);
  b.blank();
  return rows;
}

/** Section 12: each track's qualification in words: why it does not qualify, or by how much it does. */
function qualification(b: SheetBuilder, result: ScoreResult): void {
  b.section(12, "Qualification");
  for (const t of TRACKS) {
    const line = qualificationLine(result, t);
    b.add([
      cell(TRACK_LABEL[t], undefined, "label"),
      cell(line.text, undefined, line.qualified ? "good" : "bad"),
    ]);
  }
  b.blank();
}

/** Rows the points-per-metric chart takes. */
const CHART_ROWS = 16;

/** Section 8: the best track's points against each maximum, as formulas over the summary. */
function chart(b: SheetBuilder, result: ScoreResult, rows: SummaryRows): ChartSpec {
  b.section(8, `Points against the maximum (best path: ${TRACK_LABEL[result.bestTrack]})`);
  const top = b.row - 1;
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
  // Beside its data, under the summary and the qualification (whose long lines run to the right).
  while (b.row < top + CHART_ROWS) b.blank();
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
    anchor: { fromRow: top, fromCol: 4, toRow: top + CHART_ROWS - 1, toCol: 11 },
  };
}

/** Section 14: a link to each detail sheet, with what it holds. */
function details(b: SheetBuilder): void {
  b.blank();
  b.section(14, "Details (each on its own sheet)");
  const what: Record<keyof typeof DETAIL_SHEETS, string> = {
    breakdown:
      "each metric's Azure and Microsoft 365 side now and a year earlier; the inputs and their row outcomes",
    customers: "every tenant, its figures, what it counts in and why",
    people: "every person, what they hold on the evaluation day and why they count or not",
    issues: "every row that needs a look, with its table and sheet row",
    outlook:
      "twelve months of history, six months of forecast, the first month at risk and the plan to qualify",
    rules: "the same data under every rules version, the decisions and the known limits",
  };
  for (const [key, d] of Object.entries(DETAIL_SHEETS) as [
    keyof typeof DETAIL_SHEETS,
    { sheet: string },
  ][])
    b.add([
      { value: d.sheet, style: "link", link: { sheet: d.sheet } },
      cell(what[key], undefined, "note"),
    ]);
}

/**
 * Lays out the scorecard (design.md's sections): a pure description of sheets, cells, formats,
 * formulas, tables, charts, conditional formats and print setup, written by both writers. The
 * summary sheet (title, summary, qualification, chart) prints on one page; the long tables
 * follow on sheets of their own.
 */
export function buildScorecardLayout(result: ScoreResult, context: LayoutContext): ScorecardLayout {
  const rules = rulesById(result.rules);
  const footer = footerText(result, context);
  const b = new SheetBuilder();
  header(b, result, context);
  const rows = summary(b, result, rules);
  qualification(b, result);
  b.charts.push(chart(b, result, rows));
  details(b);
  const summarySheet = b.finish(
    {
      name: SCORECARD_SHEET,
      title: SCORECARD_TITLE,
      columnWidths: [28, 14, 13, 13, 3, 9, 9, 9, 9, 9, 9, 9, 9],
    },
    { freezeRows: 0, print: { onePage: true, titleRow: null, footer } }
  );
  return {
    sheets: [summarySheet, ...detailSheets({ result, summarySheet: SCORECARD_SHEET, footer })],
  };
}
