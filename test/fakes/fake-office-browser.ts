// Served in place of the Office.js CDN script in browser tests: installs `Office`, `Excel` and
// `CustomFunctions` backed by a FakeWorkbook seeded from `window.__seed`, and exposes the workbook
// as `window.__fakeWorkbook` for assertions.
import { FakeWorkbook, fakeGlobals } from "./fake-excel";

interface Seed {
  sheets: { name: string; cells: unknown[][] }[];
  tables?: { sheet: string; name: string; address: string }[];
  /** Office.context.officeTheme, when the test plays a theme. */
  theme?: Record<string, string>;
  /** The highest ExcelApi version this "Excel" supports (default: all). */
  excelApi?: string;
}

const g = globalThis as any;
const seed: Seed = g.__seed ?? { sheets: [] };
const workbook = new FakeWorkbook();
for (const sheet of seed.sheets) workbook.addSheet(sheet.name, sheet.cells);
for (const table of seed.tables ?? []) workbook.addTable(table.sheet, table.name, table.address);
const globals = fakeGlobals(workbook);
g.Office = globals.Office;
const below = (a: string, b: string): boolean => {
  const [x, y] = [a, b].map((v) => v.split(".").map(Number));
  for (let i = 0; i < 2; i++)
    if ((x?.[i] ?? 0) !== (y?.[i] ?? 0)) return (x?.[i] ?? 0) < (y?.[i] ?? 0);
  return false;
};
g.Office.context = {
  ...(seed.theme ? { officeTheme: seed.theme } : {}),
  requirements: {
    isSetSupported: (name: string, version = "1.1") =>
      name !== "ExcelApi" || seed.excelApi === undefined || !below(seed.excelApi, version),
  },
};
g.Excel = globals.Excel;
g.CustomFunctions = {
  associate: (id: string, fn: unknown) => ((g.__associated ??= {})[id] = fn),
  Error: class extends Error {},
  ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
};
g.__fakeWorkbook = workbook;
