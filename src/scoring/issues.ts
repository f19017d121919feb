/** How serious an issue is: errors skip a row, warnings and info explain a choice. */
export type Severity = "error" | "warning" | "info";

/** One data issue, located by table and sheet row (header = row 1; `null` for the whole table). */
export interface Issue {
  severity: Severity;
  table: string;
  row: number | null;
  message: string;
}

/** How many rows ended in each outcome (scoring-rules §1.5). */
export interface RowCounts {
  /** Data rows under the header, empty ones included. */
  dataRows: number;
  empty: number;
  counted: number;
  duplicate: number;
  errors: number;
  /** Not-eligible rows per reason (service, offer, association, workload, bundle, certification). */
  notEligible: Record<string, number>;
}

/** A fresh, all-zero {@link RowCounts}. */
export function emptyCounts(): RowCounts {
  return { dataRows: 0, empty: 0, counted: 0, duplicate: 0, errors: 0, notEligible: {} };
}

/**
 * The note a workbook in the 1904 date system (Excel for Mac's old default) gets: its date numbers
 * were read in that system, and the scorecard's dates are written in it.
 * @param table where the setting was read: the workbook's file name, or "This workbook"
 */
export function date1904Note(table: string): Issue {
  return {
    severity: "info",
    table,
    row: null,
    message:
      "The workbook uses the 1904 date system (Excel for Mac's old default): its date numbers were read in that system, and the scorecard's dates are written in it.",
  };
}

/** How a sheet is shown in Excel: hidden sheets are listed by Unhide, very hidden ones are not. */
export type SheetVisibility = "visible" | "hidden" | "veryHidden";

/**
 * The warning for an input read from a hidden sheet: its rows count in the score while the
 * partner cannot see them (often an old copy of the data kept out of the way).
 */
export function hiddenSheetWarning(sheet: string, visibility: "hidden" | "veryHidden"): Issue {
  const how =
    visibility === "hidden"
      ? "unhide it (right-click a sheet tab, Unhide) to check them"
      : "it is very hidden (Excel's Unhide does not list it: set its Visible property in the VBA editor) so check them there";
  return {
    severity: "warning",
    table: sheet,
    row: null,
    message: `Sheet "${sheet}" is hidden in Excel, and its rows were read as an input: ${how}, or delete the sheet if its data is out of date.`,
  };
}

/**
 * The warning for an input with hidden rows (by a filter or by hand): every row counts in the
 * score, seen or not, so a partner who filtered rows out is told they still count.
 * @param count how many data rows are hidden, null when only "some" is known (the task pane)
 * @param firstRow the first hidden row's number, when known
 */
export function hiddenRowsWarning(
  table: string,
  count: number | null,
  firstRow: number | null
): Issue {
  const which =
    count === null
      ? `Some rows of ${table} are hidden`
      : `${count === 1 ? `1 row of ${table} is` : `${count} rows of ${table} are`} hidden${firstRow === null ? "" : ` (first: row ${firstRow})`}`;
  return {
    severity: "warning",
    table,
    row: firstRow,
    message: `${which}, by a filter or by hand, and were read like the others: the score counts every row. To leave rows out, delete them (or copy the visible rows to a sheet of their own); to see them, clear the filter or unhide the rows.`,
  };
}

/** Row errors listed one by one per table before the rest are summarised in one line. */
export const MAX_LISTED_ROW_ERRORS = 500;

/**
 * Collects the issues of one table. Row errors past {@link MAX_LISTED_ROW_ERRORS} are counted,
 * not listed, so a million bad rows stay a readable report; nothing goes uncounted.
 */
export class IssueLog {
  readonly issues: Issue[] = [];
  private rowErrors = 0;
  private firstUnlisted = 0;

  /** @param table the table name every issue carries */
  constructor(readonly table: string) {}

  /** Records a row error. */
  rowError(row: number, message: string): void {
    this.rowErrors++;
    if (this.rowErrors <= MAX_LISTED_ROW_ERRORS)
      this.issues.push({ severity: "error", table: this.table, row, message });
    else if (this.firstUnlisted === 0) this.firstUnlisted = row;
  }

  /** Records a warning or note. */
  add(severity: Severity, row: number | null, message: string): void {
    this.issues.push({ severity, table: this.table, row, message });
  }

  /** The issues, with a summary line for row errors that were not listed. */
  finish(): Issue[] {
    const unlisted = this.rowErrors - MAX_LISTED_ROW_ERRORS;
    if (unlisted > 0) {
      this.issues.push({
        severity: "error",
        table: this.table,
        row: this.firstUnlisted,
        message: `${unlisted} more rows have errors like the ones above (from sheet row ${this.firstUnlisted}); fix those and run again to see them.`,
      });
    }
    return this.issues;
  }
}
