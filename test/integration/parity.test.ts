import ExcelJS from "exceljs";
import { mkdtempSync, readFileSync, rmSync } from "fs";
import JSZip from "jszip";
import { tmpdir } from "os";
import { join } from "path";
import { writeWorkbookFile } from "../../src/cli/xlsx/write-package";
import { writeScorecard } from "../../src/excel/write-scorecard";
import { buildScorecardLayout } from "../../src/report/layout";
import { scoreTables } from "../../src/scoring";
import { azureCells, certCells, m365Cells } from "../../bench/data";
import { FakeWorkbook, fakeGlobals, toAddress } from "../fakes/fake-excel";

/** A sheet's hyperlinks from the file: web links by their relationship, sheet links as `#place`. */
async function hyperlinksOf(file: Buffer, sheet: string): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(file);
  const text = async (name: string): Promise<string> =>
    (await zip.file(name)?.async("string")) ?? "";
  const workbook = await text("xl/workbook.xml");
  const rels = await text("xl/_rels/workbook.xml.rels");
  const escaped = sheet.replace(/&/g, "&amp;").replace(/'/g, "&apos;");
  const relId = new RegExp(`<sheet [^>]*name="${escaped}"[^>]*r:id="([^"]+)"`).exec(workbook)?.[1];
  const target = new RegExp(`Id="${relId}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? "";
  const part = `xl/${target.replace(/^\/?xl\//, "")}`;
  const xml = await text(part);
  const sheetRels = await text(part.replace(/([^/]+)$/, "_rels/$1.rels"));
  const unescape = (v: string): string => v.replace(/&apos;/g, "'").replace(/&amp;/g, "&");
  const out: Record<string, string> = {};
  for (const m of xml.matchAll(/<hyperlink ref="([A-Z]+\d+)" (r:id|location)="([^"]+)"/g)) {
    const [, ref, kind, value] = m as unknown as [string, string, string, string];
    out[ref] =
      kind === "location"
        ? `#${unescape(value)}`
        : unescape(new RegExp(`Id="${value}"[^>]*Target="([^"]+)"`).exec(sheetRels)?.[1] ?? "");
  }
  return out;
}

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
    const layout = buildScorecardLayout(result, { generated: new Date(2026, 10, 22, 8) });

    const fake = new FakeWorkbook();
    (global as any).Excel = fakeGlobals(fake).Excel;
    await writeScorecard(fake.context() as unknown as Excel.RequestContext, layout);
    const office = fake.snapshot();

    const folder = mkdtempSync(join(tmpdir(), "parity-"));
    const out = join(folder, "scorecard.xlsx");
    await writeWorkbookFile(out, { base: null, replace: [], data: [], sheets: layout.sheets });
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(out);
    const bytes = readFileSync(out);
    rmSync(folder, { recursive: true, force: true });
    expect(back.worksheets.map((w) => w.name)).toEqual(office.sheets.map((s) => s.name));

    let compared = 0;
    const xlsxTables: string[][] = [];
    for (const sheet of layout.sheets) {
      const ws = back.getWorksheet(sheet.name)!;
      const officeSheet = office.sheets.find((s) => s.name === sheet.name)!;
      sheet.cells.forEach((row, r) =>
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
            // exceljs reads a date-formatted number as a Date (UTC); compare serials.
            const xValue =
              xv instanceof Date
                ? xv.getTime() / 86400000 + 25569
                : xv && typeof xv === "object" && "hyperlink" in xv
                  ? xv.text
                  : (xv ?? "");
            if (typeof xValue === "number" && typeof officeValue === "number")
              expect({ address, value: officeValue }).toEqual({
                address,
                value: expect.closeTo(xValue, 6),
              });
            else expect({ address, value: officeValue }).toEqual({ address, value: xValue });
          }
          expect({ address, format: officeSheet.numberFormats[address] }).toEqual({
            address,
            format: cell.format ? x.numFmt : undefined,
          });
          compared++;
        })
      );
      xlsxTables.push(
        ...Object.entries(
          (ws as any).tables as Record<string, { table: { tableRef: string } }>
        ).map(([name, t]) => [name, t.table.tableRef])
      );
      // The same looks: frozen rows, hyperlinks, wrapped cells, conditional formats.
      expect((ws.views[0] as { ySplit?: number } | undefined)?.ySplit ?? 0).toBe(
        officeSheet.freezeRows
      );
      const links = await hyperlinksOf(bytes, sheet.name);
      expect(links).toEqual(
        Object.fromEntries(
          Object.entries(officeSheet.hyperlinks).map(([a, h]) => [
            a,
            h.address ?? `#${h.documentReference}`,
          ])
        )
      );
      const wrapped: string[] = [];
      ws.eachRow((row) =>
        row.eachCell({ includeEmpty: true }, (c) => {
          if (c.alignment?.wrapText) wrapped.push(c.address);
        })
      );
      expect(wrapped.sort()).toEqual([...officeSheet.wrapped].sort());
      const cf = ((ws as any).conditionalFormattings ?? []) as {
        ref: string;
        rules: { formulae: string[] }[];
      }[];
      expect(cf.map((f) => [f.ref, `=${f.rules[0]?.formulae[0]}`])).toEqual(
        officeSheet.conditionalFormats.map((f) => [f.address, f.formula])
      );
    }
    expect(compared).toBeGreaterThan(500);
    expect(office.tables.map((t) => [t.name, t.address]).sort()).toEqual(xlsxTables.sort());
    expect(office.sheets.find((s) => s.name === "Scorecard – Customers")?.values.flat()).toContain(
      "=cmd|' /C calc'!A0"
    );
  });
});
