import { cellText, isBlankText, parseDay } from "./cells";
import { formatDay } from "./calendar";
import { CertColumns, HeaderRow, sharedHeaderWarning } from "./headers";
import { emptyCounts, IssueLog } from "./issues";
import { dateProblem, errorCellProblem } from "./row-messages";
import { RowReader } from "./row-reader";
import { SlashDates } from "./slash-dates";
import { TableShape } from "./table";

/**
 * Reading a certifications table (scoring-rules §1.3, §1.4). Which certification a row names is
 * judged per rules version (see `skilling.ts`); the person, dates and training type are read here.
 */

/** One certification row of one person. */
export interface CertRow {
  rowNumber: number;
  /** Trimmed, lower-cased person identity. */
  person: string;
  /** The person as first written. */
  personLabel: string;
  /** First and last name, when the table has them and they are not the identity. */
  personName: string;
  /** The certification text as written. */
  certification: string;
  /** False when a TrainingType column says the row is not a certification (an exam, a course). */
  isCertification: boolean;
  /** The TrainingType text, when there is such a column. */
  trainingType: string | null;
  /** Day number earned, or `null` when not given (earned before any as-of month). */
  earned: number | null;
  /** Day number it expires, or `null` for no expiry. */
  expires: number | null;
}

/** A parsed certification table. */
export interface CertTable extends TableShape {
  kind: "certifications";
  rows: CertRow[];
}

/** An incremental certification parser (see `AzureParser` for the pattern). */
export class CertParser {
  private readonly log: IssueLog;
  private readonly counts = emptyCounts();
  private readonly rows: CertRow[] = [];
  private readonly personLabels = new Map<string, string>();
  /** The slash dates of each date column (earned, expires), to tell day-first ones. */
  private readonly slashDates = new Map<number, SlashDates>();

  constructor(
    private readonly table: string,
    private readonly layout: string,
    private readonly header: HeaderRow,
    private readonly c: CertColumns,
    private readonly headerRow: number
  ) {
    this.log = new IssueLog(table);
    const sharedHeader = sharedHeaderWarning(header, [
      ...c.persons,
      ...[c.first, c.last, c.certification, c.earned, c.expires, c.trainingType],
    ]);
    if (sharedHeader !== null) this.log.add("warning", null, sharedHeader);
  }

  private text(r: RowReader, col: number): string {
    if (col < 0) return "";
    const cell = r.cell(col);
    return isBlankText(cell) ? "" : cellText(cell);
  }

  /** The problem of a cell holding an Excel error value (`#N/A` …), else null. */
  private errorValue(r: RowReader, col: number): string | null {
    return col < 0 ? null : errorCellProblem(this.header.label(col), r.cell(col));
  }

  /**
   * The row's person: the first non-blank person column, else first and last name together; and
   * the columns it was read from.
   */
  private person(r: RowReader): { label: string; cols: number[] } {
    for (const col of this.c.persons) {
      const text = this.text(r, col);
      if (text !== "") return { label: text, cols: [col] };
    }
    const { first, last } = this.c;
    if (first < 0 || last < 0) return { label: "", cols: [] };
    return { label: `${this.text(r, first)} ${this.text(r, last)}`.trim(), cols: [first, last] };
  }

  private personBlankMessage(): string {
    const c = this.c;
    const names = c.persons.map((col) => this.header.label(col));
    if (c.first >= 0 && c.last >= 0)
      names.push(`${this.header.label(c.first)} and ${this.header.label(c.last)}`);
    return `${names.join(", ")} ${names.length === 1 && c.persons.length === 1 ? "is" : "are"} blank: enter who holds the certification`;
  }

  private date(
    r: RowReader,
    col: number,
    monthOnlyMeansLastDay: boolean,
    problems: string[],
    hint: string
  ): number | null {
    if (col < 0) return null;
    const cell = r.cell(col);
    if (isBlankText(cell)) return null;
    let slash = this.slashDates.get(col);
    if (!slash) this.slashDates.set(col, (slash = new SlashDates()));
    slash.note(cell);
    const day = parseDay(cell, monthOnlyMeansLastDay, r.date1904);
    if (Number.isNaN(day)) {
      problems.push(dateProblem(this.header.label(col), cell, hint));
      return null;
    }
    return day;
  }

