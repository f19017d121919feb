import { Cell, cellText, describeCell, isBlankText } from "./cells";
import {
  BLANK,
  FILLED,
  FlagColumn,
  INVALID,
  MonthColumn,
  TenantColumn,
  TextColumn,
} from "./column-readers";
import { excelErrorValue } from "./excel-errors";
import { HeaderRow, M365Columns, sharedHeaderWarning, WIDE_UNUSED } from "./headers";
import { emptyCounts, IssueLog } from "./issues";
import { JoinedExports } from "./joined-exports";
import { IdCache, RowReader, UNSET } from "./row-reader";
import {
  errorCellProblem,
  flagProblem,
  monthProblem,
  numberProblem,
  totalRowProblem,
} from "./row-messages";
import { grow, nextCapacity, TableShape } from "./table";
import { SharedRegistries } from "./parse-azure";

/**
 * Reading a Microsoft 365 licence table (scoring-rules §1.2, §1.4, §1.5), long (one row per
 * workload) or wide (Partner Center's Enterprise Mobility report: one column pair per workload,
 * unpivoted here into one row per pair). Rows that are not row errors or duplicate-flagged are
 * kept with a category (workload name and association) that each rules version judges once.
 */

/** A workload name as the table writes it, with what its rows carry (for look-alike warnings). */
export interface WorkloadName {
  name: string;
  rows: number;
  paid: number;
  /** Row numbers of its first rows (bundle rows are listed one by one, up to 20). */
  firstRows: number[];
}

/** Kept rows (one per workload row), column by column. */
export interface M365Rows {
  count: number;
  tenant: Int32Array;
  month: Int32Array;
  category: Int32Array;
  paid: Float64Array;
  active: Float64Array;
}

/** A parsed Microsoft 365 table. */
export interface M365Table extends TableShape {
  kind: "m365";
  rows: M365Rows;
  workloads: WorkloadName[];
  associations: string[];
  /** Per category: its workload and association numbers. */
  categories: { workload: number[]; association: number[] };
  hasAssociation: boolean;
  /** False when a workload has no active-licences column (its active licences count as 0). */
  hasActive: boolean;
  /** Workload pairs per source row in a wide table; 0 for a long table. */
  widePairs: number;
  /** The workload column's header, for messages. */
  workloadLabel: string;
  duplicatesByTenant: number[];
}

const FIRST_ROWS_KEPT = 20;

/** Reads a licence count; returns the count or the problem (labels are only read for messages). */
function licenceCount(
  r: RowReader,
  col: number,
  labels: { label(col: number): string }
): number | string {
  const n = r.number(col);
  if (n >= 0 && Number.isInteger(n)) return n;
  const cell: Cell = r.cell(col);
  const label = labels.label(col);
  if (Number.isNaN(n)) return numberProblem(label, cell, r.mark, "a whole number of licences");
  if (n < 0) return `${label} ${describeCell(cell)} is negative: licence counts must be 0 or more`;
  return `${label} ${describeCell(cell)} is not a whole number: licence counts are whole numbers`;
}

/** An incremental Microsoft 365 parser (see {@link AzureParser} for the pattern). */
export class M365Parser {
  private readonly log: IssueLog;
  private readonly counts = emptyCounts();
  private minMonth = Infinity;
  private maxMonth = -Infinity;
  private capacity: number;
  private count = 0;
  private tenant: Int32Array;
  private month: Int32Array;
  private category: Int32Array;
  private paid: Float64Array;
  private active: Float64Array;
  private readonly months: MonthColumn;
  private readonly tenants: TenantColumn;
  private readonly duplicates: FlagColumn;
  private readonly associationColumn: TextColumn;
  private readonly workloadOf = new IdCache();
  private readonly categoryOf = new Map<number, number>();
  private readonly workloads: WorkloadName[] = [];
  private readonly associations: string[] = [];
  private readonly categories = { workload: [] as number[], association: [] as number[] };
  private readonly duplicatesByTenant: number[] = [];
  private readonly header: HeaderRow;
  private readonly joined: JoinedExports;
  /** Paid and active values of the current row's workload rows (scratch, reused per row). */
  private readonly paidScratch: number[] = [];
  private readonly activeScratch: number[] = [];

