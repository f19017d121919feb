/**
 * Slash dates are read month first (US order, scoring-rules §1.4). Excel writes dates day first in
 * the UK and much of Europe, and such a column, read month first, gives wrong months or days
 * without an error wherever both numbers are 12 or less. A {@link SlashDates} watches one column's
 * distinct slash dates and says when they look day-first, so the partner is told.
 */

/** A slash date's first two numbers (`01/06/2025` → 1 and 6). */
const SLASH_DATE = /^\s*(\d{1,2})\/(\d{1,2})\/\d{4}\b/;

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

const WHAT_TO_DO =
  "write the dates as YYYY-MM-DD or D.M.YYYY (or save the file as an Excel workbook) and run again";

/** What one column's slash dates say about their order. */
export class SlashDates {
  private count = 0;
  private firstIsOne = true;
  /** Bit n set when a slash date's second number is n. */
  private seconds = 0;
  /** A month start written day first (`01/06/2025`), for the message. */
  private monthStart = "";
  /** A slash date that can only be day first (`13/06/2025`: there is no month 13). */
  private dayFirstOnly = "";
  /** A slash date read month first that could be either (`05/06/2025`). */
  private ambiguous = "";

  /** Notes a distinct value of the column (any cell: only slash dates count). */
  note(cell: unknown): void {
    if (typeof cell !== "string") return;
    const m = SLASH_DATE.exec(cell);
    if (!m) return;
    const text = cell.trim();
    const first = Number(m[1]);
    const second = Number(m[2]);
    this.count++;
    if (first !== 1) this.firstIsOne = false;
    this.seconds |= 2 ** Math.min(second, 31);
    if (this.monthStart === "" && first === 1 && second > 1) this.monthStart = text;
    if (this.dayFirstOnly === "" && first > 12 && first <= 31 && second >= 1 && second <= 12)
      this.dayFirstOnly = text;
    if (
      this.ambiguous === "" &&
      first >= 1 &&
      first <= 12 &&
      second >= 1 &&
      second <= 12 &&
      first !== second
    )
      this.ambiguous = text;
  }

  /**
   * The warning when the column looks day-first, else null: some value can only be day first
   * while others were read month first; or every value starts with 1 while the second number
   * varies and never passes 12 (month starts written day first, which read month first all fall
   * in January).
   * @param label the column's header, for the message
   */
  warning(label: string): string | null {
    if (this.dayFirstOnly !== "" && this.ambiguous !== "") {
      const [first, second] = this.ambiguous.split("/").map(Number) as [number, number];
      return `${label} values such as "${this.dayFirstOnly}" can only be day-first dates, but dates such as "${this.ambiguous}" were read month first (US order: ${MONTHS[first - 1]} ${second}), so they may be wrong: ${WHAT_TO_DO}.`;
    }
    const varies = (this.seconds & (this.seconds - 1)) !== 0;
    const pastTwelve = this.seconds >= 2 ** 13;
    if (this.count >= 2 && this.firstIsOne && varies && !pastTwelve && this.monthStart !== "")
      return `${label} values such as "${this.monthStart}" are read month first (US order), so every one of them falls in January. If they are day-first dates (1 June, 1 July, …), ${WHAT_TO_DO}.`;
    return null;
  }
}
