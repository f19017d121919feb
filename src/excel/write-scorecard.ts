import {
  a1,
  a1Range,
  CellStyle,
  ChartSpec,
  LayoutCell,
  SeriesLine,
  SheetLayout,
} from "../report/layout-model";
import { pickScorecardName } from "../report/sheet-names";
import { OWNER_PROPERTY } from "./owner";

/**
 * Writes a scorecard layout into the workbook in four syncs: find the add-in's own sheets, check
 * names, build the new sheet under a temporary name (values, then formats, tables and chart),
 * then swap it in. (Only a scorecard too large for one 5 MB request takes a sync per extra block.) A failure while building deletes the half-built sheet, so
 * the previous scorecard stays as it was; a user's sheet is never touched.
 */

export { OWNER_PROPERTY };
const TEMP_SHEET = "Scorecard (building)";
const TEMP_SUFFIX = "_building";

/** What happened. */
export interface WriteOutcome {
  sheetName: string;
  /** The add-in's previous scorecard that was replaced, if any. */
  replaced: string | null;
  /** Table names as written (`ScoreSummary`, … unless a user's own table holds the name). */
  tables: string[];
}

const FONT: Partial<
  Record<
    CellStyle,
    { bold?: boolean; italic?: boolean; size?: number; color?: string; underline?: string }
  >
> = {
  title: { bold: true, size: 16, color: "#0F6CBD" },
  section: { bold: true, size: 13, color: "#0F6CBD" },
  header: { bold: true },
  label: { bold: true },
  note: { italic: true, color: "#616161" },
  good: { bold: true, color: "#0E700E" },
  bad: { bold: true, color: "#B10E1C" },
  link: { color: "#0F6CBD", underline: "Single" },
};

/**
 * A text value as Excel must receive it to keep it text: an apostrophe in front of text Excel
 * would otherwise turn into a formula, number, date or boolean (and of user text that starts
 * with `=`, which would be a formula injection).
 */
