import { cellText, isBlankText } from "./cells";
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
import { JoinedExports } from "./joined-exports";
import { MixedMarks } from "./mixed-marks";
import { AzureColumns, HeaderRow, sharedHeaderWarning } from "./headers";
import { emptyCounts, IssueLog } from "./issues";
import { toMicro } from "./money";
import { normalizeName } from "./normalize";
import { IdCache, RowReader, UNSET } from "./row-reader";
import {
  amountExample,
  errorCellProblem,
  flagProblem,
  monthProblem,
  numberProblem,
  totalRowProblem,
} from "./row-messages";
import { grow, nextCapacity, TableShape } from "./table";
import { PairInterner, TenantRegistry, TextRegistry } from "./tenants";

/**
 * Reading an Azure consumption table (scoring-rules §1.1, §1.4, §1.5) into rows that do not depend
 * on the rules version: every row that is not a row error or duplicate-flagged is kept with a
 * *category* (its service cells, offer and association), which each rules version then judges
 * once (see `classify.ts`). Row errors and duplicates are counted here.
 */

/** The service cells of rows: what each rules version reads a service from. */
export interface ServiceCombo {
  /** The trimmed text of each service column ("" when blank), in service-column order. */
  values: string[];
  /** True when every service cell is blank (a row error). */
  blank: boolean;
  /** The service column and Excel error value (`#N/A` …) of the first service cell holding one (a row error). */
  errorValue: { col: number; value: string } | null;
  /** Rows with these service cells, their ACR (micro-dollars) and the first one's row number. */
  rows: number;
  acrMicro: number;
  firstRow: number;
}

/** Kept rows, column by column (typed arrays keep ten million rows compact). */
export interface AzureRows {
  count: number;
  tenant: Int32Array;
  month: Int32Array;
  /** Row category: see {@link AzureTable.categories}. */
  category: Int32Array;
  /**
   * The subscription number of row `i` (shared registry; the blank subscription when there is no
   * column). Only the association dedupe needs it, so in-memory tables read it when asked.
   */
  subscriptionOf: (i: number) => number;
  /** ACR in micro-dollars (integers). */
  acrMicro: Float64Array;
}

/** A parsed Azure table. */
export interface AzureTable extends TableShape {
  kind: "azure";
  rows: AzureRows;
  combos: ServiceCombo[];
  /** Offer texts ("" for blank) and their shared normalised-offer numbers. */
  offers: string[];
  offerKeys: number[];
  /** Association texts ("" for blank). */
  associations: string[];
  /** Per category: its service combo, offer and association numbers. */
  categories: { combo: number[]; offer: number[]; association: number[] };
  hasOffer: boolean;
  hasAssociation: boolean;
  /** The service columns' headers, for messages. */
  serviceLabels: string[];
  /** Duplicate-flagged rows per tenant number (excluded whatever the rules). */
  duplicatesByTenant: number[];
}

/** Registries shared by every table of one score. */
export interface SharedRegistries {
  tenants: TenantRegistry;
  subscriptions: TextRegistry;
  offers: TextRegistry;
}

/** An incremental Azure parser: feed it rows with {@link AzureParser.row}, then {@link AzureParser.finish}. */
export class AzureParser {
  private readonly log: IssueLog;
  private readonly counts = emptyCounts();
  private minMonth = Infinity;
  private maxMonth = -Infinity;
  private capacity: number;
  private count = 0;
  private tenant: Int32Array;
  private month: Int32Array;
  private category: Int32Array;
  private subscription: Int32Array;
  private acrMicro: Float64Array;
  private readonly months: MonthColumn;
  private readonly tenants: TenantColumn;
  private readonly duplicates: FlagColumn;
  private readonly offerColumn: TextColumn;
  private readonly associationColumn: TextColumn;
  private readonly comboOf = new IdCache();
  private readonly acrMarks = new MixedMarks();
  private readonly joined: JoinedExports;
  private readonly comboNodes = new PairInterner();
  private readonly combos: ServiceCombo[] = [];
  private readonly offers: string[] = [];
  private readonly offerKeys: number[] = [];
  private readonly associations: string[] = [];
  private readonly categories = {
    combo: [] as number[],
    offer: [] as number[],
    association: [] as number[],
  };
  private readonly duplicatesByTenant: number[] = [];
  private readonly labels: {
    month: string;
    tenant: string;
    acr: string;
    duplicate: string;
    offer: string;
    association: string;
    subscription: string;
    services: string[];
  };

