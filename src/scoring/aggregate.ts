import { AZURE_REASONS, AzureClasses, M365_REASONS, M365Classes } from "./classify";
import { GroupSums } from "./group-sums";
import { RowCounts } from "./issues";
import { AzureTable } from "./parse-azure";
import { M365Table } from "./parse-m365";

/**
 * The building blocks of scoring-rules §3 for one rules version, over a span of months: the
 * eligible ACR of every tenant in every month (the same consumption under several association
 * types, or in several tables, counts once: the largest sum), and the paid and active licences of
 * every tenant, workload and month (largest across association types and tables). Every metric,
 * at any month of the span, is computed from these.
 */

/** Months `from … to` (month indexes, inclusive). */
export interface MonthWindow {
  from: number;
  to: number;
}

/** Eligible ACR per tenant and month. */
export interface AzureMonthly {
  from: number;
  months: number;
  /** Micro-dollars at `[tenant * months + (month - from)]`. */
  acr: Float64Array;
  /** 1 where the tenant has an eligible row in the month (same indexing as `acr`). */
  present: Uint8Array;
  /** 1 for tenants with an eligible row in the span. */
  seen: Uint8Array;
}

/** Licences per tenant, workload and month (one entry each, after the dedupe). */
export interface M365Monthly {
  count: number;
  tenant: Int32Array;
  workload: Int16Array;
  month: Int32Array;
  paid: Float64Array;
  active: Float64Array;
}

/** Row outcomes that depend on the rules version: counted and not eligible per reason. */
export interface VersionOutcomes {
  counted: number;
  notEligible: Record<string, number>;
}

/** The largest of the first `count` values (as a one-element list, for spreading). */
function maxOf(values: Int32Array, count: number): [number] {
  let max = 0;
  for (let i = 0; i < count; i++) if ((values[i] as number) > max) max = values[i] as number;
  return [max];
}

function outcomesOf(reasons: readonly string[], tally: Int32Array): VersionOutcomes {
  const notEligible: Record<string, number> = {};
  reasons.forEach((reason, code) => {
    if (code > 0 && (tally[code] ?? 0) > 0) notEligible[reason] = tally[code] ?? 0;
  });
  return { counted: tally[0] ?? 0, notEligible };
}

/** Merges rules-independent counts (parse) with a version's outcomes into one {@link RowCounts}. */
export function rowCounts(parsed: RowCounts, version: VersionOutcomes): RowCounts {
  return { ...parsed, counted: version.counted, notEligible: { ...version.notEligible } };
}

/** Where each tenant's eligible in-span rows come from, and whether from more than one source. */
interface Sources {
  /** The first (table, association type) source seen per tenant, or -1. */
  first: Int32Array;
  /** 1 for tenants whose rows come from two sources or more (they need the dedupe). */
  mixed: Uint8Array;
}

/**
 * Pass 1 over a table: every row's outcome, the rows each tenant loses, and the sources of each
 * tenant's eligible rows in the span.
 */
function markSources(
  table: AzureTable,
  cls: AzureClasses,
  source0: number,
  span: MonthWindow,
  monthly: AzureMonthly,
  sources: Sources,
  excluded: Int32Array
): VersionOutcomes {
  const { count, tenant, month, category } = table.rows;
  const { from, to } = span;
  const { present, seen, months } = monthly;
  const { first, mixed } = sources;
  const reasonOf = cls.reason;
  const typeOf = cls.type;
  const tally = new Int32Array(AZURE_REASONS.length);
  for (let i = 0; i < count; i++) {
    const cat = category[i] as number;
    const reason = reasonOf[cat] as number;
    tally[reason] = (tally[reason] as number) + 1;
    const t = tenant[i] as number;
    if (reason !== 0) {
      excluded[t] = (excluded[t] as number) + 1;
      continue;
    }
    const m = month[i] as number;
    if (m < from || m > to) continue;
    seen[t] = 1;
    present[t * months + (m - from)] = 1;
    const source = source0 + (typeOf[cat] as number);
    const f = first[t] as number;
    if (f < 0) first[t] = source;
    else if (f !== source) mixed[t] = 1;
  }
  return outcomesOf(AZURE_REASONS, tally);
}

