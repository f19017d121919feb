import { cellText, isBlankText, parseFlag, parseMonth } from "./cells";
import { excelErrorValue } from "./excel-errors";
import { errorCellProblem } from "./row-messages";
import { IdCache, RowReader, UNSET } from "./row-reader";
import { SlashDates } from "./slash-dates";
import { TenantRegistry } from "./tenants";
import { YearMonthNumbers } from "./year-month-numbers";

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

/**
 * Months: the month index, {@link BLANK} or {@link INVALID}. Slash dates are read month first
 * (scoring-rules §1.4); the column also notices when they look day-first (see
 * {@link dayFirstWarning}).
 */
export class MonthColumn {
  private readonly cache = new IdCache();
  private readonly slashDates = new SlashDates();
  private readonly yearMonths = new YearMonthNumbers();
  private date1904 = false;

  constructor(readonly col: number) {}

  read(r: RowReader): number {
    const id = r.id(this.col);
    let month = this.cache.get(id);
    if (month === UNSET) {
      const cell = r.cell(this.col);
      month = isBlankText(cell) ? BLANK : parseMonth(cell, r.date1904);
      this.slashDates.note(cell);
      this.yearMonths.note(cell, month >= 0);
      this.date1904 = r.date1904;
      this.cache.set(id, month);
    }
    return month;
  }

  /**
   * The warning when the column's slash dates look day-first (what Excel writes in the UK and
   * much of Europe), which read month first give wrong months; else null.
   * @param label the column's header, for the message
   */
  dayFirstWarning(label: string): string | null {
    return this.slashDates.warning(label);
  }

  /**
   * The warning when the column holds year-and-month numbers (`202506`), which read as Excel date
   * numbers are months four centuries ahead; else null.
   * @param label the column's header, for the message
   */
  yearMonthWarning(label: string): string | null {
    return this.yearMonths.warning(label, this.date1904);
  }
}

/**
 * Tenants: {@link BLANK}, {@link INVALID} for an Excel error value (`#N/A`: a failed lookup is not a
 * customer), {@link FILLED} until {@link number} gives the cell's tenant number (only rows that are
 * not row errors number a tenant), then that number.
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
      const cell = r.cell(this.col);
      tenant = isBlankText(cell) ? BLANK : excelErrorValue(cell) !== null ? INVALID : FILLED;
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
 * each distinct cell added once, or {@link INVALID} for an Excel error value (`#N/A` …, never
 * added). An absent column reads as index 0, which holds "".
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
      if (excelErrorValue(cell) !== null) index = INVALID;
      else {
        index = this.texts.push(isBlankText(cell) ? "" : cellText(cell)) - 1;
        this.onNew(index);
      }
      this.cache.set(id, index);
    }
    return index;
  }

  /** The problem of the row's cell when it holds an Excel error value, else null (not cached). */
  errorProblem(r: RowReader, label: string): string | null {
    return this.col < 0 ? null : errorCellProblem(label, r.cell(this.col));
  }
}
