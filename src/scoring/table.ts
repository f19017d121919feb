import { cellText, isBlankText } from "./cells";
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

/**
 * The association types of one table: each distinct cell text is resolved once to the index of
 * its type (PAL, CSP1, …) in `names`, or -1 when it is not an eligible association. Without an
 * association column every row is of the single type "all".
 */
export class AssociationTypes {
  readonly names: string[];
  private readonly cache = new Map<string, number>();

  /**
   * @param resolve the type of a cell's text, or `undefined`
   * @param hasColumn whether the table has an association column
   */
  constructor(
    private readonly resolve: (text: string) => string | undefined,
    hasColumn: boolean
  ) {
    this.names = hasColumn ? [] : ["all"];
  }

  /** The type index of an association cell, or -1 when not eligible. */
  indexOf(cell: unknown): number {
    const key = typeof cell === "string" ? cell : isBlankText(cell) ? "" : cellText(cell);
    let index = this.cache.get(key);
    if (index === undefined) {
      const type = this.resolve(key);
      index = type === undefined ? -1 : this.names.indexOf(type);
      if (type !== undefined && index < 0) index = this.names.push(type) - 1;
      this.cache.set(key, index);
    }
    return index;
  }
}