/**
 * Pass 2 over a table: eligible in-span ACR straight into its tenant's month, except for mixed
 * tenants, whose rows go through the dedupe groups.
 */
function addAcr(
  table: AzureTable,
  cls: AzureClasses,
  source0: number,
  serviceCount: number,
  monthly: AzureMonthly,
  mixed: Uint8Array,
  groups: GroupSums
): void {
  const { count, tenant, month, category, subscriptionOf, acrMicro } = table.rows;
  const { acr, from, months } = monthly;
  const to = from + months - 1;
  const reasonOf = cls.reason;
  for (let i = 0; i < count; i++) {
    const cat = category[i] as number;
    if (reasonOf[cat] !== 0) continue;
    const m = month[i] as number;
    if (m < from || m > to) continue;
    const t = tenant[i] as number;
    const micro = acrMicro[i] as number;
    if (mixed[t] === 0) {
      const cell = t * months + (m - from);
      acr[cell] = (acr[cell] as number) + micro;
      continue;
    }
    const serviceSlot = (m - from) * serviceCount + (cls.service[cat] as number);
    const g = groups.group(t, subscriptionOf(i), serviceSlot, cls.offer[cat] as number, t, m, 0);
    groups.add(0, g, source0 + (cls.type[cat] as number), micro);
  }
}

/**
 * Aggregates Azure tables under one rules version: eligible ACR per tenant and month in the
 * span (scoring-rules §3 and §1.2: the largest sum per source where a tenant's consumption comes
 * from several association types or tables), the outcome of every row, and the rows of each
 * tenant that were not counted.
 */
export function aggregateAzure(
  tables: readonly AzureTable[],
  classes: readonly AzureClasses[],
  tenantCount: number,
  typeCount: number,
  serviceCount: number,
  span: MonthWindow,
  excluded: Int32Array
): { monthly: AzureMonthly; outcomes: VersionOutcomes[] } {
  const months = span.to - span.from + 1;
  const monthly: AzureMonthly = {
    from: span.from,
    months,
    acr: new Float64Array(tenantCount * months),
    present: new Uint8Array(tenantCount * months),
    seen: new Uint8Array(tenantCount),
  };
  const types = Math.max(1, typeCount);
  const sources: Sources = {
    first: new Int32Array(tenantCount).fill(-1),
    mixed: new Uint8Array(tenantCount),
  };
  const outcomes: VersionOutcomes[] = [];
  for (let k = 0; k < tables.length; k++)
    outcomes.push(
      markSources(
        tables[k] as AzureTable,
        classes[k] as AzureClasses,
        k * types,
        span,
        monthly,
        sources,
        excluded
      )
    );
  const groups = new GroupSums(tables.length * types, 1, 1024);
  for (let k = 0; k < tables.length; k++)
    addAcr(
      tables[k] as AzureTable,
      classes[k] as AzureClasses,
      k * types,
      serviceCount,
      monthly,
      sources.mixed,
      groups
    );
  // Each dedupe group adds its largest per-source sum to its tenant's month.
  for (let g = 0; g < groups.size; g++) {
    const t = groups.tags[3 * g] as number;
    const cell = t * months + ((groups.tags[3 * g + 1] as number) - span.from);
    monthly.acr[cell] = (monthly.acr[cell] as number) + groups.largest(0, g);
  }
  return { monthly, outcomes };
}

/** The first and last months any of the tables' rows has within the span (first > last: none). */
function monthsWithin(
  tables: readonly M365Table[],
  span: MonthWindow
): { first: number; last: number } {
  let first = span.to + 1;
  let last = span.from - 1;
  for (const table of tables) {
    const { count, month } = table.rows;
    for (let i = 0; i < count; i++) {
      const m = month[i] as number;
      if (m < span.from || m > span.to) continue;
      if (m < first) first = m;
      if (m > last) last = m;
    }
  }
  return { first, last };
}

