import { cellText, isBlankText } from "./cells";
import { GroupTable } from "./group-table";
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
export function azureTtm(
  rows: AzureRows,
  tenantCount: number,
  asOf: number,
  rules: Rules
): AzureTtm {
  const ttm = rules.ttmMonths;
  const back = rules.compareMonthsBack;
  const nowFrom = asOf - ttm + 1;
  const prevTo = asOf - back;
  const prevFrom = prevTo - ttm + 1;
  const now = new Float64Array(tenantCount);
  const previous = new Float64Array(tenantCount);
  const seen = new Uint8Array(tenantCount);
  // Locals, not property loads, in loops over a million rows.
  const rowMonth = rows.month;
  const rowTenant = rows.tenant;
  const rowType = rows.association;
  const rowAcr = rows.acrMicro;
  const rowService = rows.service;
  const rowOffer = rows.offer;
  const inWindow = (m: number): boolean =>
    (m >= nowFrom && m <= asOf) || (m >= prevFrom && m <= prevTo);

  const add = (t: number, m: number, micro: number): void => {
    seen[t] = 1;
    if (m >= nowFrom && m <= asOf) now[t] = (now[t] ?? 0) + micro;
    if (m >= prevFrom && m <= prevTo) previous[t] = (previous[t] ?? 0) + micro;
  };
  const typeCount = Math.max(1, rows.associationTypes.length);
  if (typeCount === 1) {
    for (let i = 0; i < rows.count; i++) {
      const m = rowMonth[i] ?? 0;
      if (inWindow(m)) add(rowTenant[i] ?? 0, m, rowAcr[i] ?? 0);
    }
    return { now, previous, seen };
  }

  // Pass 1: coarse groups (tenant, month, service, offer) and the association types in each.
  // Where a coarse group has one type, its rows simply add up; only mixed groups need the
  // subscription-level dedupe of pass 2.
  // Tenants seen under one association type need no grouping at all.
  // One pass: association types and in-window rows per tenant. Rows are then bucketed by tenant
  // (a counting sort) so that each tenant's groups are found with small arrays, not a hash map.
  const tenantTypes = new Uint8Array(tenantCount);
  const start = new Int32Array(tenantCount + 1);
  for (let i = 0; i < rows.count; i++) {
    const m = rowMonth[i] ?? 0;
    if (!((m >= nowFrom && m <= asOf) || (m >= prevFrom && m <= prevTo))) continue;
    const t = rowTenant[i] ?? 0;
    tenantTypes[t] = (tenantTypes[t] ?? 0) | (1 << (rowType[i] ?? 0));
    start[t + 1] = (start[t + 1] ?? 0) + 1;
  }
  const mixed = (t: number): boolean => {
    const types = tenantTypes[t] ?? 0;
    return (types & (types - 1)) !== 0;
  };
  for (let t = 0; t < tenantCount; t++) start[t + 1] = (start[t + 1] ?? 0) + (start[t] ?? 0);
  // The scatter copies what grouping needs, so the per-tenant passes below read memory in order.
  const services = rules.azureServices.length;
  const bucketed = start[tenantCount] ?? 0;
  const bRow = new Int32Array(bucketed);
  const bSlot = new Int32Array(bucketed);
  const bType = new Uint8Array(bucketed);
  const bMonth = new Int32Array(bucketed);
  const bAcr = new Float64Array(bucketed);
  const fill = start.slice(0, tenantCount);
  for (let i = 0; i < rows.count; i++) {
    const m = rowMonth[i] ?? 0;
    if (!inWindow(m)) continue;
    const t = rowTenant[i] ?? 0;
    if (!mixed(t)) {
      add(t, m, rowAcr[i] ?? 0);
      continue;
    }
    const k = (fill[t] = (fill[t] ?? 0) + 1) - 1;
    bRow[k] = i;
    bSlot[k] =
      ((m - prevFrom) * services + (rowService[i] ?? 0)) * rows.offerCount + (rowOffer[i] ?? 0);
    bType[k] = rowType[i] ?? 0;
    bMonth[k] = m;
    bAcr[k] = rowAcr[i] ?? 0;
  }

  // Within a tenant, a coarse group is (month, service, offer). Where a coarse group has one
  // association type its rows add up; mixed groups are split by subscription and the largest
  // per-type sum of each counts.
  // Association types per slot, for one tenant at a time: slots are stamped with the tenant's turn
  // so nothing is cleared between tenants; a map stands in when the slot space is too large.
  const slotSpace = (asOf - prevFrom + 1) * services * rows.offerCount;
  const small = slotSpace <= 1 << 22;
  const stamp = new Int32Array(small ? slotSpace : 0);
  const slotTypes = new Uint8Array(small ? slotSpace : 0);
  const slotMap = new Map<number, number>();
  let turn = 0;
  const subscriptionIds = new Map<unknown, number>();
  const subscriptionKeys = new Map<string, number>();
  const subscriptionId = (i: number): number => {
    const cell =
      rows.subscriptionColumn < 0
        ? null
        : rows.cells[rows.sourceRow[i] ?? 0]?.[rows.subscriptionColumn];
    let id = subscriptionIds.get(cell);
    if (id === undefined) {
      const key = isBlankText(cell) ? "" : cellText(cell).toLowerCase();
      id = subscriptionKeys.get(key);
      if (id === undefined) {
        id = subscriptionKeys.size;
        subscriptionKeys.set(key, id);
      }
      subscriptionIds.set(cell, id);
    }
    return id;
  };
  const fine = new GroupTable(1024);
  const inMixedGroup = new Int32Array(rows.count);
  const fineTenant: number[] = [];
  const fineMonth: number[] = [];
  const fineTypes: number[] = [];
  const fineSums: number[] = [];
  for (let t = 0; t < tenantCount; t++) {
    const from = start[t] ?? 0;
    const to = start[t + 1] ?? 0;
    if (from === to || !mixed(t)) continue;
    turn++;
    if (!small) slotMap.clear();
    for (let k = from; k < to; k++) {
      const slot = bSlot[k] ?? 0;
      const bit = 1 << (bType[k] ?? 0);
      if (!small) slotMap.set(slot, (slotMap.get(slot) ?? 0) | bit);
      else if (stamp[slot] !== turn) {
        stamp[slot] = turn;
        slotTypes[slot] = bit;
      } else slotTypes[slot] = (slotTypes[slot] ?? 0) | bit;
    }
    for (let k = from; k < to; k++) {
      const slot = bSlot[k] ?? 0;
      const micro = bAcr[k] ?? 0;
      const m = bMonth[k] ?? 0;
      const types = small ? (slotTypes[slot] ?? 0) : (slotMap.get(slot) ?? 0);
      if ((types & (types - 1)) === 0) {
        add(t, m, micro);
        continue;
      }
      // Mixed: grouped by subscription below, in row order (reading each row's subscription in
      // order is far cheaper than in tenant order).
      inMixedGroup[bRow[k] ?? 0] = slot + 1;
    }
  }
  for (let i = 0; i < rows.count; i++) {
    const slotPlusOne = inMixedGroup[i] ?? 0;
    if (slotPlusOne === 0) continue;
    const slot = slotPlusOne - 1;
    const t = rowTenant[i] ?? 0;
    const g = fine.intern(t, Math.floor(slot / 0x40000000), slot % 0x40000000, subscriptionId(i));
    if (g === fineTenant.length) {
      fineTenant.push(t);
      fineMonth.push(rowMonth[i] ?? 0);
      fineTypes.push(0);
      for (let j = 0; j < typeCount; j++) fineSums.push(0);
    }
    const type = rowType[i] ?? 0;
    fineSums[g * typeCount + type] = (fineSums[g * typeCount + type] ?? 0) + (rowAcr[i] ?? 0);
    fineTypes[g] = (fineTypes[g] ?? 0) | (1 << type);
  }
  for (let g = 0; g < fineTenant.length; g++) {
    let best = -Infinity;
    const types = fineTypes[g] ?? 0;
    for (let k = 0; k < typeCount; k++) {
      if (types & (1 << k)) best = Math.max(best, fineSums[g * typeCount + k] ?? 0);
    }
    add(fineTenant[g] ?? 0, fineMonth[g] ?? 0, best);
  }
  return { now, previous, seen };
}
