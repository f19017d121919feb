import { isInputError } from "../../scoring/errors";
import { findTable, HEADER_SCAN_ROWS } from "../../scoring/find-table";
import { date1904Note, hiddenRowsWarning, hiddenSheetWarning, Issue } from "../../scoring/issues";
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
  /** Rows seen so far, until the header is found, and which of them are hidden. */
  head: SheetValue[][];
  headHidden: boolean[];
  /** Hidden data rows (by a filter or by hand): how many, and the first one's number. */
  hidden: { count: number; first: number };
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
    headHidden: [],
    hidden: { count: 0, first: 0 },
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
  const reading = new SheetReading(sheet, parsed, conventions, progress);
  await streamSheet(zip, sheet.part, shared, (rowNumber, cells, noResult, hidden) =>
    reading.row(rowNumber, cells, noResult, hidden)
  );
  return reading.finish(notes);
}

/** One sheet being read: its rows go to each candidate covering them, header rows first. */
class SheetReading {
  private readonly candidates: Candidate[];
  private readonly reader: CellsRowReader;
  private readonly mayBeOwn: boolean;
  private own = false;
  private rowsRead = 0;
  private readonly uncalculated: Uncalculated = { count: 0, row: 0, col: -1 };
  /** Notes in the order they arise: inputs that look alike but cannot be read, hidden rows. */
  private readonly notes: Issue[] = [];

  constructor(
    private readonly sheet: SheetPart,
    private readonly parsed: ParsedInputs,
    conventions: { decimalComma: boolean; date1904: boolean },
    private readonly progress: ReadProgress
  ) {
    this.candidates = candidatesOf(sheet);
    this.reader = new CellsRowReader(
      conventions.decimalComma ? "comma" : "point",
      [],
      conventions.date1904
    );
    this.mayBeOwn = OWN_SHEET_TITLES.some((t) => sheet.name.startsWith(t.sheet));
  }

  /** Takes one row of the sheet (the scanner's callback). */
  row(rowNumber: number, cells: SheetValue[], noResult: readonly number[], hidden: boolean): void {
    if (this.own) return;
    if (this.isOwnTitle(cells)) {
      this.own = true;
      return;
    }
    this.rowsRead++;
    if (this.rowsRead % 65536 === 0) this.progress(this.sheet.name, this.rowsRead);
    if (noResult.length > 0)
      tallyUncalculated(this.uncalculated, this.candidates, rowNumber, noResult);
    for (const c of this.candidates)
      if (!c.done && rowNumber >= c.top && rowNumber <= c.bottom)
        this.feed(c, rowNumber, cells, hidden);
  }

  /** One of our own scorecard sheets starts with its title in A1. */
  private isOwnTitle(cells: SheetValue[]): boolean {
    return (
      this.mayBeOwn && this.rowsRead === 0 && OWN_SHEET_TITLES.some((t) => cells[0] === t.title)
    );
  }

  /** A row for one candidate: a data row once its header is known, else one of its top rows. */
  private feed(c: Candidate, rowNumber: number, cells: SheetValue[], hidden: boolean): void {
    const row = c.right === Infinity ? cells : cells.slice(c.left, c.right + 1);
    if (c.parser) {
      // Rows the file leaves out are blank rows of the range (the pane reads them as such).
      for (let r = c.lastRow + 1; r < rowNumber; r++) {
        this.reader.setRow([]);
        c.parser.row(this.reader, r);
      }
      this.reader.setRow(row);
      c.parser.row(this.reader, rowNumber);
      c.lastRow = rowNumber;
      if (hidden && c.hidden.count++ === 0) c.hidden.first = rowNumber;
      return;
    }
    if (c.head.length === 0) {
      // A sheet's range starts at its first row with a value, as Excel's used range does.
      if (c.right === Infinity && row.every((v) => v === undefined || v === "")) return;
      c.firstRow = rowNumber;
    }
    for (let r = c.firstRow + c.head.length; r < rowNumber; r++) {
      c.head.push([]);
      c.headHidden.push(false);
    }
    c.head.push(row);
    c.headHidden.push(hidden);
    if (c.head.length >= HEADER_SCAN_ROWS) this.start(c);
  }

  /** Finds a candidate's header row in its top rows, then reads the rows under it as data. */
  private start(c: Candidate): void {
    let found;
    try {
      found = findTable(c.head, c.name);
    } catch (error) {
      const note = lookAlikeNote(c, error);
      if (note) this.notes.push(note);
      c.done = true;
      return;
    }
    const header = c.firstRow + found.headerIndex;
    c.parser = parserFor(found, c.name, this.parsed, header, 1024);
    const rest = c.head.slice(found.headerIndex + 1);
    const restHidden = c.headHidden.slice(found.headerIndex + 1);
    c.head = [];
    c.headHidden = [];
    c.lastRow = header;
    rest.forEach((row, k) =>
      this.feed(c, header + 1 + k, row as SheetValue[], restHidden[k] ?? false)
    );
  }

  /**
   * Ends the sheet: candidates with fewer rows than the header search are started, parsed tables
   * are added, and the sheet's notes given. Returns true when the sheet is one of our own.
   */
  finish(notes: Issue[]): boolean {
    if (this.own) return true;
    let inputs = 0;
    for (const c of this.candidates) {
      if (!c.done && !c.parser && c.head.length > 0) this.start(c);
      if (c.parser) {
        addParsed(this.parsed, c.parser.finish());
        inputs++;
        if (c.hidden.count > 0)
          this.notes.push(hiddenRowsWarning(c.name, c.hidden.count, c.hidden.first));
      }
    }
    notes.push(...this.notes);
    if (inputs > 0 && this.uncalculated.count > 0)
      notes.push(uncalculatedNote(this.sheet.name, this.uncalculated));
    this.progress(this.sheet.name, this.rowsRead);
    return false;
  }
}