export function protectText(text: string): string {
  if (/^[=+\-@']/.test(text) || /^[\d\s.,$%()/:-]+$/.test(text) || /^(true|false)$/i.test(text))
    return `'${text}`;
  return text;
}

/** The `formulas` matrix of a layout: formulas with `=`, values as Excel should keep them. */
export function formulaMatrix(layout: SheetLayout): (string | number | boolean)[][] {
  return layout.cells.map((row) =>
    Array.from({ length: layout.width }, (_, c) => {
      const cell: LayoutCell | null | undefined = row[c];
      if (!cell) return "";
      if (cell.formula) return `=${cell.formula}`;
      const v = cell.value;
      if (v === null) return "";
      return typeof v === "string" ? protectText(v) : v;
    })
  );
}

/** The `numberFormat` matrix of a layout (`General` where the layout says nothing). */
export function formatMatrix(layout: SheetLayout): string[][] {
  return layout.cells.map((row) =>
    Array.from({ length: layout.width }, (_, c) => row[c]?.format ?? "General")
  );
}

const LINE_STYLE: Record<SeriesLine, Excel.ChartLineStyle> = {
  solid: "Continuous" as Excel.ChartLineStyle,
  dash: "Dash" as Excel.ChartLineStyle,
  dot: "RoundDot" as Excel.ChartLineStyle,
};

/**
 * Adds one of the layout's charts over its block, looking as the xlsx writer draws it: series
 * colours and dashes, categories top to bottom in a bar chart, blank cells as gaps, fixed axis.
 */
function addChart(sheet: Excel.Worksheet, c: ChartSpec): void {
  const chart = sheet.charts.add(
    c.kind === "bar" ? Excel.ChartType.barClustered : Excel.ChartType.line,
    sheet.getRange(a1Range(c.row, c.col, c.rows, c.cols)),
    Excel.ChartSeriesBy.columns
  );
  chart.title.text = c.title;
  chart.legend.position = "Bottom" as Excel.ChartLegendPosition;
  chart.displayBlanksAs = "NotPlotted" as Excel.ChartDisplayBlanksAs;
  c.series.forEach((s, i) => {
    const series = chart.series.getItemAt(i);
    if (c.kind === "bar") {
      series.format.fill.setSolidColor(`#${s.color}`);
    } else {
      series.format.line.color = `#${s.color}`;
      series.format.line.lineStyle = LINE_STYLE[s.line];
      series.markerStyle = "None" as Excel.ChartMarkerStyle;
    }
  });
  if (c.kind === "bar") chart.axes.categoryAxis.reversePlotOrder = true;
  if (c.valueAxis) {
    chart.axes.valueAxis.minimum = c.valueAxis.min;
    chart.axes.valueAxis.maximum = c.valueAxis.max;
  }
  chart.setPosition(a1(c.anchor.fromRow, c.anchor.fromCol), a1(c.anchor.toRow, c.anchor.toCol));
}

/** Bytes of cell data sent in one request at most, under Excel on the web's 5 MB limit. */
export const MAX_WRITE_BYTES = 3_500_000;

/**
 * Row blocks `[from, to)` whose cells fit in one request each: one block for any ordinary
 * scorecard, more only for very large ones.
 */
export function writeBlocks(
  formulas: unknown[][],
  formats: unknown[][],
  limit = MAX_WRITE_BYTES
): { from: number; to: number }[] {
  const blocks: { from: number; to: number }[] = [];
  let from = 0;
  let bytes = 0;
  formulas.forEach((row, r) => {
    const size = JSON.stringify(row).length + JSON.stringify(formats[r] ?? []).length;
    if (bytes + size > limit && r > from) {
      blocks.push({ from, to: r });
      from = r;
      bytes = 0;
    }
    bytes += size;
  });
  blocks.push({ from, to: formulas.length });
  return blocks;
}

/** Writes (or refreshes) the scorecard sheet. */
export async function writeScorecard(
  context: Excel.RequestContext,
  layout: SheetLayout
): Promise<WriteOutcome> {
  // Sync 1: every sheet and table name.
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  const tables = context.workbook.tables;
  tables.load("items/name");
  await context.sync();

  // Sync 2: which sheets carry our marker, and which sheet holds each table.
  const marks = sheets.items.map((s) => {
    const p = s.customProperties.getItemOrNullObject(OWNER_PROPERTY);
    p.load("value");
    return { sheet: s, p };
  });
  const tableSheets = tables.items.map((t) => {
    const ws = t.worksheet;
    ws.load("name");
    return { name: t.name, ws };
  });
  await context.sync();

  const own = marks.find(
    (m) => !m.p.isNullObject && m.sheet.name.toLowerCase().startsWith(layout.name.toLowerCase())
  );
  const ownName = own?.sheet.name ?? null;
  const names = sheets.items.map((s) => s.name);
  const finalName = ownName ?? pickScorecardName(names, layout.name);
  const tempName = pickScorecardName(names, TEMP_SHEET);
  const userTables = new Set(
    tableSheets.filter((t) => t.ws.name !== ownName).map((t) => t.name.toLowerCase())
  );
  const finalTables = layout.tables.map((t) => {
    let name = t.name;
    for (let i = 2; userTables.has(name.toLowerCase()); i++) name = `${t.name}${i}`;
    return name;
  });

  // Sync 3: the new sheet under a temporary name: values first, then formats, tables, chart.
  // A scorecard too large for one request (thousands of customers) is written in row blocks
  // first, one sync each, so no request passes Excel on the web's 5 MB limit.
  const formulas = formulaMatrix(layout);
  const formats = formatMatrix(layout);
  const blocks = writeBlocks(formulas, formats);
  const sheet = sheets.add(tempName);
  try {
    for (const [index, block] of blocks.entries()) {
      const range = sheet.getRangeByIndexes(block.from, 0, block.to - block.from, layout.width);
      range.formulas = formulas.slice(block.from, block.to);
      range.numberFormat = formats.slice(block.from, block.to);
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      if (index < blocks.length - 1) await context.sync();
    }
    layout.columnWidths.forEach((w, c) => {
      sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = w * 7;
    });
    layout.cells.forEach((row, r) =>
      row.forEach((cell, c) => {
        const font = cell?.style ? FONT[cell.style] : undefined;
        if (!font) return;
        const f = sheet.getRange(a1(r, c)).format.font;
        if (font.bold) f.bold = true;
        if (font.italic) f.italic = true;
        if (font.size) f.size = font.size;
        if (font.color) f.color = font.color;
        if (font.underline) f.underline = font.underline as Excel.RangeUnderlineStyle;
      })
    );
    layout.tables.forEach((t) => {
      const table = sheet.tables.add(a1Range(t.row, t.col, t.rows, t.cols), true);
      table.name = `${t.name}${TEMP_SUFFIX}`;
      table.style = "TableStyleLight9";
    });
    for (const c of layout.charts) addChart(sheet, c);
    sheet.customProperties.add(OWNER_PROPERTY, "1");
    sheet.showGridlines = false;
    await context.sync();
  } catch (error) {
    // Leave the workbook as it was: remove the half-built sheet, keep the previous scorecard.
    context.workbook.worksheets.getItem(tempName).delete();
    await context.sync().catch(() => undefined);
    throw error;
  }

  // Sync 4: swap: remove our previous scorecard, give the new sheet and its tables their names.
  if (own) own.sheet.delete();
  sheet.name = finalName;
  layout.tables.forEach((t, i) => {
    sheet.tables.getItem(`${t.name}${TEMP_SUFFIX}`).name = finalTables[i] ?? t.name;
  });
  sheet.activate();
  await context.sync();
  return { sheetName: finalName, replaced: ownName, tables: finalTables };
}
