import { AzureRows } from "./parse-azure";
import { Rules } from "./rules/types";

/**
 * Trailing-twelve-month eligible ACR per tenant at the as-of month `M` and at `M − 12`
 * (scoring-rules §3): rows are grouped by tenant, subscription, month, service and offer; inside a
 * group each association type is summed and the largest sum is kept, so consumption reported
 * under several association types counts once.
 */
export interface AzureTtm {
  /** TTM eligible ACR (micro-dollars) per tenant, window ending at M. */
  now: Float64Array;
  /** TTM eligible ACR (micro-dollars) per tenant, window ending at M − 12. */
  previous: Float64Array;
  /** 1 for tenants with a counted row inside either window. */
  seen: Uint8Array;
}

/**
 * Computes {@link AzureTtm} for every tenant number below `tenantCount`.
 * @param asOf the as-of month index M
 */
export function azureTtm(rows: AzureRows, tenantCount: number, asOf: number, rules: Rules): AzureTtm {
  const ttm = rules.ttmMonths;
  const back = rules.compareMonthsBack;
  const nowFrom = asOf - ttm + 1;
  const prevTo = asOf - back;
  const prevFrom = prevTo - ttm + 1;
  const now = new Float64Array(tenantCount);
  const previous = new Float64Array(tenantCount);
  const seen = new Uint8Array(tenantCount);
  const inWindow = (m: number): boolean => (m >= nowFrom && m <= asOf) || (m >= prevFrom && m <= prevTo);

  // Only tenants reported under more than one association type need grouping; the rest add up directly.
  const typeMask = new Uint8Array(tenantCount);
  for (let i = 0; i < rows.count; i++) {
    const m = rows.month[i] ?? 0;
    if (!inWindow(m)) continue;
    const t = rows.tenant[i] ?? 0;
    typeMask[t] = (typeMask[t] ?? 0) | (1 << (rows.association[i] ?? 0));
  }

  const add = (t: number, m: number, micro: number): void => {
    seen[t] = 1;
    if (m >= nowFrom && m <= asOf) now[t] = (now[t] ?? 0) + micro;
    if (m >= prevFrom && m <= prevTo) previous[t] = (previous[t] ?? 0) + micro;
  };

  const groups = new Map<string, number>();
  const groupTenant: number[] = [];
  const groupMonth: number[] = [];
  const groupSums: number[] = [];
  const groupTypes: number[] = [];
  const typeCount = Math.max(1, rows.associationTypes.length);

  for (let i = 0; i < rows.count; i++) {
    const m = rows.month[i] ?? 0;
    if (!inWindow(m)) continue;
    const t = rows.tenant[i] ?? 0;
    const mask = typeMask[t] ?? 0;
    const micro = rows.acrMicro[i] ?? 0;
    if ((mask & (mask - 1)) === 0) {
      add(t, m, micro);
      continue;
    }
    const key = `${t},${rows.subscription[i]},${m},${rows.service[i]},${rows.offer[i]}`;
    let g = groups.get(key);
    if (g === undefined) {
      g = groupTenant.length;
      groups.set(key, g);
      groupTenant.push(t);
      groupMonth.push(m);
      groupTypes.push(0);
      for (let k = 0; k < typeCount; k++) groupSums.push(0);
    }
    const type = rows.association[i] ?? 0;
    groupSums[g * typeCount + type] = (groupSums[g * typeCount + type] ?? 0) + micro;
    groupTypes[g] = (groupTypes[g] ?? 0) | (1 << type);
  }
  for (let g = 0; g < groupTenant.length; g++) {
    let best = -Infinity;
    const types = groupTypes[g] ?? 0;
    for (let k = 0; k < typeCount; k++) {
      if (types & (1 << k)) best = Math.max(best, groupSums[g * typeCount + k] ?? 0);
    }
    add(groupTenant[g] ?? 0, groupMonth[g] ?? 0, best);
  }
  return { now, previous, seen };
}