  constructor(
    private readonly table: string,
    private readonly layout: string,
    header: HeaderRow,
    private readonly c: M365Columns,
    private readonly shared: SharedRegistries,
    private readonly headerRow: number,
    capacityHint: number
  ) {
    this.header = header;
    this.labels = header.raw.map((_, col) => header.label(col));
    this.log = new IssueLog(table);
    const sharedHeader = sharedHeaderWarning(header, [
      ...[c.month, c.tenant, c.customer, c.workload, c.paid, c.active, c.association, c.duplicate],
      ...c.wide.flatMap((w) => [w.paid, w.active]),
    ]);
    if (sharedHeader !== null) this.log.add("warning", null, sharedHeader);
    this.capacity = Math.max(16, capacityHint * Math.max(1, c.wide.length));
    this.tenant = new Int32Array(this.capacity);
    this.month = new Int32Array(this.capacity);
    this.category = new Int32Array(this.capacity);
    this.paid = new Float64Array(this.capacity);
    this.active = new Float64Array(this.capacity);
    for (const w of c.wide)
      this.workloads.push({ name: w.pair.workload, rows: 0, paid: 0, firstRows: [] });
    this.months = new MonthColumn(c.month);
    this.tenants = new TenantColumn(c.tenant, shared.tenants);
    this.duplicates = new FlagColumn(c.duplicate);
    this.associationColumn = new TextColumn(c.association, this.associations);
    this.joined = new JoinedExports(header, [c.month, c.tenant]);
  }

  /** Header labels by column, for messages (read once, not per row). */
  private readonly labels: string[];

  /** The header of a column, as written. */
  label(col: number): string {
    return this.labels[col] ?? "";
  }

  /** Reads one data (source) row. */
  row(r: RowReader, rowNumber: number): void {
    const c = this.c;
    this.counts.dataRows++;
    const month = this.months.read(r);
    let tenant = this.tenants.read(r);
    const wide = c.wide.length > 0;
    const workload = wide ? 0 : this.workloadAt(r);
    const paidBlank = wide ? false : r.blankNumeric(c.paid);
    if ((month === BLANK || tenant === BLANK || workload === BLANK || paidBlank) && r.isEmpty()) {
      this.counts.empty++;
      return;
    }
    const problems = this.readCounts(r, paidBlank);
    const duplicate = this.duplicates.read(r);
    if (
      month < 0 ||
      tenant === BLANK ||
      tenant === INVALID ||
      workload === BLANK ||
      workload === INVALID ||
      duplicate < 0 ||
      problems !== null
    ) {
      this.rowError(r, rowNumber, month, tenant, workload, duplicate, problems);
      return;
    }
    // The association is read (and its text kept) only for rows that count; a duplicate-flagged
    // row's is only checked for an error value, which makes any row a row error.
    const association =
      duplicate !== 1
        ? this.associationColumn.read(r)
        : this.associationColumn.errorProblem(r, this.label(c.association)) === null
          ? 0
          : INVALID;
    if (association === INVALID) {
      this.rowError(r, rowNumber, month, tenant, workload, duplicate, problems);
      return;
    }
    if (tenant === FILLED) tenant = this.tenants.number(r);
    if (month < this.minMonth) this.minMonth = month;
    if (month > this.maxMonth) this.maxMonth = month;
    if (c.customer >= 0 && this.shared.tenants.names[tenant] === "") {
      const name = r.cell(c.customer);
      // A failed formula is no name: a later row of the tenant may give it.
      if (!isBlankText(name) && excelErrorValue(name) === null)
        this.shared.tenants.nameTenant(tenant, cellText(name));
    }
    const workloadRows = wide ? c.wide.length : 1;
    if (duplicate === 1) {
      this.counts.duplicate += workloadRows;
      this.duplicatesByTenant[tenant] = (this.duplicatesByTenant[tenant] ?? 0) + workloadRows;
      return;
    }
    for (let k = 0; k < workloadRows; k++) {
      const w = wide ? k : workload;
      const paid = this.paidScratch[k] as number;
      const info = this.workloads[w] as WorkloadName;
      info.rows++;
      info.paid += paid;
      if (info.firstRows.length < FIRST_ROWS_KEPT) info.firstRows.push(rowNumber);
      const i = this.count++;
      if (i === this.capacity) this.growColumns();
      this.tenant[i] = tenant;
      this.month[i] = month;
      this.category[i] = this.categoryOf_(w, association);
      this.paid[i] = paid;
      this.active[i] = this.activeScratch[k] as number;
    }
  }

