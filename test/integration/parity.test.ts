import ExcelJS from "exceljs";
import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { writeWorkbookFile } from "../../src/cli/xlsx/write-package";
import { writeScorecard } from "../../src/excel/write-scorecard";
import { buildScorecardLayout } from "../../src/report/layout";
import { scoreTables } from "../../src/scoring";
import { azureCells, certCells, m365Cells } from "../../bench/data";
import { FakeWorkbook, fakeGlobals, toAddress } from "../fakes/fake-excel";

// The same layout written by both writers: the Office.js adapter (into the fake host) and the
// xlsx writer (read back from the file bytes) must hold the same values, formulas and tables.
describe("scorecard parity between the Excel adapter and the xlsx writer", () => {
  it("writes the same cells, formulas, number formats and named tables", async () => {
    const result = scoreTables({
      azure: { cells: azureCells(1500, 60, 41), name: "Azure" },
      m365: { cells: m365Cells(600, 60, 42), name: "M365" },
      certifications: { cells: certCells(30, 43), name: "Certs" },
    });
    // Text that a spreadsheet would otherwise turn into a formula, a number or a date.
    result.customers[0]!.name = "=cmd|' /C calc'!A0";
    const layout = buildScorecardLayout(result, { generated: "2026-11-22T08:00:00.000Z" });

    const fake = new FakeWorkbook();
    (global as any).Excel = fakeGlobals(fake).Excel;
    await writeScorecard(fake.context() as unknown as Excel.RequestContext, layout);
    const office = fake.snapshot();
    const officeSheet = office.sheets.find((s) => s.name === "Security Scorecard")!;

    const folder = mkdtempSync(join(tmpdir(), "parity-"));
    const out = join(folder, "scorecard.xlsx");
    await writeWorkbookFile(out, { base: null, replace: [], data: [], sheets: [layout] });
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(out);
    rmSync(folder, { recursive: true, force: true });
    const ws = back.getWorksheet("Security Scorecard")!;

    let compared = 0;
    layout.cells.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (!cell) return;
        const address = toAddress(r, c);
        const x = ws.getCell(address);
        const xv = x.value as any;
        const xFormula =
          xv && typeof xv === "object" && "formula" in xv ? `=${xv.formula}` : undefined;
        expect({ address, formula: officeSheet.formulas[address] }).toEqual({
          address,
          formula: xFormula,
        });
        if (!xFormula) {
          const officeValue = officeSheet.values[r]?.[c] ?? "";
          expect({ address, value: officeValue }).toEqual({ address, value: xv ?? "" });
        }
        expect({ address, format: officeSheet.numberFormats[address] }).toEqual({
          address,
          format: cell.format ? x.numFmt : undefined,
        });
        compared++;
      })
    );
    expect(compared).toBeGreaterThan(500);
    const xlsxTables = Object.entries(
      (ws as any).tables as Record<string, { table: { tableRef: string } }>
    )
      .map(([name, t]) => [name, t.table.tableRef])
      .sort();
    expect(office.tables.map((t) => [t.name, t.address]).sort()).toEqual(xlsxTables);
    expect(officeSheet.values.flat()).toContain("=cmd|' /C calc'!A0");
  });
});
