import { AZURE_REASONS, AzureClasses, M365_REASONS, M365Classes } from "./classify";
import { GroupTable } from "./group-table";
import { RowCounts } from "./issues";
import { AzureTable } from "./parse-azure";
import { M365Table } from "./parse-m365";

/**
 * The building blocks of scoring-rules §3 for one rules version, over a window of months: the
 * eligible ACR of every tenant in every month (the same consumption under several association
 * types, or in several tables, counts once: the largest sum), and the paid and active licences of
 * every tenant, workload and month (largest across association types and tables). Every metric,
 * at any month of the window, is computed from these.
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
  /** 1 for tenants with an eligible row in the window. */
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

/**
 * Aggregates Azure tables under one rules version: eligible ACR per tenant and month in the
 * window, the outcome of every row, and the rows of each tenant that were not counted.
 */
export function aggregateAzure(
  tables: readonly AzureTable[],
  classes: readonly AzureClasses[],
  tenantCount: number,
  typeCount: number,
  serviceCount: number,
  window: MonthWindow,
  excluded: Int32Array
): { monthly: AzureMonthly; outcomes: VersionOutcomes[] } {
  const { from, to } = window;
  const months = to - from + 1;
  const acr = new Float64Array(tenantCount * months);
  const present = new Uint8Array(tenantCount * months);
  const seen = new Uint8Array(tenantCount);
  const types = Math.max(1, typeCount);
  // A tenant whose eligible rows all come from one table and association type needs no dedupe;
  // only "mixed" tenants are grouped by subscription, month, service and offer.
  const firstSource = new Int32Array(tenantCount).fill(-1);
  const mixed = new Uint8Array(tenantCount);
  const outcomes: VersionOutcomes[] = [];

  tables.forEach((table, k) => {
    const cls = classes[k] as AzureClasses;
    const { count, tenant, month, category } = table.rows;
    const tally = new Int32Array(AZURE_REASONS.length);
    const reasonOf = cls.reason;
    const typeOf = cls.type;
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
      const source = k * types + (typeOf[cat] as number);
      const first = firstSource[t] as number;
      if (first < 0) firstSource[t] = source;
      else if (first !== source) mixed[t] = 1;
    }
    outcomes.push(outcomesOf(AZURE_REASONS, tally));
  });

  const sources = tables.length * types;
  const groups = new GroupTable(1024);
  const groupTenant: number[] = [];
  const groupMonth: number[] = [];
  // Sums per group and source; NaN where the source has no row in the group.
  const sums: number[] = [];
  tables.forEach((table, k) => {
    const cls = classes[k] as AzureClasses;
    const { count, tenant, month, category, subscriptionOf, acrMicro } = table.rows;
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
      const g = groups.intern(
        t,
        subscriptionOf(i),
        (m - from) * serviceCount + (cls.service[cat] as number),
        cls.offer[cat] as number
      );
      if (g === groupTenant.length) {
        groupTenant.push(t);
        groupMonth.push(m);
        for (let s = 0; s < sources; s++) sums.push(NaN);
      }
      const slot = g * sources + k * types + (cls.type[cat] as number);
      const before = sums[slot] as number;
      sums[slot] = Number.isNaN(before) ? micro : before + micro;
    }
  });
  for (let g = 0; g < groupTenant.length; g++) {
    let best = -Infinity;
    for (let s = 0; s < sources; s++) {
      const v = sums[g * sources + s] as number;
      if (!Number.isNaN(v) && v > best) best = v;
    }
    const t = groupTenant[g] as number;
    const cell = t * months + ((groupMonth[g] as number) - from);
    acr[cell] = (acr[cell] as number) + best;
  }
  return { monthly: { from, months, acr, present, seen }, outcomes };
}

/**
 * Aggregates Microsoft 365 tables under one rules version: paid and active licences per tenant,
 * eligible workload and month in the window (largest across association types and tables, paid
 * and active each), the outcome of every row, and the rows of each tenant not counted.
 */
export function aggregateM365(
  tables: readonly M365Table[],
  classes: readonly M365Classes[],
  typeCount: number,
  window: MonthWindow,
  excluded: Int32Array
): { monthly: M365Monthly; outcomes: VersionOutcomes[] } {
  const { from, to } = window;
  const types = Math.max(1, typeCount);
  const sources = tables.length * types;
  const groups = new GroupTable(1024);
  const entryTenant: number[] = [];
  const entryWorkload: number[] = [];
  const entryMonth: number[] = [];
  const paidSums: number[] = [];
  const activeSums: number[] = [];
  const outcomes: VersionOutcomes[] = [];
  tables.forEach((table, k) => {
    const cls = classes[k] as M365Classes;
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
      const g = groups.intern(t, w, m, 0);
      if (g === entryTenant.length) {
        entryTenant.push(t);
        entryWorkload.push(w);
        entryMonth.push(m);
        for (let s = 0; s < sources; s++) {
          paidSums.push(NaN);
          activeSums.push(NaN);
        }
      }
      const slot = g * sources + k * types + (cls.type[cat] as number);
      const p = paidSums[slot] as number;
      const a = activeSums[slot] as number;
      paidSums[slot] = Number.isNaN(p) ? (paid[i] as number) : p + (paid[i] as number);
      activeSums[slot] = Number.isNaN(a) ? (active[i] as number) : a + (active[i] as number);
    }
    outcomes.push(outcomesOf(M365_REASONS, tally));
  });
  const n = entryTenant.length;
  const monthly: M365Monthly = {
    count: n,
    tenant: Int32Array.from(entryTenant),
    workload: Int16Array.from(entryWorkload),
    month: Int32Array.from(entryMonth),
    paid: new Float64Array(n),
    active: new Float64Array(n),
  };
  for (let e = 0; e < n; e++) {
    let paid = 0;
    let active = 0;
    for (let s = 0; s < sources; s++) {
      const p = paidSums[e * sources + s] as number;
      const a = activeSums[e * sources + s] as number;
      if (!Number.isNaN(p)) paid = Math.max(paid, p);
      if (!Number.isNaN(a)) active = Math.max(active, a);
    }
    monthly.paid[e] = paid;
    monthly.active[e] = active;
  }
  return { monthly, outcomes };
}
