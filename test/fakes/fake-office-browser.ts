// Served in place of the Office.js CDN script in browser tests: installs `Office`, `Excel` and
// `CustomFunctions` backed by a FakeWorkbook seeded from `window.__seed`, and exposes the workbook
// as `window.__fakeWorkbook` for assertions.
import { FakeWorkbook, fakeGlobals } from "./fake-excel";

interface Seed {
  sheets: { name: string; cells: unknown[][] }[];
  tables?: { sheet: string; name: string; address: string }[];
}

const g = globalThis as any;
const seed: Seed = g.__seed ?? { sheets: [] };
const workbook = new FakeWorkbook();
for (const sheet of seed.sheets) workbook.addSheet(sheet.name, sheet.cells);
for (const table of seed.tables ?? []) workbook.addTable(table.sheet, table.name, table.address);
const globals = fakeGlobals(workbook);
g.Office = globals.Office;
g.Excel = globals.Excel;
g.CustomFunctions = {
  associate: (id: string, fn: unknown) => ((g.__associated ??= {})[id] = fn),
  Error: class extends Error {},
  ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
};
g.__fakeWorkbook = workbook;