  private rowError(
    r: RowReader,
    rowNumber: number,
    month: number,
    tenant: number,
    workload: number,
    duplicate: number,
    countProblems: string[] | null
  ): void {
    const c = this.c;
    const problems: string[] = [];
    if (month === BLANK)
      problems.push(`${this.label(c.month)} is blank: enter the licence month (e.g. 2025-06)`);
    else if (month < 0) problems.push(monthProblem(this.label(c.month), r.cell(c.month)));
    if (tenant === BLANK)
      problems.push(`${this.label(c.tenant)} is blank: enter the customer's tenant id`);
    if (workload === BLANK)
      problems.push(`${this.label(c.workload)} is blank: enter the workload name`);
    // Cells holding an Excel error value, each named (null where the cell holds none).
    const errorCells = [
      errorCellProblem(this.label(c.tenant), r.cell(c.tenant)),
      c.workload < 0 ? null : errorCellProblem(this.label(c.workload), r.cell(c.workload)),
      this.associationColumn.errorProblem(r, this.label(c.association)),
    ];
    for (const problem of errorCells) if (problem) problems.push(problem);
    if (countProblems) problems.push(...countProblems);
    if (duplicate < 0) problems.push(flagProblem(this.label(c.duplicate), r.cell(c.duplicate)));
    this.counts.errors++;
    const total = tenant === BLANK && workload === BLANK && countProblems === null;
    this.log.rowError(rowNumber, `${problems.join("; ")}.${this.rowKind(r, rowNumber, total)}`);
  }

  /**
   * What a row error's row looks like, when that explains it (a second export's header row, a
   * total row: licences without tenant or workload), as a sentence after its problems; else "".
   */
  private rowKind(r: RowReader, rowNumber: number, total: boolean): string {
    if (this.joined.repeatsHeader(r)) return ` ${this.joined.repeated(rowNumber, this.count)}`;
    const c = this.c;
    return total
      ? ` ${totalRowProblem(this.label(c.paid), this.label(c.tenant), this.label(c.workload))}`
      : "";
  }

  /** Reads one licence count into a scratch array; returns the problem, or null. */
  private readCount(r: RowReader, col: number, k: number, into: number[]): string | null {
    into[k] = 0;
    if (col < 0 || r.blankNumeric(col)) return null;
    const value = licenceCount(r, col, this);
    if (typeof value === "string") return value;
    into[k] = value;
    return null;
  }

  /**
   * Reads the paid and active counts of the row's workload rows into the scratch arrays;
   * returns the problems found, or null.
   */
  private readCounts(r: RowReader, paidBlank: boolean): string[] | null {
    const c = this.c;
    let problems: string[] | null = null;
    const paid = this.paidScratch;
    const active = this.activeScratch;
    if (c.wide.length > 0) {
      for (let k = 0; k < c.wide.length; k++) {
        const w = c.wide[k] as M365Columns["wide"][number];
        const p = this.readCount(r, w.paid, k, paid);
        if (p !== null) (problems ??= []).push(p);
        const a = this.readCount(r, w.active, k, active);
        if (a !== null) (problems ??= []).push(a);
      }
      return problems;
    }
    let p: string | null;
    if (paidBlank) {
      paid[0] = 0;
      p = `${this.label(c.paid)} is blank: enter the paid licences (0 if none)`;
    } else p = this.readCount(r, c.paid, 0, paid);
    if (p !== null) (problems ??= []).push(p);
    const a = this.readCount(r, c.active, 0, active);
    if (a !== null) (problems ??= []).push(a);
    return problems;
  }

