import {
  a1,
  a1Range,
  CellStyle,
  ChartSpec,
  LayoutCell,
  ScorecardLayout,
  SeriesLine,
  SheetLayout,
} from "../report/layout-model";
import { pickScorecardName } from "../report/sheet-names";
import { isOwn, loadOwnerMark, OWNER_PROPERTY } from "./owner";

/**
 * Writes a scorecard layout into the workbook in four syncs: find the add-in's own sheets, check
 * names, build the new sheets under temporary names (values, then looks, tables, charts, view and
 * print setup), then swap them in. (Only a scorecard too large for one 5 MB request takes a sync
 * per extra block.) A failure while building deletes the half-built sheets, so the previous
 * scorecard stays as it was; a user's sheet is never touched.
 */

export { OWNER_PROPERTY };
const TEMP_SHEET = "Scorecard building";
const FONT_NAME = "Calibri";
const FONT_SIZE = 11;
const TEMP_SUFFIX = "_building";

/** What happened. */
export interface WriteOutcome {
  /** The summary sheet's name. */
  sheetName: string;
  /** Every sheet written, the summary first. */
  sheets: string[];
  /** The add-in's previous summary sheet that was replaced, if any. */
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

/** Fill and font colours of the conditional formats (the layout's good and bad). */
const CONDITIONAL = {
  good: { font: "#0E700E", fill: "#E7F4E7" },
  bad: { font: "#B10E1C", fill: "#FDE7E9" },
} as const;

/** Runs of consecutive rows in one column where `pick` holds: one range operation each. */
function columnRuns(
  layout: SheetLayout,
  pick: (cell: LayoutCell) => boolean
): { row: number; col: number; rows: number }[] {
  const runs: { row: number; col: number; rows: number }[] = [];
  for (let c = 0; c < layout.width; c++) {
    let start = -1;
    for (let r = 0; r <= layout.cells.length; r++) {
      const cell = layout.cells[r]?.[c];
      const on = cell ? pick(cell) : false;
      if (on && start < 0) start = r;
      if (!on && start >= 0) {
        runs.push({ row: start, col: c, rows: r - start });
        start = -1;
      }
    }
  }
  return runs;
}

/** Queues everything of one sheet after its cells: looks, tables, charts, view and print setup. */
function dressSheet(sheet: Excel.Worksheet, layout: SheetLayout, tableSuffix: string): void {
  const used = sheet.getRangeByIndexes(0, 0, Math.max(1, layout.cells.length), layout.width);
  // An explicit font, so that other spreadsheet programs do not fall back to a serif face.
  used.format.font.name = FONT_NAME;
  used.format.font.size = FONT_SIZE;
  layout.columnWidths.forEach((w, c) => {
    sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = w * 7;
  });
  layout.cells.forEach((row, r) =>
    row.forEach((cell, c) => {
      const font = cell?.style ? FONT[cell.style] : undefined;
      if (font) {
        const f = sheet.getRange(a1(r, c)).format.font;
        if (font.bold) f.bold = true;
        if (font.italic) f.italic = true;
        if (font.size) f.size = font.size;
        if (font.color) f.color = font.color;
        if (font.underline) f.underline = font.underline as Excel.RangeUnderlineStyle;
      }
      if (cell?.link) {
        sheet.getRange(a1(r, c)).hyperlink =
          "url" in cell.link
            ? { address: cell.link.url, textToDisplay: String(cell.value ?? "") }
            : {
                documentReference: `'${cell.link.sheet.replace(/'/g, "''")}'!A1`,
                textToDisplay: String(cell.value ?? ""),
              };
      }
    })
  );
  for (const run of columnRuns(layout, (cell) => cell.wrap === true))
    sheet.getRangeByIndexes(run.row, run.col, run.rows, 1).format.wrapText = true;
  for (const f of layout.conditionalFormats) {
    const cf = sheet
      .getRangeByIndexes(f.row, f.col, f.rows, f.cols)
      .conditionalFormats.add("Custom" as Excel.ConditionalFormatType);
    cf.custom.rule.formula = `=${f.formula}`;
    cf.custom.format.font.color = CONDITIONAL[f.style].font;
    cf.custom.format.fill.color = CONDITIONAL[f.style].fill;
  }
  layout.tables.forEach((t) => {
    const table = sheet.tables.add(a1Range(t.row, t.col, t.rows, t.cols), true);
    table.name = `${t.name}${tableSuffix}`;
    table.style = "TableStyleLight9";
  });
  for (const c of layout.charts) addChart(sheet, c);
  if (layout.freezeRows > 0) sheet.freezePanes.freezeRows(layout.freezeRows);
  const page = sheet.pageLayout;
  page.orientation = "Landscape" as Excel.PageOrientation;
  page.zoom = { horizontalFitToPages: 1, verticalFitToPages: layout.print.onePage ? 1 : 0 };
  if (layout.print.titleRow !== null)
    page.setPrintTitleRows(`$${layout.print.titleRow + 1}:$${layout.print.titleRow + 1}`);
  page.headersFooters.defaultForAllPages.leftFooter = layout.print.footer;
  page.headersFooters.defaultForAllPages.rightFooter = "Page &P of &N";
  // Wrapped text needs its rows as tall as the text.
  if (layout.cells.some((row) => row.some((cell) => cell?.wrap))) used.format.autofitRows();
  sheet.customProperties.add(OWNER_PROPERTY, "1");
  sheet.showGridlines = false;
}

/** Why a scorecard cannot be written into a workbook whose structure is protected. */
export const STRUCTURE_PROTECTED =
  "The workbook's structure is protected, so the scorecard's sheets cannot be added. Unprotect it (Review › Protect Workbook), build the scorecard again, then protect the workbook again if you want.";

/** One sheet of the scorecard to write: its layout, the sheet of ours it replaces, its names. */
interface SheetPlan {
  layout: SheetLayout;
  /** Our previous sheet of this kind, deleted once the new one is built. */
  own: Excel.Worksheet | null;
  finalName: string;
  /** The name the sheet is built under, so the previous one stays until the end. */
  tempName: string;
  /** The names its tables get (a user's table of the same name keeps it). */
  tableNames: string[];
}

/**
 * Syncs 1 and 2: every sheet and table name, the sheets that carry our mark, and which sheet holds
 * each table. Refuses a workbook whose structure is protected: Excel refuses to add or delete
 * sheets there, so say so before anything is written rather than fail half-way with Excel's words.
 */
async function readWorkbookState(context: Excel.RequestContext): Promise<{
  names: string[];
  ownSheets: Excel.Worksheet[];
  tableSheets: { name: string; sheet: string }[];
}> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  const tables = context.workbook.tables;
  tables.load("items/name");
  const protection = context.workbook.protection;
  protection.load("protected");
  await context.sync();
  if (protection.protected) throw new Error(STRUCTURE_PROTECTED);

