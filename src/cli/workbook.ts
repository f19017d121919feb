import { existsSync, statSync, writeFileSync } from "fs";
import { basename, dirname, extname, join, resolve } from "path";
import ExcelJS from "exceljs";
import { Issue, ScoreResult, TableInput } from "../scoring";
import { parseNumber } from "../scoring/cells";
import { findTable, HEADER_SCAN_ROWS, recogniseTable } from "../scoring/find-table";
import { isInputError } from "../scoring/errors";
import { buildScorecardLayout, SCORECARD_SHEET, SCORECARD_TITLE } from "../report/layout";
import { pickScorecardName } from "../report/sheet-names";
import { ScoreArgs, UsageError } from "./args";
import { readCsvRows } from "./csv-reader";
import { addScorecardChart } from "./xlsx-chart";
import { writeLayoutSheet } from "./xlsx-writer";

/** The default output next to the input: `BOOK-scorecard.xlsx`. */
export function defaultOutPath(workbook: string): string {
  const ext = extname(workbook);
  return join(dirname(workbook), `${basename(workbook, ext)}-scorecard.xlsx`);
}

/** A plain cell value from an exceljs value (formulas give their cached result). */
export function plainValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== "object" || value instanceof Date) return value;
  if ("formula" in value || "sharedFormula" in value)
    return plainValue((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ("richText" in value) return value.richText.map((t) => t.text).join("");
  if ("text" in value) return (value as { text: unknown }).text;
  if ("error" in value) return String(value.error);
  return null;
}

function sheetCells(
  ws: ExcelJS.Worksheet,
  top: number,
  left: number,
  bottom: number,
  right: number
): unknown[][] {
  const cells: unknown[][] = [];
  for (let r = top; r <= bottom; r++) {
    const row = ws.getRow(r);
    const out: unknown[] = [];
    for (let c = left; c <= right; c++) out.push(plainValue(row.getCell(c).value));
    cells.push(out);
  }
  return cells;
}

function decodeRef(ref: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/i.exec(ref.replace(/\$/g, ""));
  if (!m) return { row: 1, col: 1 };
  const col = (m[1] ?? "A")
    .toUpperCase()
    .split("")
    .reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { row: Number(m[2]), col };
}

/**
 * Candidate input tables of a sheet: its Excel tables, else its used range. Cells start at the
 * candidate's first row, whose sheet row number goes with them (a title line above the header
 * row is skipped later, when the header is found).
 */
function candidates(ws: ExcelJS.Worksheet): TableInput[] {
  const out: TableInput[] = [];
  const tables =
    (
      ws as unknown as {
        tables?: Record<string, { table?: { tableRef?: string; ref?: string; name?: string } }>;
      }
    ).tables ?? {};
  for (const [name, t] of Object.entries(tables)) {
    const ref = t.table?.tableRef;
    if (!ref || !ref.includes(":")) continue;
    const [from, to] = ref.split(":");
    const a = decodeRef(from ?? "A1");
    const b = decodeRef(to ?? "A1");
    out.push({
      name: `${ws.name}!${name}`,
      cells: sheetCells(ws, a.row, a.col, b.row, b.col),
      firstRow: a.row,
    });
  }
  if (out.length > 0) return out;
  let top = 0;
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (top === 0 && row.cellCount > 0) top = n;
  });
  if (top === 0) return out;
  out.push({
    name: ws.name,
    cells: sheetCells(ws, top, 1, ws.rowCount, Math.max(1, ws.columnCount)),
    firstRow: top,
  });
  return out;
}

async function loadWorkbook(path: string): Promise<ExcelJS.Workbook> {
  if (!existsSync(path)) throw new UsageError(`${path}: file not found`);
  if (statSync(path).isDirectory()) throw new UsageError(`${path}: is a folder, not a workbook`);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch {
    throw new UsageError(
      `${path}: not a readable .xlsx workbook (save it as an Excel Workbook, .xlsx)`
    );
  }
  return workbook;
}

/** True for a scorecard sheet this tool wrote (its name and title cell). */
function isOwnScorecard(ws: ExcelJS.Worksheet): boolean {
  return (
    ws.name.startsWith(SCORECARD_SHEET) && plainValue(ws.getCell("A1").value) === SCORECARD_TITLE
  );
}

/**
 * The input tables of a workbook, found by their headers (Excel tables first, else each sheet's
 * used range), skipping scorecards this tool wrote. Every table of a kind is used; a sheet that
 * looks like an input but cannot be read is reported, never silently left out.
 * @throws UsageError when the file is unreadable or holds no input table
 */
