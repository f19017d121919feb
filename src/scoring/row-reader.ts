import { Cell, cellText, DecimalMark, isBlankNumeric, isBlankText, parseNumber } from "./cells";

/**
 * One data row as the table parsers read it, whatever holds the cells: arrays in memory (custom
 * functions, the task pane, workbooks) or the bytes of a CSV file (the command line streams them
 * without making a string per cell). Parsers cache what they derive from a value by its `id`, so
 * a million rows cost one look-up per cell and one parse per distinct value.
 */
export interface RowReader {
  /** Dense number of the cell's value within its column: equal values get equal ids. */
  id(col: number): number;
  /** The cell as a value (text, number, boolean, `Date`, blank). */
  cell(col: number): Cell;
  /** The cell read as a number in the table's decimal convention; NaN when unreadable. */
  number(col: number): number;
  /** True when the cell is blank in a numeric column (`""`, spaces, `null`). */
  blankNumeric(col: number): boolean;
  /** True when every cell of the row is blank (0 counts as blank). */
  isEmpty(): boolean;
  /** The table's decimal convention. */
  readonly mark: DecimalMark;
}

/** True when every cell of a row is blank; 0 counts as blank (Excel can pass blanks as 0). */
export function isEmptyRow(row: readonly unknown[]): boolean {
  for (let i = 0; i < row.length; i++) {
    if (!isBlankText(row[i])) return false;
  }
  return true;
}

/** Key of a cell for its column's id map: dates by their time, other objects by their text. */
function keyOf(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Date) return `\u0000date:${value.getTime()}`;
  return `\u0000text:${cellText(value)}`;
}

/** A {@link RowReader} over rows of cells in memory; point it at a row with {@link setRow}. */
export class CellsRowReader implements RowReader {
  private row: readonly unknown[] = [];
  private readonly ids: Map<unknown, number>[] = [];

  /** @param mark the table's decimal convention */
  constructor(readonly mark: DecimalMark = "point") {}

  /** Makes `row` the current row. */
  setRow(row: readonly unknown[]): void {
    this.row = row;
  }

  id(col: number): number {
    const ids = (this.ids[col] ??= new Map());
    const raw = this.row[col];
    const key = typeof raw === "object" && raw !== null ? keyOf(raw) : raw;
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    return id;
  }

  cell(col: number): Cell {
    return this.row[col];
  }

  number(col: number): number {
    return parseNumber(this.row[col], this.mark);
  }

  blankNumeric(col: number): boolean {
    return isBlankNumeric(this.row[col]);
  }

  isEmpty(): boolean {
    return isEmptyRow(this.row);
  }
}

/**
 * Values derived from a column's cells, cached by cell id (see {@link RowReader.id}): each distinct
 * value is read once. Ids with nothing cached yet read as {@link UNSET}.
 */
export class IdCache {
  private values: Int32Array;

  constructor(initial = 64) {
    this.values = new Int32Array(initial).fill(UNSET);
  }

  /** The cached value of an id, or {@link UNSET}. */
  get(id: number): number {
    return id < this.values.length ? (this.values[id] as number) : UNSET;
  }

  /** Caches a value for an id. */
  set(id: number, value: number): void {
    if (id >= this.values.length) {
      let size = this.values.length * 2;
      while (size <= id) size *= 2;
      const grown = new Int32Array(size).fill(UNSET);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[id] = value;
  }
}

/** What an {@link IdCache} holds for an id not seen yet. */
export const UNSET = -0x7fffffff;
