import { cellText } from "./cells";
import { HeaderRow } from "./headers";
import { normalizeHeader } from "./normalize";
import { RowReader } from "./row-reader";

/**
 * Exports joined into one table: two downloads pasted one under the other in a sheet, or CSV files
 * joined into one (`cat jan.csv feb.csv`), leave the second export's header row among the data.
 * Such a row stays a row error (it holds no month), with a message that says what it is; and when
 * rows after it are the same as rows before it, value for value (overlapping downloads), they
 * would count twice, so the table warns. Nothing is dropped: scoring-rules counts every row of a
 * table, and two exports given as two tables count a shared row once (§1.2: the largest).
 */
export class JoinedExports {
  private readonly keys: { col: number; name: string }[];
  /** Data rows that repeat the header: their row numbers and the rows stored before each. */
  private readonly repeats: { row: number; stored: number }[] = [];

  /**
   * @param header the table's header row
   * @param columns the columns a repeated header must repeat (the required ones: month, tenant)
   */
  constructor(
    private readonly header: HeaderRow,
    columns: readonly number[]
  ) {
    this.keys = columns
      .filter((col) => col >= 0)
      .map((col) => ({ col, name: normalizeHeader(cellText(header.raw[col])) }));
  }

  /**
   * True when the row holds the header's names in every one of the columns (compared as headers
   * are, so a byte-order mark before the second header does not hide it); checked only for rows
   * that are row errors already.
   */
  repeatsHeader(r: RowReader): boolean {
    return (
      this.keys.length > 0 &&
      this.keys.every(
        ({ col, name }) => name !== "" && normalizeHeader(cellText(r.cell(col))) === name
      )
    );
  }

  /**
   * Notes a repeated header row and gives its row error's text.
   * @param stored rows the table has stored before it
   */
  repeated(row: number, stored: number): string {
    this.repeats.push({ row, stored });
    const names = this.keys.map(({ col }) => this.header.label(col)).join(", ");
    return `This row repeats the header row (${names}), as when two exports are joined one under the other: it holds no data and is not counted.`;
  }

  /**
   * The warning when rows after a repeated header are the same as rows before it, or null.
   * @param count rows stored
   * @param columns the stored rows' values the comparison compares, a column each (asked for only
   *   when a header repeats)
   * @param words what the comparison compares, what the repeated rows add twice, with its verb
   *   (e.g. "their ACR counts"), and how to give the exports as separate tables (e.g. `--azure
   *   jan.csv --azure feb.csv`)
   */
  warning(
    count: number,
    columns: () => readonly ArrayLike<number>[],
    words: { fields: string; counted: string; separate: string }
  ): string | null {
    if (this.repeats.length === 0) return null;
    const repeated = repeatedRows(
      count,
      this.repeats.map((r) => r.stored),
      columns()
    );
    if (repeated === 0) return null;
    const rows = this.repeats.map((r) => r.row);
    const where =
      rows.length === 1
        ? `Row ${rows[0]} repeats the header row`
        : `Rows ${rows.slice(0, -1).join(", ")} and ${rows[rows.length - 1]} repeat the header row`;
    return `${where}: this table looks like exports joined one under the other, and ${repeated} row${repeated === 1 ? " after a repeated header is" : "s after a repeated header are"} the same as ${repeated === 1 ? "a row" : "rows"} before it (${words.fields}), so ${words.counted} twice. If the exports overlap, give each as its own table or file (${words.separate}): a row two tables share counts once, the largest (scoring-rules §1.2); or delete the rows one export repeats.`;
  }
}

/** A hash of row `i`'s values (amounts may pass 2^31: their high part is mixed in too). */
function rowHash(columns: readonly ArrayLike<number>[], i: number): number {
  let h = 0x811c9dc5;
  for (const column of columns) {
    const v = column[i] as number;
    h = Math.imul(h ^ (v | 0), 0x9e3779b1);
    h = Math.imul(h ^ (Math.floor(v / 4294967296) | 0), 0x85ebca77);
  }
  return (h ^ (h >>> 15)) >>> 0;
}

function sameRow(columns: readonly ArrayLike<number>[], i: number, j: number): boolean {
  for (const column of columns) if (column[i] !== column[j]) return false;
  return true;
}

/**
 * Rows of each part (between repeated headers) that equal a row of an earlier part, each earlier
 * row matched once. An open-addressing table of row numbers keeps it to a few bytes a row, so a
 * joined file of ten million rows stays within the command line's memory bound.
 * @param starts the first stored row of each part after the first, ascending
 */
export function repeatedRows(
  count: number,
  starts: readonly number[],
  columns: readonly ArrayLike<number>[]
): number {
  let size = 16;
  while (size < 2 * count) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(size).fill(-1);
  const matched = new Uint8Array(count);
  let repeated = 0;
  let next = 0;
  let partStart = 0;
  for (let i = 0; i < count; i++) {
    // At a repeated header, the part before it joins the rows later parts are compared with.
    while (next < starts.length && starts[next] === i) {
      for (let j = partStart; j < i; j++) {
        let p = rowHash(columns, j) & mask;
        while ((slots[p] as number) >= 0) p = (p + 1) & mask;
        slots[p] = j;
      }
      partStart = i;
      next++;
    }
    if (next === 0) continue;
    for (let p = rowHash(columns, i) & mask; (slots[p] as number) >= 0; p = (p + 1) & mask) {
      const j = slots[p] as number;
      if (matched[j] === 0 && sameRow(columns, i, j)) {
        matched[j] = 1;
        repeated++;
        break;
      }
    }
  }
  return repeated;
}