  const marks = sheets.items.map((s) => ({ sheet: s, mark: loadOwnerMark(s) }));
  const tableSheets = tables.items.map((t) => {
    const ws = t.worksheet;
    ws.load("name");
    return { name: t.name, ws };
  });
  await context.sync();
  return {
    names: sheets.items.map((s) => s.name),
    ownSheets: marks.filter((m) => isOwn(m.mark)).map((m) => m.sheet),
    tableSheets: tableSheets.map((t) => ({ name: t.name, sheet: t.ws.name })),
  };
}

/**
 * Names every sheet and table to write: a sheet replaces our previous sheet of its kind (found
 * by the start of its name) and takes its name; other names are chosen clear of the user's.
 */
function planSheets(
  scorecard: ScorecardLayout,
  state: Awaited<ReturnType<typeof readWorkbookState>>
): SheetPlan[] {
  const names = [...state.names];
  const plans = scorecard.sheets.map((layout, i) => {
    const own =
      state.ownSheets.find((s) => s.name.toLowerCase().startsWith(layout.name.toLowerCase())) ??
      null;
    const finalName = own?.name ?? pickScorecardName(names, layout.name);
    names.push(finalName);
    const tempName = pickScorecardName(names, `${TEMP_SHEET} ${i + 1}`);
    names.push(tempName);
    return { layout, own, finalName, tempName };
  });
  const replaced = new Set(plans.flatMap((p) => (p.own ? [p.own.name] : [])));
  const userTables = new Set(
    state.tableSheets.filter((t) => !replaced.has(t.sheet)).map((t) => t.name.toLowerCase())
  );
  return plans.map((plan) => ({
    ...plan,
    tableNames: plan.layout.tables.map((t) => {
      let name = t.name;
      for (let i = 2; userTables.has(name.toLowerCase()); i++) name = `${t.name}${i}`;
      return name;
    }),
  }));
}

