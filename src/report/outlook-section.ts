import {
  FORECAST_NOTE,
  METRICS,
  MonthScore,
  Rules,
  ScoreResult,
  TRACK_LABEL,
  TRACKS,
} from "../scoring";
import { ChartSpec, LayoutCell } from "./layout-model";
import { qualificationLine } from "./qualification-reasons";
import { cell, FMT, RowInput, SheetBuilder } from "./sheet-builder";

/**
 * The scorecard's outlook: the *History and forecast* section (twelve months, six forecast
 * months, a line chart of both tracks' totals against the qualifying total) and the *Plan to
 * qualify* section (each track's shortfall and nearest wins).
 */

/** Names of the outlook's tables. */
export const OUTLOOK_TABLES = {
  history: "ScoreHistory",
  plan: { enterprise: "ScorePlanEnterprise", smb: "ScorePlanSMB" },
} as const;

/** Rows the month-by-month chart takes under its table. */
const CHART_ROWS = 20;

/** Series colours: one per track, the same in history (solid) and forecast (dashed). */
const COLOR = { enterprise: "0F6CBD", smb: "E3008C", line: "B10E1C" } as const;

/** The history table's columns; the chart reads the first six. */
export const HISTORY_COLUMNS = [
  "Month",
  "Enterprise",
  "SMB",
  "Enterprise forecast",
  "SMB forecast",
  "Qualifying total",
  "Period",
  "Best track",
  "Qualified",
  "Rules",
] as const;

/** One month's row: history months fill the track columns, forecast months the forecast ones. */
function monthRow(m: MonthScore, period: "History" | "As of" | "Forecast", min: number): RowInput {
  const points = (v: number | null): LayoutCell => cell(v ?? "", FMT.points);
  const past = period !== "Forecast";
  const ahead = period !== "History";
  return [
    cell(m.asOf, FMT.text),
    points(past ? m.tracks.enterprise.total : null),
    points(past ? m.tracks.smb.total : null),
    points(ahead ? m.tracks.enterprise.total : null),
    points(ahead ? m.tracks.smb.total : null),
    cell(min, FMT.count),
    cell(period),
    cell(TRACK_LABEL[m.bestTrack]),
    cell(m.qualified),
    cell(m.rules, FMT.text),
  ];
}

/**
 * The *History and forecast* section; returns its line chart, placed to the right of the table.
 * The as-of month is in both the history and the forecast columns so the dashed line continues
 * the solid one.
 */
export function historySection(
  b: SheetBuilder,
  result: ScoreResult,
  rules: Rules,
  n: number
): ChartSpec | null {
  b.section(n, "History and forecast: the total month by month");
  const min = rules.qualification.minTotal;
  if (result.history.length === 0) {
    b.add([cell("The outlook was not computed for this scorecard.", undefined, "note")]);
    b.blank();
    return null;
  }
  b.add([cell(FORECAST_NOTE, undefined, "note")]);
  const rows: RowInput[] = [
    ...result.history.map((m) => monthRow(m, m.asOf === result.asOf ? "As of" : "History", min)),
    ...result.forecast.map((m) => monthRow(m, "Forecast", min)),
  ];
  const { headerRow } = b.table(OUTLOOK_TABLES.history, [...HISTORY_COLUMNS], rows);
  b.add([
    cell("First month at risk", undefined, "label"),
    cell(result.firstMonthAtRisk ?? "none", FMT.text, result.firstMonthAtRisk ? "bad" : "good"),
    cell(
      result.firstMonthAtRisk
        ? `The first forecast month where the ${TRACK_LABEL[result.bestTrack]} track stops qualifying or one of its metrics falls to 0.`
        : "No forecast month loses the qualification or a metric (under the flat run-rate).",
      undefined,
      "note"
    ),
  ]);
  for (const driver of result.riskDrivers)
    b.add([cell("Because", undefined, "label"), cell(driver, undefined, "note")]);
  b.blank();
  // The chart sits under the table, over rows kept blank for it (the sheet stays one page wide).
  const chartRow = b.row;
  for (let i = 0; i < CHART_ROWS; i++) b.blank();
  return {
    kind: "line",
    title: "Total points by month (dashed: forecast)",
    row: headerRow,
    col: 0,
    rows: rows.length + 1,
    cols: 6,
    series: [
      { col: 1, color: COLOR.enterprise, line: "solid" },
      { col: 2, color: COLOR.smb, line: "solid" },
      { col: 3, color: COLOR.enterprise, line: "dash" },
      { col: 4, color: COLOR.smb, line: "dash" },
      { col: 5, color: COLOR.line, line: "dot" },
    ],
    valueAxis: { min: 0, max: 100 },
    anchor: { fromRow: chartRow, fromCol: 0, toRow: chartRow + CHART_ROWS - 1, toCol: 6 },
  };
}

/** The metric's label as the scorecard shows it. */
const metricLabel = (key: string): string => METRICS.find((m) => m.key === key)?.label ?? key;

/** The *Plan to qualify* section: per track, the shortfall, then the nearest wins. */
export function planSection(b: SheetBuilder, result: ScoreResult, n: number): void {
  b.section(n, "Plan to qualify: the nearest wins per track");
  b.add([
    cell(
      "Each win is one change in the as-of month (Azure ACR in the current TTM, licences or active users of one workload, one person certified, or a total); its points are found by scoring the changed month, exactly, caps and gates included. Wins do not add up: two wins on one metric may share a cap.",
      undefined,
      "note"
    ),
  ]);
  for (const t of TRACKS) {
    const plan = result.plan[t];
    // The same line as the summary's Qualification section.
    const line = qualificationLine(result, t);
    b.add([
      cell(TRACK_LABEL[t], undefined, "label"),
      cell(line.text, undefined, line.qualified ? "good" : "bad"),
    ]);
    const rows: RowInput[] = plan.wins.map((w) => [
      cell(metricLabel(w.metric)),
      cell(w.points, FMT.points),
      cell(w.subject, FMT.text),
      cell(w.needed.amount, w.needed.unit === "USD ACR" ? FMT.usd : "#,##0.##"),
      cell(w.needed.unit),
      cell(w.because),
    ]);
    if (rows.length === 0)
      rows.push([
        cell(""),
        cell(0, FMT.points),
        cell(""),
        cell(""),
        cell(""),
        cell(
          result.tracks[t].total >= 100
            ? "Every metric is at its maximum."
            : "No single change to a customer, workload, person or total gains points on this track."
        ),
      ]);
    b.table(
      OUTLOOK_TABLES.plan[t],
      ["Metric", "Points", "Subject", "Needed", "Unit", "Because"],
      rows
    );
    b.blank();
  }
}