  /** Rows whose expiry date comes before their earned date: how many, and the first. */
  private readonly expiryFirst = { count: 0, row: 0, earned: 0, expires: 0 };

  private noteExpiryFirst(row: number, earned: number, expires: number): void {
    if (this.expiryFirst.count++ === 0) Object.assign(this.expiryFirst, { row, earned, expires });
  }

  /**
   * The warning when rows expire before they were earned (impossible: the two columns are often
   * swapped), else null. Such a certification reads as expired, as its dates say.
   */
  private expiryFirstWarning(): string | null {
    const { count, row, earned, expires } = this.expiryFirst;
    if (count === 0) return null;
    const [e, x] = [this.header.label(this.c.earned), this.header.label(this.c.expires)];
    const rows =
      count === 1
        ? `Row ${row} expires before it was earned`
        : `${count} rows (first: row ${row}) expire before they were earned`;
    return `${rows} (${x} ${formatDay(expires)}, ${e} ${formatDay(earned)}), which cannot be: if the two columns are swapped, swap their headers back; as the dates stand, ${count === 1 ? "that certification counts" : "those certifications count"} as expired.`;
  }

  /** Reads one data row. */
  row(r: RowReader, rowNumber: number): void {
    const c = this.c;
    this.counts.dataRows++;
    if (r.isEmpty()) {
      this.counts.empty++;
      return;
    }
    const problems: string[] = [];
    const { label: personLabel, cols: personCols } = this.person(r);
    // A failed formula is not a person: the cells the person is read from are checked.
    const personError = personCols
      .map((col) => this.errorValue(r, col))
      .find((problem) => problem !== null);
    if (personError) problems.push(personError);
    else if (personLabel === "") problems.push(this.personBlankMessage());
    const certification = this.text(r, c.certification);
    const certificationError = this.errorValue(r, c.certification);
    if (certificationError) problems.push(certificationError);
    else if (certification === "")
      problems.push(
        `${this.header.label(c.certification)} is blank: enter the certification name or exam code (e.g. SC-200)`
      );
    // The training type decides whether the row is a certification at all.
    const trainingTypeError = this.errorValue(r, c.trainingType);
    if (trainingTypeError) problems.push(trainingTypeError);
    const earned = this.date(
      r,
      c.earned,
      false,
      problems,
      "use YYYY-MM-DD, M/D/YYYY, D.M.YYYY or an Excel date"
    );
    const expires = this.date(
      r,
      c.expires,
      true,
      problems,
      "use YYYY-MM-DD, M/D/YYYY, D.M.YYYY or an Excel date, or leave it blank for no expiry"
    );
    if (problems.length > 0) {
      this.counts.errors++;
      this.log.rowError(rowNumber, problems.join("; ") + ".");
      return;
    }
    if (earned !== null && expires !== null && expires < earned)
      this.noteExpiryFirst(rowNumber, earned, expires);
    const person = personLabel.toLowerCase();
    if (!this.personLabels.has(person)) this.personLabels.set(person, personLabel);
    const trainingType = c.trainingType < 0 ? null : this.text(r, c.trainingType);
    const name =
      c.first >= 0 && c.last >= 0 ? `${this.text(r, c.first)} ${this.text(r, c.last)}`.trim() : "";
    this.rows.push({
      rowNumber,
      person,
      personLabel: this.personLabels.get(person) ?? personLabel,
      personName: name === personLabel ? "" : name,
      certification,
      isCertification: trainingType === null || trainingType.toLowerCase() === "certification",
      trainingType,
      earned,
      expires,
    });
  }

  /** The parsed table. */
  finish(): CertTable {
    const expiryFirst = this.expiryFirstWarning();
    if (expiryFirst !== null) this.log.add("warning", null, expiryFirst);
    for (const [col, slash] of this.slashDates) {
      const warning = slash.warning(this.header.label(col));
      if (warning !== null) this.log.add("warning", null, warning);
    }
    return {
      kind: "certifications",
      table: this.table,
      layout: this.layout,
      headerRow: this.headerRow,
      counts: this.counts,
      issues: this.log.finish(),
      months: { min: Infinity, max: -Infinity },
      rowCount: this.counts.dataRows,
      rows: this.rows,
    };
  }
}