  /**
   * @param table the table's name for messages
   * @param capacityHint expected data rows (the arrays grow past it if needed)
   */
  constructor(
    private readonly table: string,
    private readonly layout: string,
    header: HeaderRow,
    private readonly c: AzureColumns,
    private readonly shared: SharedRegistries,
    private readonly headerRow: number,
    capacityHint: number
  ) {
    this.log = new IssueLog(table);
    const sharedHeader = sharedHeaderWarning(header, [
      ...[c.month, c.tenant, c.customer, c.offer, c.association, c.subscription, c.acr],
      ...[c.duplicate, ...c.services],
    ]);
    if (sharedHeader !== null) this.log.add("warning", null, sharedHeader);
    this.capacity = Math.max(16, capacityHint);
    this.tenant = new Int32Array(this.capacity);
    this.month = new Int32Array(this.capacity);
    this.category = new Int32Array(this.capacity);
    this.subscription = new Int32Array(this.capacity);
    this.acrMicro = new Float64Array(this.capacity);
    this.labels = {
      month: header.label(c.month),
      tenant: header.label(c.tenant),
      acr: header.label(c.acr),
      duplicate: header.label(c.duplicate),
      offer: header.label(c.offer),
      association: header.label(c.association),
      subscription: header.label(c.subscription),
      services: c.services.map((s) => header.label(s)),
    };
    this.months = new MonthColumn(c.month);
    this.tenants = new TenantColumn(c.tenant, shared.tenants);
    this.duplicates = new FlagColumn(c.duplicate);
    this.joined = new JoinedExports(header, [c.month, c.tenant]);
    this.offerColumn = new TextColumn(c.offer, this.offers, (index) =>
      this.offerKeys.push(shared.offers.idOf(this.offers[index] ?? ""))
    );
    if (c.offer < 0) this.offerKeys.push(shared.offers.idOf(""));
    this.associationColumn = new TextColumn(c.association, this.associations);
    if (c.subscription < 0) shared.subscriptions.idOf("");
  }