  private workloadAt(r: RowReader): number {
    const id = r.id(this.c.workload);
    let workload = this.workloadOf.get(id);
    if (workload === UNSET) {
      const cell = r.cell(this.c.workload);
      workload = isBlankText(cell)
        ? BLANK
        : excelErrorValue(cell) !== null
          ? INVALID
          : this.workloads.push({ name: cellText(cell), rows: 0, paid: 0, firstRows: [] }) - 1;
      this.workloadOf.set(id, workload);
    }
    return workload;
  }

  private categoryOf_(workload: number, association: number): number {
    const key = workload * 0x100000 + association;
    let category = this.categoryOf.get(key);
    if (category === undefined) {
      category = this.categories.workload.length;
      this.categories.workload.push(workload);
      this.categories.association.push(association);
      this.categoryOf.set(key, category);
    }
    return category;
  }

  private growColumns(): void {
    this.capacity = nextCapacity(this.capacity);
    this.tenant = grow(this.tenant, this.capacity);
    this.month = grow(this.month, this.capacity);
    this.category = grow(this.category, this.capacity);
    this.paid = grow(this.paid, this.capacity);
    this.active = grow(this.active, this.capacity);
  }

  /** The parsed table. */
  finish(): M365Table {
    const c = this.c;
    const monthLabel = this.labels[c.month] ?? "Month";
    for (const warning of [
      this.months.dayFirstWarning(monthLabel),
      this.months.yearMonthWarning(monthLabel),
    ])
      if (warning !== null) this.log.add("warning", null, warning);
    const joined = this.joined.warning(
      this.count,
      () => [this.tenant, this.month, this.category, this.paid, this.active],
      {
        fields: "tenant, month, workload, association, paid and active licences",
        counted: "where they are eligible, their licences count",
        separate: "two sheets, or two files: --m365 first.csv --m365 second.csv",
      }
    );
    if (joined !== null) this.log.add("warning", null, joined);
    const wide = c.wide.length > 0;
    const hasActive = wide ? c.wide.every((w) => w.active >= 0) : c.active >= 0;
    if (wide) {
      this.log.add(
        "info",
        null,
        `Wide licence table: each row is read as one row per workload pair (${c.wide.map((w) => w.pair.prefix).join(", ")}); the SKU-level PaidAvailableUnits and MonthlyActiveUsers columns are not used.`
      );
      const unused = WIDE_UNUSED.filter((h) => this.header.find([h]) >= 0);
      if (unused.length > 0)
        this.log.add(
          "info",
          null,
          `${unused.join(" and ")} ${unused.length === 1 ? "has" : "have"} no paid-licence count, so ${unused.length === 1 ? "it is" : "they are"} not used.`
        );
    }
    if (!hasActive) {
      const which = wide
        ? c.wide
            .filter((w) => w.active < 0)
            .map((w) => w.pair.prefix)
            .join(", ")
        : "";
      this.log.add(
        "warning",
        null,
        wide
          ? `No active-licences column for ${which}: its active licences count as 0, so its Microsoft 365 deployments and usage growth score 0. Add the ${which}MonthlyActiveUsers column.`
          : "No active-licences column: active licences count as 0, so Microsoft 365 deployments and usage growth score 0. Add a column such as MonthlyActiveUsers."
      );
    }
    if (c.association < 0)
      this.log.add(
        "info",
        null,
        "No association column: every row is taken as eligibly associated (one association type)."
      );
    return {
      kind: "m365",
      table: this.table,
      layout: this.layout,
      headerRow: this.headerRow,
      counts: this.counts,
      issues: this.log.finish(),
      months: { min: this.minMonth, max: this.maxMonth },
      rowCount: this.counts.dataRows,
      rows: {
        count: this.count,
        tenant: this.tenant,
        month: this.month,
        category: this.category,
        paid: this.paid,
        active: this.active,
      },
      workloads: this.workloads,
      associations: this.associations,
      categories: this.categories,
      hasAssociation: c.association >= 0,
      hasActive,
      widePairs: c.wide.length,
      workloadLabel: wide ? "Workload pair" : this.label(c.workload),
      duplicatesByTenant: this.duplicatesByTenant,
    };
  }
}
