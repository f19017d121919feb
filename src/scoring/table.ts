import { Issue, RowCounts } from "./issues";

/** Earliest and latest month (month index) among a table's rows that are not row errors. */
export interface MonthRange {
  min: number;
  max: number;
}

/** What every parsed table reports, whatever its kind. */
export interface TableShape {
  /** The table's name as the user knows it (file, sheet or range). */
  table: string;
  /** The layout recognised, e.g. "Azure usage report (Partner Center)". */
  layout: string;
  /** Outcomes that do not depend on the rules version: data rows, empty, errors, duplicates. */
  counts: RowCounts;
  /** Row errors and notes found while reading the table. */
  issues: Issue[];
  months: MonthRange;
  /** Data rows under the header. */
  rowCount: number;
  /** The header's row number in the input's own numbering. */
  headerRow: number;
}

/** Counts one not-eligible row under its reason. */
export function countNotEligible(counts: RowCounts, reason: string, n = 1): void {
  counts.notEligible[reason] = (counts.notEligible[reason] ?? 0) + n;
}

/** Typed-array columns that grow as rows are added (a capacity hint avoids most growth). */
export function grow<T extends Int32Array | Float64Array | Uint8Array>(array: T, size: number): T {
  const grown = new (array.constructor as new (n: number) => T)(size);
  grown.set(array);
  return grown;
}

/** The next capacity of growing columns holding `count` rows. */
export function nextCapacity(count: number): number {
  return Math.max(1024, Math.ceil(count * 1.5));
}