/**
 * Sync 3: the new sheets under temporary names: values first, then looks, tables, charts. A
 * scorecard too large for one request (thousands of customers) is written in row blocks first,
 * one sync each, so no request passes Excel on the web's 5 MB limit. On a failure the half-built
 * sheets are removed and the previous scorecard kept.
 */
async function buildSheets(
  context: Excel.RequestContext,
  plans: readonly SheetPlan[]
): Promise<Excel.Worksheet[]> {
  const built: Excel.Worksheet[] = [];
  try {
    for (const { layout, tempName } of plans) {
      const sheet = context.workbook.worksheets.add(tempName);
      built.push(sheet);
      const formulas = formulaMatrix(layout);
      const formats = formatMatrix(layout);
      for (const block of writeBlocks(formulas, formats)) {
        const range = sheet.getRangeByIndexes(block.from, 0, block.to - block.from, layout.width);
        range.formulas = formulas.slice(block.from, block.to);
        range.numberFormat = formats.slice(block.from, block.to);
        if (block.to < formulas.length) {
          // eslint-disable-next-line office-addins/no-context-sync-in-loop
          await context.sync();
        }
      }
      dressSheet(sheet, layout, TEMP_SUFFIX);
    }
    await context.sync();
    return built;
  } catch (error) {
    // A failed batch keeps what ran before the failure, so some temporary sheets may exist.
    const left = plans.map((plan) => {
      const s = context.workbook.worksheets.getItemOrNullObject(plan.tempName);
      s.load("name");
      return s;
    });
    await context.sync().catch(() => undefined);
    for (const s of left) if (!s.isNullObject) s.delete();
    await context.sync().catch(() => undefined);
    throw error;
  }
}

/** Sync 4: removes our previous sheets, gives the new sheets and their tables their names. */
async function swapIn(
  context: Excel.RequestContext,
  plans: readonly SheetPlan[],
  built: readonly Excel.Worksheet[]
): Promise<void> {
  for (const plan of plans) plan.own?.delete();
  plans.forEach((plan, i) => {
    const sheet = built[i];
    if (!sheet) return;
    sheet.name = plan.finalName;
    plan.layout.tables.forEach((t, k) => {
      sheet.tables.getItem(`${t.name}${TEMP_SUFFIX}`).name = plan.tableNames[k] ?? t.name;
    });
  });
  built[0]?.activate();
  await context.sync();
}

/**
 * Writes (or refreshes) the scorecard: every sheet of the layout, in four syncs. Each new sheet is
 * built under a temporary name; only when all are built are the previous ones (the add-in's own,
 * found by their mark) deleted and the new ones named, so a failure leaves the workbook as it was.
 */
export async function writeScorecard(
  context: Excel.RequestContext,
  scorecard: ScorecardLayout
): Promise<WriteOutcome> {
  const plans = planSheets(scorecard, await readWorkbookState(context));
  const built = await buildSheets(context, plans);
  await swapIn(context, plans, built);
  return {
    sheetName: plans[0]?.finalName ?? "",
    sheets: plans.map((p) => p.finalName),
    replaced: plans[0]?.own?.name ?? null,
    tables: plans.flatMap((p) => p.tableNames),
  };
}