  /** Reads one data row; `rowNumber` is the row's number in the input's own numbering. */
  row(r: RowReader, rowNumber: number): void {
    const c = this.c;
    this.counts.dataRows++;
    const month = this.months.read(r);
    let tenant = this.tenants.read(r);
    const combo = this.comboAt(r);
    const acrBlank = r.blankNumeric(c.acr);
    const { blank: comboBlank, errorValue: serviceError } = this.combos[combo] as ServiceCombo;
    if ((month === BLANK || tenant === BLANK || comboBlank || acrBlank) && r.isEmpty()) {
      this.counts.empty++;
      return;
    }
    const acr = acrBlank ? NaN : r.number(c.acr);
    // Only an amount with three digits after a separator can read differently with the other mark.
    if (r.threeAfterSeparator(c.acr) && !Number.isNaN(acr))
      this.acrMarks.read(r.cell(c.acr), acr, rowNumber, r.mark);
    const duplicate = this.duplicates.read(r);
    const subscription = c.subscription < 0 ? 0 : this.subscriptionRef(r);
    if (
      subscription === INVALID ||
      month < 0 ||
      tenant === BLANK ||
      tenant === INVALID ||
      comboBlank ||
      serviceError !== null ||
      Number.isNaN(acr) ||
      duplicate < 0
    ) {
      this.rowError(r, rowNumber, { month, tenant, comboBlank, serviceError, acrBlank, duplicate });
      return;
    }
    // The offer and association are read (and their texts kept) only for rows that count; a
    // duplicate-flagged row's are only checked for error values, which make any row a row error.
    const category = duplicate === 1 ? this.duplicateCategory(r) : this.categoryAt(r, combo);
    if (category === INVALID) {
      this.rowError(r, rowNumber, { month, tenant, comboBlank, serviceError, acrBlank, duplicate });
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
    if (duplicate === 1) {
      this.counts.duplicate++;
      this.duplicatesByTenant[tenant] = (this.duplicatesByTenant[tenant] ?? 0) + 1;
      return;
    }
    const micro = toMicro(acr);
    const info = this.combos[combo] as ServiceCombo;
    if (info.rows++ === 0) info.firstRow = rowNumber;
    info.acrMicro += micro;

    const i = this.count++;
    if (i === this.capacity) this.growColumns();
    this.tenant[i] = tenant;
    this.month[i] = month;
    this.category[i] = category;
    this.subscription[i] = subscription;
    this.acrMicro[i] = micro;
  }

  /** The row's service combo: one look-up per service column, one parse per distinct combo. */
  private comboAt(r: RowReader): number {
    const services = this.c.services;
    let node = r.id(services[0] as number);
    for (let k = 1; k < services.length; k++)
      node = this.comboNodes.idOf(node, r.id(services[k] as number));
    let combo = this.comboOf.get(node);
    if (combo === UNSET) {
      combo = this.combos.length;
      const cells = services.map((s) => r.cell(s));
      const values = cells.map((cell) => (isBlankText(cell) ? "" : cellText(cell)));
      const errors = cells.map(excelErrorValue);
      const errorAt = errors.findIndex((value) => value !== null);
      this.combos.push({
        values,
        blank: values.every((v) => v === ""),
        errorValue: errorAt < 0 ? null : { col: errorAt, value: errors[errorAt] ?? "" },
        rows: 0,
        acrMicro: 0,
        firstRow: 0,
      });
      this.comboOf.set(node, combo);
    }
    return combo;
  }

  /** A duplicate-flagged row has no category: 0, or {@link INVALID} for an error value. */
  private duplicateCategory(r: RowReader): number {
    const l = this.labels;
    return this.offerColumn.errorProblem(r, l.offer) === null &&
      this.associationColumn.errorProblem(r, l.association) === null
      ? 0
      : INVALID;
  }

  /** The row's category, or {@link INVALID} when its offer or association is an error value. */
  private categoryAt(r: RowReader, combo: number): number {
    const offer = this.offerColumn.read(r);
    const association = this.associationColumn.read(r);
    if (offer === INVALID || association === INVALID) return INVALID;
    // Categories by combo in small typed tables indexed by (offer, association): no hashing.
    if (offer >= this.offerCap || association >= this.associationCap)
      this.widenCategoryTables(offer, association);
    let table = this.categoryTables[combo];
    if (table === undefined)
      this.categoryTables[combo] = table = new Int32Array(this.offerCap * this.associationCap);
    const slot = offer * this.associationCap + association;
    let category = (table[slot] as number) - 1;
    if (category < 0) {
      category = this.categories.combo.length;
      this.categories.combo.push(combo);
      this.categories.offer.push(offer);
      this.categories.association.push(association);
      table[slot] = category + 1;
    }
    return category;
  }

  private categoryTables: (Int32Array | undefined)[] = [];
  private offerCap = 16;
  private associationCap = 8;

  /** Grows the category tables' (offer, association) space to hold the given numbers. */
  private widenCategoryTables(offer: number, association: number): void {
    let offerCap = this.offerCap;
    let associationCap = this.associationCap;
    while (offer >= offerCap) offerCap *= 2;
    while (association >= associationCap) associationCap *= 2;
    this.categoryTables = this.categoryTables.map((old) => {
      if (!old) return old;
      const grown = new Int32Array(offerCap * associationCap);
      for (let o = 0; o < this.offerCap; o++)
        for (let a = 0; a < this.associationCap; a++)
          grown[o * associationCap + a] = old[o * this.associationCap + a] as number;
      return grown;
    });
    this.offerCap = offerCap;
    this.associationCap = associationCap;
  }

  /** Rows of in-memory tables keep a reference and read their subscription only if needed. */
  private lazySubscriptions: RowReader | null | undefined;
  /**
   * Otherwise (streamed rows) each row keeps its subscription's number in the column (see
   * `RowReader.id`), and each distinct subscription its text here; they join the shared
   * registry only if the association dedupe asks for them.
   */
  private readonly subscriptionTexts: string[] = [];
  /** Numbers of the distinct subscription cells that hold an Excel error value. */
  private readonly subscriptionErrors = new Set<number>();

  /** What a row keeps of its subscription, or {@link INVALID} when it is an Excel error value. */
  private subscriptionRef(r: RowReader): number {
    if (this.lazySubscriptions === undefined) this.lazySubscriptions = r.rowRef() >= 0 ? r : null;
    if (!this.lazySubscriptions) return this.subscriptionAt(r);
    // Only the first character is looked at for almost every cell (see `excelErrorValue`).
    return excelErrorValue(r.cell(this.c.subscription)) === null ? r.rowRef() : INVALID;
  }

  /**
   * Resolves a row's subscription number from what {@link subscriptionRef} stored. Rows read
   * lazily are resolved once and remembered, so every rules version reuses the answer.
   */
  private subscriptionResolver(): (i: number) => number {
    const refs = this.subscription;
    const lazy = this.lazySubscriptions;
    const col = this.c.subscription;
    if (col < 0) return (i) => refs[i] as number;
    const shared = this.shared.subscriptions;
    if (!lazy) {
      const texts = this.subscriptionTexts;
      const byRef = new IdCache();
      return (i) => {
        const ref = refs[i] as number;
        let id = byRef.get(ref);
        if (id === UNSET) {
          id = shared.idOf(texts[ref] ?? "");
          byRef.set(ref, id);
        }
        return id;
      };
    }
    const byCell = new Map<unknown, number>();
    const resolved = new Int32Array(this.count).fill(-1);
    return (i) => {
      const known = resolved[i] as number;
      if (known >= 0) return known;
      const cell = lazy.cellLater(refs[i] as number, col);
      let id = byCell.get(cell);
      if (id === undefined) {
        id = shared.idOf(isBlankText(cell) ? "" : cellText(cell));
        if (typeof cell !== "object" || cell === null) byCell.set(cell, id);
      }
      resolved[i] = id;
      return id;
    };
  }

  /** The row's subscription's number in its column; its text is kept the first time. */
  private subscriptionAt(r: RowReader): number {
    const id = r.id(this.c.subscription);
    if (this.subscriptionTexts[id] === undefined) {
      const cell = r.cell(this.c.subscription);
      this.subscriptionTexts[id] = isBlankText(cell) ? "" : cellText(cell);
      if (excelErrorValue(cell) !== null) this.subscriptionErrors.add(id);
    }
    return this.subscriptionErrors.size > 0 && this.subscriptionErrors.has(id) ? INVALID : id;
  }

  private rowError(
    r: RowReader,
    rowNumber: number,
    found: {
      month: number;
      tenant: number;
      comboBlank: boolean;
      serviceError: { col: number; value: string } | null;
      acrBlank: boolean;
      duplicate: number;
    }
  ): void {
    const c = this.c;
    const l = this.labels;
    const problems: string[] = [];
    if (found.month === BLANK)
      problems.push(`${l.month} is blank: enter the usage month (e.g. 2025-06)`);
    else if (found.month < 0) problems.push(monthProblem(l.month, r.cell(c.month)));
    if (found.tenant === BLANK)
      problems.push(`${l.tenant} is blank: enter the customer's tenant id`);
    const { serviceError } = found;
    // Cells holding an Excel error value, each named (null where the cell holds none).
    const errorCells = [
      errorCellProblem(l.tenant, r.cell(c.tenant)),
      serviceError && errorCellProblem(l.services[serviceError.col] ?? "", serviceError.value),
      this.offerColumn.errorProblem(r, l.offer),
      this.associationColumn.errorProblem(r, l.association),
      c.subscription < 0 ? null : errorCellProblem(l.subscription, r.cell(c.subscription)),
    ];
    for (const problem of errorCells) if (problem) problems.push(problem);
    if (found.comboBlank)
      problems.push(
        l.services.length === 1
          ? `${l.services[0]} is blank: enter the Azure service name`
          : `${l.services.join(", ")} are all blank: enter the Azure service name`
      );
    const acrRead = !found.acrBlank && !Number.isNaN(r.number(c.acr));
    if (found.acrBlank) problems.push(`${l.acr} is blank: enter the ACR in USD (0 if none)`);
    else if (!acrRead) {
      const acr = r.cell(c.acr);
      problems.push(numberProblem(l.acr, acr, r.mark, amountExample(r.mark)));
      this.acrMarks.unread(acr, rowNumber, r.mark);
    }
    if (found.duplicate < 0) problems.push(flagProblem(l.duplicate, r.cell(c.duplicate)));
    this.counts.errors++;
    const total = found.tenant === BLANK && found.comboBlank && acrRead;
    this.log.rowError(rowNumber, `${problems.join("; ")}.${this.rowKind(r, rowNumber, total)}`);
  }

  /**
   * What a row error's row looks like, when that explains it (a second export's header row, a
   * total row: an amount without tenant or service), as a sentence after its problems; else "".
   */
  private rowKind(r: RowReader, rowNumber: number, total: boolean): string {
    if (this.joined.repeatsHeader(r)) return ` ${this.joined.repeated(rowNumber, this.count)}`;
    const l = this.labels;
    return total ? ` ${totalRowProblem(l.acr, l.tenant, l.services.join(" or "))}` : "";
  }

  private growColumns(): void {
    this.capacity = nextCapacity(this.capacity);
    this.tenant = grow(this.tenant, this.capacity);
    this.month = grow(this.month, this.capacity);
    this.category = grow(this.category, this.capacity);
    this.subscription = grow(this.subscription, this.capacity);
    this.acrMicro = grow(this.acrMicro, this.capacity);
  }

  /** The parsed table. */
  finish(): AzureTable {
    const c = this.c;
    for (const warning of [
      this.months.dayFirstWarning(this.labels.month),
      this.months.yearMonthWarning(this.labels.month),
    ])
      if (warning !== null) this.log.add("warning", null, warning);
    const mixedMarks = this.acrMarks.warning(this.labels.acr);
    if (mixedMarks !== null) this.log.add("warning", null, mixedMarks);
    const subscriptionOf = this.subscriptionResolver();
    const joined = this.joined.warning(
      this.count,
      () => [
        this.tenant,
        this.month,
        this.category,
        Int32Array.from({ length: this.count }, (_, i) => subscriptionOf(i)),
        this.acrMicro,
      ],
      {
        fields: "tenant, month, service, offer, association, subscription and ACR",
        counted: "where they are eligible, their ACR counts",
        separate: "two sheets, or two files: --azure first.csv --azure second.csv",
      }
    );
    if (joined !== null) this.log.add("warning", null, joined);
    if (c.offer < 0)
      this.log.add("info", null, "No offer column: every row's offer is taken as eligible.");
    if (c.association < 0)
      this.log.add(
        "info",
        null,
        "No association column: every row is taken as eligibly associated (one association type)."
      );
    return {
      kind: "azure",
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
        subscriptionOf,
        acrMicro: this.acrMicro,
      },
      combos: this.combos,
      offers: this.offers,
      offerKeys: this.offerKeys,
      associations: this.associations,
      categories: this.categories,
      hasOffer: c.offer >= 0,
      hasAssociation: c.association >= 0,
      serviceLabels: this.labels.services,
      duplicatesByTenant: this.duplicatesByTenant,
    };
  }
}

/** The normalised form offers are compared in (scoring-rules §2: "normalised offer"). */
export const offerKey = normalizeName;
