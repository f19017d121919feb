import { isInputError } from "../../scoring/errors";
import { findTable, HEADER_SCAN_ROWS } from "../../scoring/find-table";
import { date1904Note, hiddenSheetWarning, Issue } from "../../scoring/issues";
import {
  addParsed,
  ParsedInputs,
  parserFor,
  sharedRegistries,
  TableParser,
} from "../../scoring/parse-inputs";
import { CellsRowReader } from "../../scoring/row-reader";
import { OWN_SHEET_NAME, OWN_SHEET_TITLES } from "../../report/own-sheets";
import { a1 } from "../../report/layout-model";
import { UsageError } from "../args";
import { PackageParts, readPackageParts, SheetPart } from "./package-parts";
import { columnOf, readSharedStrings, rowOf, SheetValue, streamSheet } from "./sheet-stream";
import { ZipReader } from "./zip-reader";

/**
 * Reading a workbook's input tables as the command line's `--workbook` does: every sheet is
 * streamed once; each candidate (an Excel table, else the sheet's used range) finds its header
 * row in its first ten rows, as everywhere else, and its later rows go straight into the parser.
 * Rows are numbered as Excel numbers them.
 */

/** A candidate input: a table's block or a whole sheet. */
interface Candidate {
  name: string;
  /** Rows and columns it covers (1-based rows, 0-based columns; whole sheet: unbounded). */
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** Rows seen so far, until the header is found. */
  head: SheetValue[][];
  firstRow: number;
  lastRow: number;
  parser: TableParser | null;
  done: boolean;
}

/** Progress while reading: rows read so far from a sheet. */
export type ReadProgress = (sheet: string, rows: number) => void;

/** What a workbook gave: its parsed inputs, notes about sheets not used, and its structure. */
export interface WorkbookInputs {
  parsed: ParsedInputs;
  notes: Issue[];
  parts: PackageParts;
  /** The add-in's own sheets found (replaced when the scorecard is written back). */
  ownSheets: string[];
}

function blockOf(ref: string): { top: number; bottom: number; left: number; right: number } | null {
  const [a, b] = ref.split(":");
  if (!a || !b) return null;
  const top = rowOf(a);
  const bottom = rowOf(b);
  const left = columnOf(a);
  const right = columnOf(b);
  return [top, bottom, left, right].every((n) => Number.isFinite(n) && n >= 0)
    ? { top, bottom, left, right }
    : null;
}

function candidatesOf(sheet: SheetPart): Candidate[] {
  const blank = (
    name: string,
    top: number,
    bottom: number,
    left: number,
    right: number
  ): Candidate => ({
    name,
    top,
    bottom,
    left,
    right,
    head: [],
    firstRow: 0,
    lastRow: 0,
    parser: null,
    done: false,
  });
  const tables = sheet.tables.flatMap((t) => {
    const b = blockOf(t.ref);
    // A table's total row (SUBTOTALs under the data) is not a data row.
    const bottom = b ? b.bottom - t.totalsRows : 0;
    return b ? [blank(`${sheet.name}!${t.name}`, b.top, bottom, b.left, b.right)] : [];
  });
  return tables.length > 0 ? tables : [blank(sheet.name, 1, Infinity, 0, Infinity)];
}

/** Why a candidate that has an input's key column cannot be read (a warning, never silence). */
function lookAlikeNote(candidate: Candidate, error: unknown): Issue | null {
  if (!isInputError(error) || /^no header row/.test(error.detail)) return null;
  return {
    severity: "warning",
    table: candidate.name,
    row: null,
    message: `${candidate.name} was not used: ${error.detail}`,
  };
}

/**
 * Reads the workbook's input tables into parsed inputs.
 * @throws UsageError when the file is unreadable, hostile, or holds no input table
 */
export async function readWorkbook(
  path: string,
  decimalComma: boolean,
  progress: ReadProgress = () => undefined
): Promise<WorkbookInputs> {
  const zip = await ZipReader.open(path);
  try {
    const parts = await readPackageParts(zip);
    const shared = parts.sharedStrings ? await readSharedStrings(zip, parts.sharedStrings) : [];
    const parsed: ParsedInputs = { ...sharedRegistries(), azure: [], m365: [], certifications: [] };
    const notes: Issue[] = [];
    if (parts.date1904) notes.push(date1904Note(path));
    const ownSheets: string[] = [];
    const marked = new Set(
      parts.definedNames
        .filter((d) => d.name === OWN_SHEET_NAME && d.localSheetId !== null)
        .map((d) => d.localSheetId)
    );
    for (const sheet of parts.sheets) {
      if (marked.has(sheet.index)) {
        ownSheets.push(sheet.name);
        continue;
      }
      const inputsBefore = inputCount(parsed);
      const own = await readSheet(zip, sheet, shared, parsed, notes, progress, {
        decimalComma,
        date1904: parts.date1904,
      });
      if (own) ownSheets.push(sheet.name);
      if (sheet.visibility !== "visible" && inputCount(parsed) > inputsBefore)
        notes.push(hiddenSheetWarning(sheet.name, sheet.visibility));
    }
    if (inputCount(parsed) === 0)
      throw new UsageError(
        `${path}: no sheet or table with Azure consumption (ACR column), Microsoft 365 licences (paid-licences column) or certification headers${notes.length > 0 ? ` (${notes.map((n) => n.message).join(" ")})` : ""}`
      );
    return { parsed, notes, parts, ownSheets };
  } finally {
    zip.close();
  }
}

