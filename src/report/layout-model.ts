/**
 * The scorecard as data: cells, number formats, formulas, named tables and a chart spec. Two
 * writers (Office.js in `src/excel`, an xlsx library in `src/cli`) turn the same layout into a
 * sheet, so both ways give the same cells.
 */

/** How a cell looks; writers map these to fonts and fills. */
export type CellStyle = "title" | "section" | "header" | "label" | "note" | "good" | "bad" | "link";

/** One cell: a value, or a formula with the value the engine expects it to compute. */
export interface LayoutCell {
  value: string | number | boolean | null;
  /** An A1 formula without the leading `=`. */
  formula?: string;
  /** Excel number format, e.g. `0.0` or `$#,##0.00`. */
  format?: string;
  style?: CellStyle;
  /** A hyperlink: a web address, or another sheet of the scorecard (its top-left cell). */
  link?: { url: string } | { sheet: string };
  /** Long text that wraps inside its column. */
  wrap?: boolean;
}

/** A conditional format over a block: `formula` (A1, relative to the block's top-left cell) true → `style`. */
export interface ConditionalFormat {
  row: number;
  col: number;
  rows: number;
  cols: number;
  formula: string;
  style: "good" | "bad";
}

/** How a sheet prints: landscape always; one page wide; `onePage` also one page tall. */
export interface PrintSetup {
  onePage: boolean;
  /** 0-based row repeated at the top of every printed page (a table's header), or null. */
  titleRow: number | null;
  /** The footer's left part (the as-of month and the generation date); page numbers go right. */
  footer: string;
}

/** A named Excel table over a block of the sheet (header row included), 0-based. */
export interface LayoutTable {
  name: string;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** How a series' line is drawn (a bar's outline is not drawn). */
export type SeriesLine = "solid" | "dash" | "dot";

/** One series of a chart: a column of the source block, its colour and line. */
export interface ChartSeries {
  /** 0-based sheet column; the header row names the series. */
  col: number;
  /** RGB hex without `#`, e.g. `0F6CBD`. */
  color: string;
  line: SeriesLine;
}

/**
 * A chart over a contiguous block whose first column holds the categories and whose other
 * columns are the series, in order; blank cells are gaps (a line stops, it does not drop to 0).
 */
export interface ChartSpec {
  kind: "bar" | "line";
  title: string;
  /** Source block (header row + data rows), 0-based. */
  row: number;
  col: number;
  rows: number;
  cols: number;
  /** One per column after the first, in order. */
  series: ChartSeries[];
  /** Axis bounds of the values, when fixed. */
  valueAxis?: { min: number; max: number };
  /** Where the chart sits: top-left and bottom-right cells, 0-based. */
  anchor: { fromRow: number; fromCol: number; toRow: number; toCol: number };
}

/** One scorecard sheet. */
export interface SheetLayout {
  name: string;
  /** The text of A1: how a sheet of ours is recognised when a workbook is read back. */
  title: string;
  /** Rows of cells; `null` is an empty cell. Rows may be shorter than `width`. */
  cells: (LayoutCell | null)[][];
  width: number;
  columnWidths: number[];
  tables: LayoutTable[];
  charts: ChartSpec[];
  /** Row index (0-based) where each section starts, by section number. */
  sections: Record<number, number>;
  /** Rows kept in view when scrolling (the title and the main table's header), 0 for none. */
  freezeRows: number;
  conditionalFormats: ConditionalFormat[];
  print: PrintSetup;
}

/** The scorecard: the summary sheet first, then the detail sheets (all owned by the add-in). */
export interface ScorecardLayout {
  sheets: SheetLayout[];
}

/**
 * An Excel date serial (days since 1899-12-30, time as the fraction) of a local date and time,
 * as a spreadsheet shows it: the wall-clock time where the scorecard was generated.
 */
export function excelSerial(date: Date): number {
  const utcOfLocal = Date.UTC(
    date.getFullYear(),
    date.getMonth(),
    date.getDate(),
    date.getHours(),
    date.getMinutes(),
    date.getSeconds()
  );
  return Math.round((utcOfLocal / 86400000 + 25569) * 86400) / 86400;
}

/**
 * A1 address of a 0-based cell.
 * @example a1(0, 0) //=> "A1"
 */
export function a1(row: number, col: number): string {
  let c = col + 1;
  let letters = "";
  while (c > 0) {
    const rem = (c - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    c = Math.floor((c - 1) / 26);
  }
  return `${letters}${row + 1}`;
}

/** A1 address of a 0-based block. */
export function a1Range(row: number, col: number, rows: number, cols: number): string {
  return `${a1(row, col)}:${a1(row + rows - 1, col + cols - 1)}`;
}
