import { Cell, DecimalMark, otherConventionValue } from "./cells";
import { HOW_TO_SAY_DECIMAL_COMMAS, HOW_TO_SAY_DECIMAL_POINTS } from "./row-messages";

/**
 * A cheap test every text amount can afford: its last digits are exactly three after a `.` or `,`
 * (`12.345`, `(1,250) USD`). Every text the two conventions read as different numbers passes it;
 * {@link MixedMarks.read} checks exactly. (CSV fields are tested on their bytes the same way.)
 */
export const THREE_AFTER_SEPARATOR = /[.,][0-9]{3}[\s)usdUSD\u00a0]*$/;

/**
 * An amount read in its table's decimal convention (scoring-rules §1.4) can be valid in both:
 * `12.345` is 12345 with decimal commas and 12.345 with decimal points (and `12,345` the other way
 * round). Read as the table says, it is right in a German file and 1,000 times too large in a Swiss
 * one (semicolons, as in Germany, but decimal points). The rule stands, but such a column is not
 * left silent: a {@link MixedMarks} watches one amount column, and when values were read that the
 * other convention reads differently while other values of the column can only be read in the
 * other convention (their rows are errors that say so), it gives a warning naming both.
 */
export class MixedMarks {
  /** Values read that the other convention reads differently: how many, and the first. */
  private twoWay = 0;
  private twoWayText = "";
  private twoWayRow = 0;
  private twoWayValue = 0;
  private twoWayOther = 0;
  /** The first unreadable value that the other convention reads. */
  private otherText = "";
  private otherRow = 0;

  /** The table's decimal convention (its readers say it; every row of a table has the same). */
  private mark: DecimalMark = "point";

  /** Notes a cell read as `value` (the caller may skip cells that fail `THREE_AFTER_SEPARATOR`). */
  read(cell: Cell, value: number, row: number, mark: DecimalMark): void {
    this.mark = mark;
    if (typeof cell !== "string") return;
    const other = otherConventionValue(cell, this.mark);
    if (!Number.isFinite(other) || other === value) return;
    if (this.twoWay++ === 0) {
      this.twoWayText = cell.trim();
      this.twoWayRow = row;
      this.twoWayValue = value;
      this.twoWayOther = other;
    }
  }

  /** Notes a cell that could not be read as a number in the table's convention. */
  unread(cell: Cell, row: number, mark: DecimalMark): void {
    this.mark = mark;
    if (this.otherText !== "" || typeof cell !== "string") return;
    if (!Number.isFinite(otherConventionValue(cell, this.mark))) return;
    this.otherText = cell.trim();
    this.otherRow = row;
  }

  /**
   * The warning when both kinds were seen, else null.
   * @param label the column's header, for the message
   */
  warning(label: string): string | null {
    if (this.twoWay === 0 || this.otherText === "") return null;
    const [read, other, others, how] =
      this.mark === "comma"
        ? ["with decimal commas", "a decimal point", "decimal points", HOW_TO_SAY_DECIMAL_POINTS]
        : ["with decimal points", "a decimal comma", "decimal commas", HOW_TO_SAY_DECIMAL_COMMAS];
    const those =
      this.twoWay === 1 ? "that value is" : `that value and ${this.twoWay - 1} more like it are`;
    return `${label} "${this.twoWayText}" (row ${this.twoWayRow}) was read ${read}, as ${this.twoWayValue} (${this.twoWayOther} with ${others}), but "${this.otherText}" (row ${this.otherRow}) uses ${other}, so the column may use ${others}, and then ${those} wrong by a factor of 1,000; ${how}.`;
  }
}