const PAID = 0;
const ACTIVE = 1;

/**
 * One Microsoft 365 table's eligible in-span rows into their (tenant, workload, month) groups,
 * paid and active per source (months counted from `firstMonth`, the first the tables have in the
 * span); the rows' outcomes are tallied and each tenant's lost rows counted.
 */
function addLicences(
  table: M365Table,
  cls: M365Classes,
  source0: number,
  span: MonthWindow,
  firstMonth: number,
  groups: GroupSums,
  excluded: Int32Array
): VersionOutcomes {
  const { from, to } = span;
  const { count, tenant, month, category, paid, active } = table.rows;
  const tally = new Int32Array(M365_REASONS.length);
  for (let i = 0; i < count; i++) {
    const cat = category[i] as number;
    const reason = cls.reason[cat] as number;
    tally[reason] = (tally[reason] as number) + 1;
    const t = tenant[i] as number;
    if (reason !== 0) {
      excluded[t] = (excluded[t] as number) + 1;
      continue;
    }
    const m = month[i] as number;
    if (m < from || m > to) continue;
    const w = cls.workload[cat] as number;
    const g = groups.group(t, w, m - firstMonth, 0, t, w, m);
    const source = source0 + (cls.type[cat] as number);
    groups.add(PAID, g, source, paid[i] as number);
    groups.add(ACTIVE, g, source, active[i] as number);
  }
  return outcomesOf(M365_REASONS, tally);
}

/** Each (tenant, workload, month) group's largest paid and active licences across sources. */
function licencesByGroup(groups: GroupSums): M365Monthly {
  const n = groups.size;
  const monthly: M365Monthly = {
    count: n,
    tenant: new Int32Array(n),
    workload: new Int16Array(n),
    month: new Int32Array(n),
    paid: new Float64Array(n),
    active: new Float64Array(n),
  };
  for (let e = 0; e < n; e++) {
    monthly.tenant[e] = groups.tags[3 * e] as number;
    monthly.workload[e] = groups.tags[3 * e + 1] as number;
    monthly.month[e] = groups.tags[3 * e + 2] as number;
    monthly.paid[e] = Math.max(0, groups.largest(PAID, e) || 0);
    monthly.active[e] = Math.max(0, groups.largest(ACTIVE, e) || 0);
  }
  return monthly;
}

/**
 * Aggregates Microsoft 365 tables under one rules version: paid and active licences per tenant,
 * eligible workload and month in the span (largest across association types and tables, paid
 * and active each), the outcome of every row, and the rows of each tenant not counted.
 */
export function aggregateM365(
  tables: readonly M365Table[],
  classes: readonly M365Classes[],
  typeCount: number,
  span: MonthWindow,
  excluded: Int32Array
): { monthly: M365Monthly; outcomes: VersionOutcomes[] } {
  const types = Math.max(1, typeCount);
  const sources = tables.length * types;
  const rowsTotal = tables.reduce((n, t) => n + t.rows.count, 0);
  const workloads = classes.reduce(
    (n, c) => Math.max(n, ...Array.from(c.workload, (w) => w + 1)),
    1
  );
  const tenants =
    tables.reduce((n, t) => Math.max(n, ...maxOf(t.rows.tenant, t.rows.count)), 0) + 1;
  // The months the tables have within the span: a dense (tenant, workload, month) index over
  // all of a long span would be mostly empty, and every megabyte of it costs to touch.
  const { first, last } = monthsWithin(tables, span);
  const groups = new GroupSums(sources, 2, Math.min(rowsTotal, 1 << 18), [
    tenants,
    workloads,
    Math.max(1, last - first + 1),
  ]);
  const outcomes = tables.map((table, k) =>
    addLicences(table, classes[k] as M365Classes, k * types, span, first, groups, excluded)
  );
  return { monthly: licencesByGroup(groups), outcomes };
}