export async function readWorkbookTables(
  path: string,
  decimalComma = false
): Promise<{ tables: TableInput[]; notes: Issue[] }> {
  const workbook = await loadWorkbook(path);
  const tables: TableInput[] = [];
  const notes: Issue[] = [];
  for (const ws of workbook.worksheets) {
    if (isOwnScorecard(ws)) continue;
    for (const table of candidates(ws)) {
      const top = table.cells.slice(0, HEADER_SCAN_ROWS);
      if (recogniseTable(top)) {
        tables.push(decimalComma ? { ...table, decimalComma } : table);
        continue;
      }
      const problem = unreadableLookAlike(top, table.name);
      if (problem)
        notes.push({ severity: "warning", table: table.name, row: null, message: problem });
    }
  }
  if (tables.length === 0) {
    throw new UsageError(
      `${path}: no sheet or table with Azure consumption (ACR column), Microsoft 365 licences (paid-licences column) or certification headers${notes.length > 0 ? ` (${notes.map((n) => n.message).join(" ")})` : ""}`
    );
  }
  return { tables, notes };
}

/** Why a table that has an input's key column (ACR, paid licences, certification) cannot be read. */
function unreadableLookAlike(top: readonly (readonly unknown[])[], name: string): string | null {
  try {
    findTable(top, name);
    return null;
  } catch (error) {
    if (!isInputError(error) || /^no header row/.test(error.detail)) return null;
    return `${name} was not used: ${error.detail}`;
  }
}

/**
 * A CSV cell as the workbook copy holds it: numbers written in the file's own convention
 * (`1.200,00` in a decimal-comma file) become numbers, as Excel makes them when it opens the file
 * in that locale; everything else stays text.
 */
function typedCsvCell(value: string, decimalComma: boolean): unknown {
  const t = value.trim();
  if (!/^[-(]?[0-9][0-9.,]*\)?$/.test(t)) return value;
  const n = parseNumber(t, decimalComma ? "comma" : "point");
  return Number.isFinite(n) ? n : value;
}

/** Options of {@link writeScorecardFile}. */
export interface WriteOptions {
  force: boolean;
  generated: Date;
}

/**
 * Writes a new workbook: the input sheets (from the input workbook, or one sheet per CSV file)
 * plus the `Security Scorecard` sheet. Never writes over the input; refuses an existing file
 * unless `force`.
 */
export async function writeScorecardFile(
  outPath: string,
  result: ScoreResult,
  args: Pick<ScoreArgs, "workbook" | "azure" | "m365" | "certs" | "decimalComma">,
  options: WriteOptions
): Promise<void> {
  if (!/\.xlsx$/i.test(outPath))
    throw new UsageError(
      `${outPath}: the scorecard is an .xlsx workbook; give a file name ending in .xlsx`
    );
  const inputsPaths = [
    ...(args.workbook ? [args.workbook] : []),
    ...args.azure,
    ...args.m365,
    ...args.certs,
  ];
  if (inputsPaths.some((p) => resolve(p) === resolve(outPath)))
    throw new UsageError(
      `${outPath}: is an input file; the input is never modified, so choose another --out`
    );
  if (existsSync(outPath) && !options.force)
    throw new UsageError(
      `${outPath}: already exists; use --force to overwrite it, or choose another --out`
    );
  let workbook: ExcelJS.Workbook;
  if (args.workbook) {
    workbook = await loadWorkbook(args.workbook);
    for (const ws of [...workbook.worksheets])
      if (isOwnScorecard(ws)) workbook.removeWorksheet(ws.id);
  } else {
    workbook = new ExcelJS.Workbook();
    const sheets: [string, string][] = [
      ...args.azure.map((p, i): [string, string] => [`Azure${i > 0 ? ` ${i + 1}` : ""}`, p]),
      ...args.m365.map((p, i): [string, string] => [`Microsoft 365${i > 0 ? ` ${i + 1}` : ""}`, p]),
      ...args.certs.map((p, i): [string, string] => [
        `Certifications${i > 0 ? ` ${i + 1}` : ""}`,
        p,
      ]),
    ];
    for (const [name, path] of sheets) {
      const { rows, format } = readCsvRows(path, args.decimalComma);
      const ws = workbook.addWorksheet(name);
      for (const row of rows) ws.addRow(row.map((v) => typedCsvCell(v, format.decimalComma)));
    }
  }
  workbook.creator = "security-pcs";
  // Excel recalculates on open, so the formulas never show stale cached results.
  workbook.calcProperties.fullCalcOnLoad = true;
  const layout = buildScorecardLayout(result, { generated: options.generated.toISOString() });
  const name = pickScorecardName(workbook.worksheets.map((w) => w.name));
  writeLayoutSheet(workbook, layout, name);
  const bytes = await addScorecardChart(
    Buffer.from(await workbook.xlsx.writeBuffer()),
    layout,
    name
  );
  try {
    writeFileSync(outPath, bytes);
  } catch (error) {
    throw new UsageError(
      `${outPath}: cannot be written (${(error as NodeJS.ErrnoException).code ?? "write failed"}); check the folder exists and is writable`
    );
  }
}