/** How many input tables have been read so far. */
const inputCount = (parsed: ParsedInputs): number =>
  parsed.azure.length + parsed.m365.length + parsed.certifications.length;

/** Cells holding a formula without a saved result: how many, and the first one's row and column. */
interface Uncalculated {
  count: number;
  row: number;
  col: number;
}

/**
 * Counts a row's formula cells without saved results that lie inside a candidate's block (a
 * table's total row lies outside it: its SUBTOTALs are not input).
 */
function tallyUncalculated(
  tally: Uncalculated,
  candidates: readonly Candidate[],
  rowNumber: number,
  cols: readonly number[]
): void {
  for (const col of cols) {
    const inside = candidates.some(
      (c) => rowNumber >= c.top && rowNumber <= c.bottom && col >= c.left && col <= c.right
    );
    if (inside && tally.count++ === 0) {
      tally.row = rowNumber;
      tally.col = col;
    }
  }
}

/** Why an input's formula cells read as blank, and what to do. */
function uncalculatedNote(sheet: string, tally: Uncalculated): Issue {
  const cells = tally.count === 1 ? "1 cell holds a formula" : `${tally.count} cells hold formulas`;
  return {
    severity: "warning",
    table: sheet,
    row: tally.row,
    message: `${cells} whose result was never saved (first ${a1(tally.row - 1, tally.col)}): the file was written by a program that does not calculate, and such cells read as blank. Open the workbook in Excel or LibreOffice, save it, and score it again.`,
  };
}

/** Streams one sheet into its candidates' parsers; returns true when it is one of our own sheets. */
async function readSheet(
  zip: ZipReader,
  sheet: SheetPart,
  shared: readonly string[],
  parsed: ParsedInputs,
  notes: Issue[],
  progress: ReadProgress,
  conventions: { decimalComma: boolean; date1904: boolean }
): Promise<boolean> {
  const candidates = candidatesOf(sheet);
  const reader = new CellsRowReader(
    conventions.decimalComma ? "comma" : "point",
    [],
    conventions.date1904
  );
  const mayBeOwn = OWN_SHEET_TITLES.some((t) => sheet.name.startsWith(t.sheet));
  let own = false;
  let rowsRead = 0;
  const feed = (c: Candidate, rowNumber: number, cells: SheetValue[]): void => {
    const row = c.right === Infinity ? cells : cells.slice(c.left, c.right + 1);
    if (c.parser) {
      // Rows the file leaves out are blank rows of the range (the pane reads them as such).
      for (let r = c.lastRow + 1; r < rowNumber; r++) {
        reader.setRow([]);
        c.parser.row(reader, r);
      }
      reader.setRow(row);
      c.parser.row(reader, rowNumber);
      c.lastRow = rowNumber;
      return;
    }
    if (c.head.length === 0) {
      // A sheet's range starts at its first row with a value, as Excel's used range does.
      if (c.right === Infinity && row.every((v) => v === undefined || v === "")) return;
      c.firstRow = rowNumber;
    }
    for (let r = c.firstRow + c.head.length; r < rowNumber; r++) c.head.push([]);
    c.head.push(row);
    if (c.head.length >= HEADER_SCAN_ROWS) start(c);
  };
  const start = (c: Candidate): void => {
    let found;
    try {
      found = findTable(c.head, c.name);
    } catch (error) {
      const note = lookAlikeNote(c, error);
      if (note) notes.push(note);
      c.done = true;
      return;
    }
    const header = c.firstRow + found.headerIndex;
    c.parser = parserFor(found, c.name, parsed, header, 1024);
    const rest = c.head.slice(found.headerIndex + 1);
    c.head = [];
    c.lastRow = header;
    rest.forEach((row, k) => feed(c, header + 1 + k, row as SheetValue[]));
  };
  const uncalculated: Uncalculated = { count: 0, row: 0, col: -1 };
  await streamSheet(zip, sheet.part, shared, (rowNumber, cells, noResult) => {
    if (own) return;
    if (mayBeOwn && rowsRead === 0 && OWN_SHEET_TITLES.some((t) => cells[0] === t.title)) {
      own = true;
      return;
    }
    rowsRead++;
    if (rowsRead % 65536 === 0) progress(sheet.name, rowsRead);
    if (noResult.length > 0) tallyUncalculated(uncalculated, candidates, rowNumber, noResult);
    for (const c of candidates)
      if (!c.done && rowNumber >= c.top && rowNumber <= c.bottom) feed(c, rowNumber, cells);
  });
  if (own) return true;
  let inputs = 0;
  for (const c of candidates) {
    if (!c.done && !c.parser && c.head.length > 0) start(c);
    if (c.parser) {
      addParsed(parsed, c.parser.finish());
      inputs++;
    }
  }
  if (inputs > 0 && uncalculated.count > 0) notes.push(uncalculatedNote(sheet.name, uncalculated));
  progress(sheet.name, rowsRead);
  return false;
}
