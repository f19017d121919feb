import { formatMonth } from "./calendar";
import { Cell, cellText, parseMonth } from "./cells";

/**
 * Months written as year-and-month numbers (`202506`, as many reports and databases export them)
 * are not one of the month forms of scoring-rules §1.4, but they are Excel date numbers in range,
 * so they read as days more than four centuries ahead (202506 is a day in 2454-06). The same holds
 * for a year and month written with a point (`2025.06`, as some European reports write them, or
 * a cell where someone typed it): 2025.06 is an Excel date number, a day in 1905-07. The rule
 * stands; a {@link YearMonthNumbers} watches one date column's distinct values and says so, since
 * such a column otherwise scores as of a month in the 25th century, or scores nothing from its
 * 1905 months, without a word.
 */
export class YearMonthNumbers {
  private count = 0;
  private example = 0;
  private pointed = 0;
  private pointedExample: { cell: Cell; yearMonth: string } | null = null;

  /**
   * Notes a distinct value of the column (any cell: only the two forms above count).
   * @param read the cell was read as a month (not a row error)
   */
  note(cell: Cell, read: boolean): void {
    if (!read) return;
    const pointed = pointedYearMonth(cell);
    if (pointed !== null) {
      if (this.pointed++ === 0) this.pointedExample = { cell, yearMonth: pointed };
      return;
    }
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
   * The warning when the column held such values, else null (one warning for both forms; the
   * six-digit form first).
   * @param label the column's header, for the message
   * @param date1904 the table's date numbers count from 1904 (a workbook setting)
   */
  warning(label: string, date1904 = false): string | null {
    if (this.count > 0) {
      const n = this.example;
      const yearMonth = `${Math.floor(n / 100)}-${String(n % 100).padStart(2, "0")}`;
      const more = this.count === 1 ? "" : ` (${this.count} such values)`;
      return `${label} values such as ${n}${more} are read as Excel date numbers, so ${n} is a day in ${formatMonth(parseMonth(n, date1904))}; they look like year-and-month numbers (${n} = ${yearMonth}), which are not a month form this reads: write them as ${yearMonth} (YYYY-MM) or as dates, and run again.`;
    }
    const example = this.pointedExample;
    if (example === null) return null;
    const text = cellText(example.cell).trim();
    const more = this.pointed === 1 ? "" : ` (${this.pointed} such values)`;
    return `${label} values such as ${text}${more} are read as Excel date numbers, so ${text} is a day in ${formatMonth(parseMonth(example.cell, date1904))}; they look like a year and month written with a point (${text} = ${example.yearMonth}), which is not a month form this reads: write them as ${example.yearMonth} (YYYY-MM) or as dates, and run again.`;
  }
}

/** A year and month separated by a point or comma. */
const POINTED = /^\s*((?:19|20)[0-9]{2})[.,](0?[1-9]|1[0-2])\s*$/;

/**
 * `YYYY-MM` when the cell (one read as a month) is a year and month written with a point: a
 * number cell, or text a decimal reading takes for one (`2025.06`, `"2025.6"`); null for
 * anything else. A number cell is read to two decimals (2025.1 is 2025.10 whose trailing
 * zero Excel dropped).
 */
function pointedYearMonth(cell: Cell): string | null {
  let year: number;
  let month: number;
  if (typeof cell === "number") {
    if (Number.isInteger(cell) || cell < 1900 || cell >= 2100) return null;
    const hundredths = Math.round(cell * 100);
    if (Math.abs(cell * 100 - hundredths) > 1e-6) return null;
    year = Math.floor(hundredths / 100);
    month = hundredths % 100;
  } else if (typeof cell === "string") {
    const m = POINTED.exec(cell);
    if (!m) return null;
    year = Number(m[1]);
    month = Number(m[2]);
  } else return null;
  if (month < 1 || month > 12) return null;
  return `${year}-${String(month).padStart(2, "0")}`;
}
