import { isBlankText } from "./cells";
import { Issue, RowCounts } from "./issues";

/** Earliest and latest month (month index) among a table's rows that are not row errors. */
export interface MonthRange {
  min: number;
  max: number;
}

/** What every parsed table reports. */
export interface TableShape {
  /** The table's name as the user knows it (file, sheet or range). */
  table: string;
  counts: RowCounts;
  issues: Issue[];
  months: MonthRange;
  /** Data rows under the header. */
  rowCount: number;
}

/**
 * True when every cell of a row is blank. The number 0 counts as blank here because Excel can pass
 * a blank cell to a custom function as 0, and a row of zeros has nothing to score.
 */
export function isEmptyRow(row: readonly unknown[]): boolean {
  for (let i = 0; i < row.length; i++) {
    if (!isBlankText(row[i])) return false;
  }
  return true;
}

/** Counts one not-eligible row under its reason. */
export function countNotEligible(counts: RowCounts, reason: string): void {
  counts.notEligible[reason] = (counts.notEligible[reason] ?? 0) + 1;
}
