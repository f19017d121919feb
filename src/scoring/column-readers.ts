import { cellText, isBlankText, parseFlag, parseMonth } from "./cells";
import { IdCache, RowReader, UNSET } from "./row-reader";
import { TenantRegistry } from "./tenants";

/**
 * Readers of one column's cells that parse each distinct value once (cached by the cell's id,
 * see `RowReader.id`): months, tenants, yes/no flags and texts. Both usage parsers use them.
 */

/** A blank cell (in a text or date column). */
export const BLANK = -2;
/** A cell that cannot be read as its column's kind. */
export const INVALID = -1;
/** A tenant cell that is filled but not yet numbered: tenants are numbered from rows that count. */
export const FILLED = -3;

/** A slash date's first two numbers (`01/06/2025` → 1 and 6). */
const SLASH_DATE = /^\s*(\d{1,2})\/(\d{1,2})\/\d{4}\b/;

/**
 * Months: the month index, {@link BLANK} or {@link INVALID}. Slash dates are read month first
 * (scoring-rules §1.4); the column also notices when its slash dates look day-first instead (see
 * {@link dayFirstExample}).
 */
export class MonthColumn {
  private readonly cache = new IdCache();
  /** Distinct slash dates seen, whether every one starts with 1, and their second numbers (bits). */
  private readonly slash = { count: 0, firstIsOne: true, seconds: 0, example: "" };

  constructor(readonly col: number) {}

  read(r: RowReader): number {
    const id = r.id(this.col);
    let month = this.cache.get(id);
    if (month === UNSET) {
      const cell = r.cell(this.col);
      month = isBlankText(cell) ? BLANK : parseMonth(cell, r.date1904);
      if (typeof cell === "string") this.noteSlashDate(cell);
      this.cache.set(id, month);
    }
    return month;
  }

  private noteSlashDate(text: string): void {
    const m = SLASH_DATE.exec(text);
    if (!m) return;
    const first = Number(m[1]);
    const second = Number(m[2]);
    const s = this.slash;
    s.count++;
    if (first !== 1) s.firstIsOne = false;
    s.seconds |= 2 ** Math.min(second, 31);
    if (s.example === "" && second > 1) s.example = text.trim();
  }

  /**
   * A value of this column when its slash dates look like day-first month starts (`01/06/2025`,
   * `01/07/2025`: what Excel writes for 1 June and 1 July in the UK and much of Europe), which read
   * month first are days of January; null otherwise. Told by every slash date starting with 1
   * while the second number varies and never passes 12 (a 15 would make it a day, the US order).
   */
  dayFirstExample(): string | null {
    const s = this.slash;
    const varies = (s.seconds & (s.seconds - 1)) !== 0;
    const pastTwelve = s.seconds >= 2 ** 13;
    return s.count >= 2 && s.firstIsOne && varies && !pastTwelve && s.example !== ""
      ? s.example
      : null;
  }

  /**
   * The warning when the column's slash dates look day-first (see {@link dayFirstExample}), else
   * null.
   * @param label the column's header, for the message
   */
  dayFirstWarning(label: string): string | null {
    const example = this.dayFirstExample();
    return example === null
      ? null
      : `${label} values such as "${example}" are read month first (US order), so every one of them falls in January. If they are day-first dates (1 June, 1 July, …), save the file with months as YYYY-MM or D.M.YYYY, or as an Excel workbook, and run again.`;
  }
}

/**
 * Tenants: {@link BLANK}, {@link FILLED} until {@link number} gives the cell's tenant number (only
 * rows that are not row errors number a tenant), then that number.
 */
export class TenantColumn {
  private readonly cache = new IdCache();

  constructor(
    readonly col: number,
    private readonly tenants: TenantRegistry
  ) {}

  read(r: RowReader): number {
    const id = r.id(this.col);
    let tenant = this.cache.get(id);
    if (tenant === UNSET) {
      tenant = isBlankText(r.cell(this.col)) ? BLANK : FILLED;
      this.cache.set(id, tenant);
    }
    return tenant;
  }

  /** The tenant number of the current row's filled cell. */
  number(r: RowReader): number {
    const tenant = this.tenants.idOf(r.cell(this.col));
    this.cache.set(r.id(this.col), tenant);
    return tenant;
  }
}

/** Yes/no flags: 1, 0 or {@link INVALID}; an absent column reads as 0. */
export class FlagColumn {
  private readonly cache = new IdCache();

  constructor(readonly col: number) {}

  read(r: RowReader): number {
    if (this.col < 0) return 0;
    const id = r.id(this.col);
    let flag = this.cache.get(id);
    if (flag === UNSET) {
      const parsed = parseFlag(r.cell(this.col));
      flag = parsed === null ? INVALID : parsed ? 1 : 0;
      this.cache.set(id, flag);
    }
    return flag;
  }
}

/**
 * Texts (offers, associations): the index of the cell's trimmed text in `texts` ("" for blank),
 * each distinct cell added once. An absent column reads as index 0, which holds "".
 */
export class TextColumn {
  private readonly cache = new IdCache();

  /** @param onNew called with the index of each text added */
  constructor(
    readonly col: number,
    readonly texts: string[],
    private readonly onNew: (index: number) => void = () => undefined
  ) {
    if (col < 0) texts.push("");
  }

  read(r: RowReader): number {
    if (this.col < 0) return 0;
    const id = r.id(this.col);
    let index = this.cache.get(id);
    if (index === UNSET) {
      const cell = r.cell(this.col);
      index = this.texts.push(isBlankText(cell) ? "" : cellText(cell)) - 1;
      this.cache.set(id, index);
      this.onNew(index);
    }
    return index;
  }
}
