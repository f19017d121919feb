import type { Workbook, Worksheet, Font } from "exceljs";
import { a1, a1Range, CellStyle, SheetLayout } from "../report/layout-model";

const FONTS: Partial<Record<CellStyle, Partial<Font>>> = {
  title: { bold: true, size: 16, color: { argb: "FF0F6CBD" } },
  section: { bold: true, size: 13, color: { argb: "FF0F6CBD" } },
  header: { bold: true },
  label: { bold: true },
  note: { italic: true, color: { argb: "FF616161" } },
  link: { color: { argb: "FF0F6CBD" }, underline: true },
};

/**
 * Writes a scorecard layout into a new worksheet of an exceljs workbook: the same cells,
 * formulas, number formats and named tables as the Office.js writer. exceljs cannot write charts;
 * `addScorecardChart` adds the chart to the written bytes.
 */
export function writeLayoutSheet(
  workbook: Workbook,
  layout: SheetLayout,
  sheetName: string
): Worksheet {
  const ws = workbook.addWorksheet(sheetName);
  layout.columnWidths.forEach((width, i) => {
    ws.getColumn(i + 1).width = width;
  });
  const value = (row: number, col: number): unknown => {
    const c = layout.cells[row]?.[col];
    if (!c) return null;
    if (c.formula) return { formula: c.formula, result: c.value ?? undefined };
    return c.value;
  };
  layout.cells.forEach((row, r) =>
    row.forEach((c, col) => {
      if (!c) return;
      ws.getCell(a1(r, col)).value = value(r, col) as never;
    })
  );
  for (const table of layout.tables) {
    const header = layout.cells[table.row] ?? [];
    ws.addTable({
      name: table.name,
      ref: a1(table.row, table.col),
      headerRow: true,
      style: { theme: "TableStyleLight9", showRowStripes: true },
      columns: Array.from({ length: table.cols }, (_, i) => ({
        name: String(header[table.col + i]?.value ?? `Column${i + 1}`),
        filterButton: true,
      })),
      rows: Array.from({ length: table.rows - 1 }, (_, k) =>
        Array.from({ length: table.cols }, (_, i) => value(table.row + 1 + k, table.col + i))
      ),
    });
  }
  // Formats and fonts after the tables, which rewrite their cells.
  layout.cells.forEach((row, r) =>
    row.forEach((c, col) => {
      if (!c) return;
      const target = ws.getCell(a1(r, col));
      if (c.format) target.numFmt = c.format;
      const font = c.style ? FONTS[c.style] : undefined;
      if (font) target.font = font;
      if (c.style === "note") target.alignment = { wrapText: false };
    })
  );
  ws.views = [{ state: "normal", showGridLines: false }];
  return ws;
}

/** The chart source block, for messages. */
export function chartSourceAddress(layout: SheetLayout): string {
  const c = layout.chart;
  return a1Range(c.row, c.col, c.rows, c.cols);
}
