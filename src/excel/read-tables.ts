import { HEADER_SCAN_ROWS, recogniseTable, SheetVisibility, TableKind } from "../scoring";
import { isOwn, loadOwnerMark } from "./owner";

/**
 * Reading input tables from the workbook: Excel tables first, else each sheet's used range; the
 * header row tells the kind. Large ranges are read in row blocks that keep every request under
 * Excel's limits (5 MB per request on the web, 5 million cells per read).
 */

/** An input table found in the workbook. */
export interface Candidate {
  /** Stable id for the pane's choice lists. */
  id: string;
  /** What the user sees, e.g. `Azure (table AzureUsage)` or `Licences!A1:H2000`. */
  label: string;
  sheet: string;
  /** How Excel shows its sheet: rows on a hidden sheet count, but the partner cannot see them. */
  visibility: SheetVisibility;
  /** Excel table name, when the candidate is a table. */
  table?: string;
  /** 0-based position and size of the block, header row included. */
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
  header: unknown[];
  /** The kind its header row says, or null when it is not an input table. */
  kind: TableKind | null;
  /** The layout recognised, e.g. "Azure usage report (Partner Center)". */
  layout: string | null;
  /** Some rows under its header row are hidden (by a filter or by hand): they count all the same. */
  rowsHidden: boolean;
}

/** Bytes one cell may take in a request, used to size blocks (generous for long text). */
export const BYTES_PER_CELL_ESTIMATE = 64;
/** Request size kept under Excel on the web's 5 MB limit, with headroom. */
export const MAX_REQUEST_BYTES = 4_000_000;
/** Excel's limit of cells per read. */
export const MAX_CELLS_PER_READ = 5_000_000;
/** No block is taller than this, so progress moves on large sheets. */
export const MAX_BLOCK_ROWS = 20_000;

/** Rows per read block for a table `columns` wide. */
export function blockRows(columns: number): number {
  const byBytes = Math.floor(MAX_REQUEST_BYTES / (Math.max(1, columns) * BYTES_PER_CELL_ESTIMATE));
  const byCells = Math.floor(MAX_CELLS_PER_READ / Math.max(1, columns));
  return Math.max(1, Math.min(MAX_BLOCK_ROWS, byBytes, byCells));
}

/** Excel's sheet visibility (`"Visible"`, `"Hidden"`, `"VeryHidden"`) in the scoring's terms. */
function visibilityOf(visibility: string): SheetVisibility {
  if (visibility === "Hidden") return "hidden";
  if (visibility === "VeryHidden") return "veryHidden";
  return "visible";
}

/** A sheet as a candidate's label names it: the partner is told of one they cannot see. */
const sheetKind = (visibility: SheetVisibility): string =>
  visibility === "visible"
    ? "sheet"
    : visibility === "hidden"
      ? "hidden sheet"
      : "very hidden sheet";

/**
 * Finds candidate input tables: every Excel table, and the used range of each sheet without
 * tables. The add-in's own sheets (marked with its custom property) and their tables are never
 * candidates. The header row is found as everywhere else (scoring's `findTable`): the first of the
 * top ten rows holding a kind's required columns. Each candidate also says whether rows under its
 * header are hidden (each top row's `rowHidden`, and the rest's: null when some are). Three syncs.
 */
