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

/** Measures summed per group and source: paid licences, then active (NaN where a source has no row). */
const MEASURES = 2;

/**
 * The eligible in-span rows of the Microsoft 365 tables, bucketed by tenant (a stable counting
 * sort): row `p` of tenant `t`, for `starts[t] <= p < starts[t + 1]`, is row `rows[p]` of table
 * `tables[p]`, in table and row order.
 */
interface TenantBuckets {
  starts: Int32Array;
  tables: Uint16Array;
  rows: Int32Array;
  /** The first and last months of the rows (first > last: none). */
  first: number;
  last: number;
}

/** True when a row of category `cat` in month `m` counts in the span. */
const eligibleIn = (cls: M365Classes, cat: number, m: number, span: MonthWindow): boolean =>
  cls.reason[cat] === 0 && m >= span.from && m <= span.to;

/**
 * Tallies every row's outcome and counts each tenant's lost rows, then buckets the eligible
 * in-span rows by tenant: each tenant's groups are then built from its own rows alone, in a
 * small table that stays in cache, rather than by looking up a (tenant, workload, month) index
 * of millions of mostly empty slots once per row.
 */
function bucketByTenant(
  tables: readonly M365Table[],
  classes: readonly M365Classes[],
  tenants: number,
  span: MonthWindow,
  excluded: Int32Array
): { buckets: TenantBuckets; outcomes: VersionOutcomes[] } {
  const starts = new Int32Array(tenants + 1);
  let first = span.to + 1;
  let last = span.from - 1;
  const outcomes = tables.map((table, k) => {
    const cls = classes[k] as M365Classes;
    const { count, tenant, month, category } = table.rows;
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
      if (m < span.from || m > span.to) continue;
      starts[t + 1] = (starts[t + 1] as number) + 1;
      if (m < first) first = m;
      if (m > last) last = m;
    }
    return outcomesOf(M365_REASONS, tally);
  });
  for (let t = 1; t <= tenants; t++) starts[t] = (starts[t] as number) + (starts[t - 1] as number);
  const total = starts[tenants] as number;
  const next = starts.slice(0, tenants);
  const bucketTables = new Uint16Array(total);
  const bucketRows = new Int32Array(total);
  tables.forEach((table, k) => {
    const cls = classes[k] as M365Classes;
    const { count, tenant, month, category } = table.rows;
    for (let i = 0; i < count; i++) {
      if (!eligibleIn(cls, category[i] as number, month[i] as number, span)) continue;
      const t = tenant[i] as number;
      const p = next[t] as number;
      next[t] = p + 1;
      bucketTables[p] = k;
      bucketRows[p] = i;
    }
  });
  return {
    buckets: { starts, tables: bucketTables, rows: bucketRows, first, last },
    outcomes,
  };
}

/**
 * Each tenant's (workload, month) groups with the largest paid and active licences across
 * sources, tenant by tenant; within a tenant, groups are in the order of their first row.
 */
function licencesByGroup(
  tables: readonly M365Table[],
  classes: readonly M365Classes[],
  types: number,
  workloads: number,
  buckets: TenantBuckets
): M365Monthly {
  const { starts, first } = buckets;
  const tenants = starts.length - 1;
  const months = Math.max(1, buckets.last - first + 1);
  const sources = tables.length * types;
  const total = starts[tenants] as number;
  const tenant = new Int32Array(total);
  const workload = new Int16Array(total);
  const month = new Int32Array(total);
  const paid = new Float64Array(total);
  const active = new Float64Array(total);
  // One tenant's groups: by (workload, month) slot, and their sums; cleared after each tenant.
  const groupOf = new Int32Array(workloads * months).fill(-1);
  let most = 0;
  for (let t = 0; t < tenants; t++)
    most = Math.max(most, (starts[t + 1] as number) - (starts[t] as number));
  const slotOf = new Int32Array(most);
  const sums = new Float64Array(most * sources * MEASURES);
  let n = 0;
  for (let t = 0; t < tenants; t++) {
    let groups = 0;
    for (let p = starts[t] as number, end = starts[t + 1] as number; p < end; p++) {
      const k = buckets.tables[p] as number;
      const i = buckets.rows[p] as number;
      const { rows } = tables[k] as M365Table;
      const cls = classes[k] as M365Classes;
      const cat = rows.category[i] as number;
      const w = cls.workload[cat] as number;
      const slot = w * months + ((rows.month[i] as number) - first);
      let g = groupOf[slot] as number;
      if (g < 0) {
        g = groups++;
        groupOf[slot] = g;
        slotOf[g] = slot;
        sums.fill(NaN, g * sources * MEASURES, (g + 1) * sources * MEASURES);
      }
      const at = (g * sources + k * types + (cls.type[cat] as number)) * MEASURES;
      const before = sums[at] as number;
      const beforeActive = sums[at + 1] as number;
      sums[at] = before === before ? before + (rows.paid[i] as number) : (rows.paid[i] as number);
      sums[at + 1] =
        beforeActive === beforeActive
          ? beforeActive + (rows.active[i] as number)
          : (rows.active[i] as number);
    }
    for (let g = 0; g < groups; g++) {
      const slot = slotOf[g] as number;
      groupOf[slot] = -1;
      tenant[n] = t;
      workload[n] = Math.floor(slot / months);
      month[n] = first + (slot % months);
      paid[n] = Math.max(0, largestOf(sums, g * sources, sources, 0) || 0);
      active[n] = Math.max(0, largestOf(sums, g * sources, sources, 1) || 0);
      n++;
    }
  }
  return {
    count: n,
    tenant: tenant.slice(0, n),
    workload: workload.slice(0, n),
    month: month.slice(0, n),
    paid: paid.slice(0, n),
    active: active.slice(0, n),
  };
}

/** The largest of a group's sums of one measure across its sources (NaN when none has a row). */
function largestOf(sums: Float64Array, at: number, sources: number, measure: number): number {
  let best = NaN;
  for (let s = at; s < at + sources; s++) {
    const v = sums[s * MEASURES + measure] as number;
    if (v === v && !(v <= best)) best = v;
  }
  return best;
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
  const workloads = classes.reduce(
    (n, c) => Math.max(n, ...Array.from(c.workload, (w) => w + 1)),
    1
  );
  const tenants =
    tables.reduce((n, t) => Math.max(n, ...maxOf(t.rows.tenant, t.rows.count)), 0) + 1;
  const { buckets, outcomes } = bucketByTenant(tables, classes, tenants, span, excluded);
  return { monthly: licencesByGroup(tables, classes, types, workloads, buckets), outcomes };
}
