import { formatMonth } from "./calendar";
import { Cell, parseMonth } from "./cells";

/**
 * Months written as year-and-month numbers (`202506`, as many reports and databases export them)
 * are not one of the month forms of scoring-rules §1.4, but they are Excel date numbers in range,
 * so they read as days more than four centuries ahead (202506 is a day in 2454-06). The rule
 * stands; a {@link YearMonthNumbers} watches one date column's distinct values and says so, since
 * such a column otherwise scores as of a month in the 25th century without a word.
 */
export class YearMonthNumbers {
  private count = 0;
  private example = 0;

  /** Notes a distinct value of the column (any cell: only whole numbers of six digits count). */
  note(cell: Cell): void {
    const n =
      typeof cell === "number"
        ? cell
        : typeof cell === "string" && /^\s*[12][0-9]{5}\s*$/.test(cell)
          ? Number(cell)
          : NaN;
    if (!Number.isInteger(n) || n < 190001 || n > 299912) return;
    const month = n % 100;
    if (month < 1 || month > 12) return;
    if (this.count++ === 0) this.example = n;
  }

  /**
   * The warning when the column held such values, else null.
   * @param label the column's header, for the message
   * @param date1904 the table's date numbers count from 1904 (a workbook setting)
   */
  warning(label: string, date1904 = false): string | null {
    if (this.count === 0) return null;
    const n = this.example;
    const yearMonth = `${Math.floor(n / 100)}-${String(n % 100).padStart(2, "0")}`;
    const more = this.count === 1 ? "" : ` (${this.count} such values)`;
    return `${label} values such as ${n}${more} are read as Excel date numbers, so ${n} is a day in ${formatMonth(parseMonth(n, date1904))}; they look like year-and-month numbers (${n} = ${yearMonth}), which are not a month form this reads: write them as ${yearMonth} (YYYY-MM) or as dates, and run again.`;
  }
}
