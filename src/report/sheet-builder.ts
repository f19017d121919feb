import {
  a1,
  CellStyle,
  ChartSpec,
  ConditionalFormat,
  LayoutCell,
  LayoutTable,
  PrintSetup,
  SheetLayout,
} from "./layout-model";

/** Number formats of the scorecard. */
export const FMT = {
  points: "0.0",
  usd: "$#,##0.00",
  count: "#,##0",
  text: "@",
  month: "mmmm yyyy",
  dateTime: "yyyy-mm-dd hh:mm",
};

/** A cell of long text that wraps inside its column. */
export const wrapped = (value: string, style?: CellStyle): LayoutCell => ({
  value,
  wrap: true,
  ...(style ? { style } : {}),
});

/** A value cell with an optional number format and style. */
export const cell = (
  value: LayoutCell["value"],
  format?: string,
  style?: CellStyle
): LayoutCell => ({
  value,
  ...(format ? { format } : {}),
  ...(style ? { style } : {}),
});

/** The column letters of a 0-based column, e.g. 2 → "C". */
export const colLetter = (c: number): string => a1(0, c).replace(/[0-9]+/g, "");

/** What a row may hold: layout cells, or plain values that become unstyled cells. */
export type RowInput = (LayoutCell | string | number | boolean | null)[];

/** Builds a sheet row by row: sections, tables and the row each section starts at. */
export class SheetBuilder {
  readonly cells: (LayoutCell | null)[][] = [];
  readonly tables: LayoutTable[] = [];
  readonly sections: Record<number, number> = {};
  readonly conditionalFormats: ConditionalFormat[] = [];
  readonly charts: ChartSpec[] = [];
  width = 1;

  /** The 0-based index of the next row. */
  get row(): number {
    return this.cells.length;
  }

  /** Appends a row of cells. */
  add(cells: RowInput): number {
    const row = cells.map((c) => (c === null ? null : typeof c === "object" ? c : { value: c }));
    this.cells.push(row);
    this.width = Math.max(this.width, row.length);
    return this.cells.length - 1;
  }

  blank(): void {
    this.cells.push([]);
  }

  /** Starts section `n` with its heading. */
  section(n: number, title: string): void {
    this.sections[n] = this.row;
    this.add([cell(title, undefined, "section")]);
  }

  /** Appends a named table: header row + data rows starting at column A. */
  table(name: string, header: string[], rows: RowInput[]): { headerRow: number } {
    const headerRow = this.add(header.map((h) => ({ value: h, style: "header" as CellStyle })));
    for (const r of rows) this.add(r.map((c) => (c === null ? { value: "" } : c)));
    this.tables.push({ name, row: headerRow, col: 0, rows: rows.length + 1, cols: header.length });
    return { headerRow };
  }

  /** The sheet as built. */
  finish(
    sheet: { name: string; title: string; columnWidths: number[] },
    view: { freezeRows: number; print: PrintSetup }
  ): SheetLayout {
    return {
      name: sheet.name,
      title: sheet.title,
      cells: this.cells,
      width: Math.max(this.width, sheet.columnWidths.length),
      columnWidths: sheet.columnWidths,
      tables: this.tables,
      charts: this.charts,
      sections: this.sections,
      conditionalFormats: this.conditionalFormats,
      freezeRows: view.freezeRows,
      print: view.print,
    };
  }
}