export async function findCandidates(context: Excel.RequestContext): Promise<Candidate[]> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/visibility");
  const tables = context.workbook.tables;
  tables.load("items/name,items/showTotals");
  await context.sync();

  const tableInfo = tables.items.map((t) => {
    const range = t.getRange();
    range.load("rowIndex,columnIndex,rowCount,columnCount");
    const ws = t.worksheet;
    ws.load("name,visibility");
    return { table: t, range, ws };
  });
  const sheetInfo = sheets.items.map((s) => {
    const used = s.getUsedRangeOrNullObject(true);
    used.load("rowIndex,columnIndex,rowCount,columnCount");
    return { sheet: s, used, mark: loadOwnerMark(s) };
  });
  await context.sync();

  const own = new Set(sheetInfo.filter((s) => isOwn(s.mark)).map((s) => s.sheet.name));
  // Each label's words in parentheses, so "some rows hidden" can join them once that is known.
  const found: (Omit<Candidate, "header" | "kind" | "layout" | "rowsHidden" | "label"> & {
    name: string;
    where: string;
  })[] = [];
  const sheetsWithTables = new Set<string>();
  for (const t of tableInfo) {
    if (own.has(t.ws.name)) continue;
    sheetsWithTables.add(t.ws.name);
    const visibility = visibilityOf(t.ws.visibility);
    found.push({
      id: `table:${t.table.name}`,
      name: t.table.name,
      where: `table on ${t.ws.name}${visibility === "visible" ? "" : `, a ${sheetKind(visibility)}`}`,
      sheet: t.ws.name,
      visibility,
      table: t.table.name,
      rowIndex: t.range.rowIndex,
      columnIndex: t.range.columnIndex,
      // A table's total row (SUBTOTALs under the data) is not a data row.
      rowCount: t.range.rowCount - (t.table.showTotals ? 1 : 0),
      columnCount: t.range.columnCount,
    });
  }
  for (const s of sheetInfo) {
    if (own.has(s.sheet.name) || sheetsWithTables.has(s.sheet.name) || s.used.isNullObject)
      continue;
    const visibility = visibilityOf(s.sheet.visibility);
    found.push({
      id: `sheet:${s.sheet.name}`,
      name: s.sheet.name,
      where: sheetKind(visibility),
      sheet: s.sheet.name,
      visibility,
      rowIndex: s.used.rowIndex,
      columnIndex: s.used.columnIndex,
      rowCount: s.used.rowCount,
      columnCount: s.used.columnCount,
    });
  }
  // The top rows of each candidate (titles or notes may sit above its header row), and which rows
  // are hidden: each top row's, then the rest's at once.
  const tops = found.map((c) => {
    const sheet = context.workbook.worksheets.getItem(c.sheet);
    const topRows = Math.min(HEADER_SCAN_ROWS, c.rowCount);
    const values = sheet.getRangeByIndexes(c.rowIndex, c.columnIndex, topRows, c.columnCount);
    values.load("values");
    const rows = (from: number, count: number): Excel.Range =>
      sheet
        .getRangeByIndexes(c.rowIndex + from, c.columnIndex, count, c.columnCount)
        .load("rowHidden");
    const topHidden = Array.from({ length: topRows }, (_, k) => rows(k, 1));
    const restHidden = c.rowCount > topRows ? rows(topRows, c.rowCount - topRows) : null;
    return { values, topHidden, restHidden };
  });
  await context.sync();
  return found.map((c, i) => {
    const { values, topHidden = [], restHidden = null } = tops[i] ?? {};
    const top = values?.values ?? [];
    const table = recogniseTable(top);
    const skip = table?.headerIndex ?? 0;
    const rowsHidden =
      topHidden.slice(skip + 1).some((r) => r.rowHidden !== false) ||
      (restHidden !== null && restHidden.rowHidden !== false);
    const { name, where, ...place } = c;
    return {
      ...place,
      label: `${name} (${where}${rowsHidden ? ", some rows hidden" : ""})`,
      rowIndex: c.rowIndex + skip,
      rowCount: c.rowCount - skip,
      header: top[skip] ?? [],
      kind: table?.kind ?? null,
      layout: table?.layout ?? null,
      rowsHidden,
    };
  });
}

/** Called after each block with rows read so far and the total. */
export type Progress = (rowsRead: number, totalRows: number) => void;

function isPayloadError(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? "";
  return code === "RequestPayloadSizeLimitExceeded" || code === "ResponsePayloadSizeLimitExceeded";
}

/**
 * Reads a candidate's cells (header row first) in row blocks, handing each block to `onBlock`
 * as it arrives (nothing is kept here): one sync per block. A block that still exceeds the
 * payload limit (very long text) is retried at half the height.
 */
export async function readCandidateBlocks(
  context: Excel.RequestContext,
  candidate: Candidate,
  onBlock: (rows: unknown[][]) => void,
  progress?: Progress
): Promise<void> {
  const sheet = context.workbook.worksheets.getItem(candidate.sheet);
  let rows = blockRows(candidate.columnCount);
  let offset = 0;
  while (offset < candidate.rowCount) {
    const n = Math.min(rows, candidate.rowCount - offset);
    const range = sheet.getRangeByIndexes(
      candidate.rowIndex + offset,
      candidate.columnIndex,
      n,
      candidate.columnCount
    );
    range.load("values");
    try {
      // One sync per block is the point: each block is its own request under the size limit.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (error) {
      if (isPayloadError(error) && rows > 1) {
        rows = Math.max(1, Math.floor(n / 2));
        continue;
      }
      throw error;
    }
    onBlock(range.values);
    offset += n;
    progress?.(offset, candidate.rowCount);
  }
}

/** Reads a candidate's cells (header row first), as {@link readCandidateBlocks} does, into one array. */
export async function readCandidate(
  context: Excel.RequestContext,
  candidate: Candidate,
  progress?: Progress
): Promise<unknown[][]> {
  const cells: unknown[][] = [];
  await readCandidateBlocks(
    context,
    candidate,
    (block) => {
      for (const row of block) cells.push(row);
    },
    progress
  );
  return cells;
}
