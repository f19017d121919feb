import { Cell, cellText, DecimalMark, isBlankNumeric, isBlankText, parseNumber } from "./cells";
import { THREE_AFTER_SEPARATOR } from "./mixed-marks";

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
  /**
   * A cheap test, false for most amounts: true when the cell is text whose last digits are exactly
   * three after a `.` or `,` (`12.345`), the only texts the two decimal conventions can read as
   * different numbers (see `MixedMarks`, which checks exactly).
   */
  threeAfterSeparator(col: number): boolean;
  /** True when every cell of the row is blank (0 counts as blank). */
  isEmpty(): boolean;
  /** The table's decimal convention. */
  readonly mark: DecimalMark;
  /** Date numbers are serials of the 1904 date system (a workbook setting; false elsewhere). */
  readonly date1904: boolean;
  /**
   * A reference to the current row that {@link cellLater} can read again, for cells rarely
   * needed (a subscription matters only where the association dedupe applies); -1 when the
   * reader cannot go back (a streamed file), so the caller reads the cell now.
   */
  rowRef(): number;
  /** A cell of an earlier row by its {@link rowRef}. */
  cellLater(ref: number, col: number): Cell;
}

/** True when every cell of a row is blank; 0 counts as blank (Excel can pass blanks as 0). */
export function isEmptyRow(row: readonly unknown[]): boolean {
  for (let i = 0; i < row.length; i++) {
    const c = row[i];
    // The usual blanks first: a whole-column range is a million rows of them.
    if (c === "" || c === null || c === undefined || c === 0) continue;
    if (!isBlankText(c)) return false;
  }
  return true;
}

/** Key of a cell for its column's id map: dates by their time, other objects by their text. */
function keyOf(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Date) return `\u0000date:${value.getTime()}`;
  return `\u0000text:${cellText(value)}`;
}

/** Integer cells (Excel's date serials) map to ids through a window of this many values. */
const WINDOW = 1 << 17;

/** A {@link RowReader} over rows of cells in memory; point it at a row with {@link setRow}. */
export class CellsRowReader implements RowReader {
  private row: readonly unknown[] = [];
  private index = -1;
  private texts: Map<string, number>[] = [];
  private others: Map<unknown, number>[] = [];
  private readonly windows: { base: number; ids: Int32Array }[] = [];
  private counts = new Int32Array(0);

  /**
   * @param mark the table's decimal convention
   * @param rows the rows `setRow` is given, so that {@link cellLater} can read them again
   * @param date1904 the workbook stores dates in the 1904 date system
   */
  constructor(
    readonly mark: DecimalMark = "point",
    private readonly rows: readonly (readonly unknown[])[] = [],
    readonly date1904 = false
  ) {}

  /** Makes `row` (at `index` in the rows given to the constructor) the current row. */
  setRow(row: readonly unknown[], index = -1): void {
    this.row = row;
    this.index = index;
  }

  /** Makes room for columns up to `col` (each column's maps exist from the start: no checks per call). */
  private widen(col: number): void {
    const n = col + 1;
    this.texts = Array.from({ length: n }, (_, c) => this.texts[c] ?? new Map<string, number>());
    this.others = Array.from({ length: n }, (_, c) => this.others[c] ?? new Map<unknown, number>());
    const counts = new Int32Array(n);
    counts.set(this.counts);
    this.counts = counts;
  }

  id(col: number): number {
    if (col >= this.counts.length) this.widen(col);
    const raw = this.row[col];
    // Separate look-ups for text and other cells keep each Map.get site of one key type.
    if (typeof raw === "string") {
      const ids = this.texts[col] as Map<string, number>;
      let id = ids.get(raw);
      if (id === undefined) {
        id = this.next(col);
        ids.set(raw, id);
      }
      return id;
    }
    if (typeof raw === "number" && (raw | 0) === raw && raw >= 0) return this.integerId(col, raw);
    return this.otherId(col, raw);
  }

  private next(col: number): number {
    const n = this.counts[col] as number;
    this.counts[col] = n + 1;
    return n;
  }

  /** Integers (date serials, counts) through a typed-array window around the first one seen. */
  private integerId(col: number, value: number): number {
    let w = this.windows[col];
    if (!w) {
      w = { base: Math.max(0, value - (WINDOW >> 1)), ids: new Int32Array(WINDOW) };
      this.windows[col] = w;
    }
    const i = value - w.base;
    if (i < 0 || i >= WINDOW) return this.otherId(col, value);
    const hit = w.ids[i] as number;
    if (hit !== 0) return hit - 1;
    const id = this.otherId(col, value);
    w.ids[i] = id + 1;
    return id;
  }

  private otherId(col: number, raw: unknown): number {
    const ids = this.others[col] as Map<unknown, number>;
    const key = typeof raw === "object" && raw !== null ? keyOf(raw) : raw;
    let id = ids.get(key);
    if (id === undefined) {
      id = this.next(col);
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

  threeAfterSeparator(col: number): boolean {
    const cell = this.row[col];
    return typeof cell === "string" && THREE_AFTER_SEPARATOR.test(cell);
  }

  isEmpty(): boolean {
    return isEmptyRow(this.row);
  }

  rowRef(): number {
    return this.rows.length > 0 ? this.index : -1;
  }

  cellLater(ref: number, col: number): Cell {
    return this.rows[ref]?.[col];
  }
}

/**
 * A {@link CellsRowReader} over rows handed over in blocks and let go (see `TableFeed`): of each
 * row it keeps only the cell of the one column a parser may read again later (the Azure
 * subscription, needed only where the association dedupe applies), so that cell is read on
 * demand, as over rows held whole, without holding the rows.
 */
export class KeptColumnRowReader extends CellsRowReader {
  private readonly kept: unknown[] = [];
  private at = -1;

  /**
   * @param keptColumn the column kept for {@link cellLater}; -1 keeps none (cells are read at once)
   */
  constructor(
    mark: DecimalMark,
    date1904: boolean,
    private readonly keptColumn: number
  ) {
    super(mark, [], date1904);
  }

  /** Makes `row`, the table's row number `index` (from 0), the current row. */
  override setRow(row: readonly unknown[], index = -1): void {
    super.setRow(row, index);
    this.at = index;
    if (this.keptColumn >= 0 && index >= 0) this.kept[index] = row[this.keptColumn];
  }

  override rowRef(): number {
    return this.keptColumn >= 0 ? this.at : -1;
  }

  override cellLater(ref: number, col: number): Cell {
    return col === this.keptColumn ? (this.kept[ref] as Cell) : undefined;
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
