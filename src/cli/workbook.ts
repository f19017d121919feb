import { existsSync, statSync, writeFileSync } from "fs";
import { basename, dirname, extname, join, resolve } from "path";
import ExcelJS from "exceljs";
import {
  detectKind,
  findHeaderRow,
  Inputs,
  KIND_LABEL,
  Rules,
  ScoreResult,
  TableInput,
  TableKind,
} from "../scoring";
import { buildScorecardLayout, SCORECARD_SHEET, SCORECARD_TITLE } from "../report/layout";
import { pickScorecardName } from "../report/sheet-names";
import { UsageError } from "./args";
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

/** Candidate input tables of a sheet: its Excel tables, else its used range. */
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
    out.push({ name: `${ws.name}!${name}`, cells: sheetCells(ws, a.row, a.col, b.row, b.col) });
  }
  if (out.length > 0) return out;
  // Used range: from the header row (a title line above it is skipped) to the last row.
  let top = 0;
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (top === 0 && row.cellCount > 0) top = n;
  });
  if (top === 0) return out;
  const cells = sheetCells(ws, top, 1, ws.rowCount, Math.max(1, ws.columnCount));
  out.push({ name: ws.name, cells: cells.slice(findHeaderRow(cells)) });
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
 * Finds the Azure, Microsoft 365 and certification tables of a workbook by their headers
 * (Excel tables first, else each sheet's used range), skipping scorecards this tool wrote.
 * @throws UsageError when the file is unreadable, or no or too many tables of a kind are found
 */
export async function readWorkbookInputs(path: string): Promise<Inputs> {
  const workbook = await loadWorkbook(path);
  const found: Partial<Record<TableKind, TableInput>> = {};
  for (const ws of workbook.worksheets) {
    if (isOwnScorecard(ws)) continue;
    for (const table of candidates(ws)) {
      const kind = detectKind(table.cells[0] ?? []);
      if (kind === null || kind === "ambiguous") continue;
      const taken = found[kind];
      if (taken)
        throw new UsageError(
          `${path}: two ${KIND_LABEL[kind]} tables (${taken.name} and ${table.name}); keep one, or rename the other's headers`
        );
      found[kind] = table;
    }
  }
  if (!found.azure && !found.m365 && !found.certifications) {
    throw new UsageError(
      `${path}: no sheet or table with Azure consumption (ACR column), Microsoft 365 licences (paid-licences column) or certification headers`
    );
  }
  const inputs: Inputs = {};
  if (found.azure) inputs.azure = found.azure;
  if (found.m365) inputs.m365 = found.m365;
  if (found.certifications) inputs.certifications = found.certifications;
  return inputs;
}

function typedCsvCell(value: unknown): unknown {
  if (typeof value === "string" && /^-?[0-9]+(\.[0-9]+)?$/.test(value.trim()))
    return Number(value.trim());
  return value;
}

/** Options of {@link writeScorecardFile}. */
export interface WriteOptions {
  force: boolean;
  generated: Date;
  /** The input workbook, whose sheets are copied into the output. */
  workbook?: string;
  rules: Rules;
}

/**
 * Writes a new workbook: the input sheets (from the input workbook, or one sheet per CSV file)
 * plus the `Security Scorecard` sheet. Never writes over the input; refuses an existing file
 * unless `force`.
 */
export async function writeScorecardFile(
  outPath: string,
  result: ScoreResult,
  inputs: Inputs,
  options: WriteOptions
): Promise<void> {
  if (!/\.xlsx$/i.test(outPath))
    throw new UsageError(
      `${outPath}: the scorecard is an .xlsx workbook; give a file name ending in .xlsx`
    );
  const inputsPaths = [
    options.workbook,
    inputs.azure?.name,
    inputs.m365?.name,
    inputs.certifications?.name,
  ].filter((p): p is string => !!p);
  if (inputsPaths.some((p) => resolve(p) === resolve(outPath)))
    throw new UsageError(
      `${outPath}: is an input file; the input is never modified, so choose another --out`
    );
  if (existsSync(outPath) && !options.force)
    throw new UsageError(
      `${outPath}: already exists; use --force to overwrite it, or choose another --out`
    );
  let workbook: ExcelJS.Workbook;
  if (options.workbook) {
    workbook = await loadWorkbook(options.workbook);
    for (const ws of [...workbook.worksheets])
      if (isOwnScorecard(ws)) workbook.removeWorksheet(ws.id);
  } else {
    workbook = new ExcelJS.Workbook();
    const sheets: [string, TableInput | undefined][] = [
      ["Azure", inputs.azure],
      ["Microsoft 365", inputs.m365],
      ["Certifications", inputs.certifications],
    ];
    for (const [name, table] of sheets) {
      if (!table) continue;
      const ws = workbook.addWorksheet(name);
      for (const row of table.cells) ws.addRow(row.map(typedCsvCell));
    }
  }
  workbook.creator = "security-pcs";
  // Excel recalculates on open, so the formulas never show stale cached results.
  workbook.calcProperties.fullCalcOnLoad = true;
  const layout = buildScorecardLayout(result, {
    generated: options.generated.toISOString(),
    rules: options.rules,
  });
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
