import { AzureMonthly } from "./aggregate";
import { Rules } from "./rules/types";

/**
 * Trailing-twelve-month eligible ACR per tenant (scoring-rules §3) at the as-of month `M` and at
 * `M − 12`, from the monthly aggregates (where the association dedupe is already done).
 */
export interface AzureTtm {
  /** TTM eligible ACR (micro-dollars) per tenant, window ending at M. */
  now: Float64Array;
  /** TTM eligible ACR (micro-dollars) per tenant, window ending at M − 12. */
  previous: Float64Array;
  /** 1 for tenants with a counted row inside either window. */
  seen: Uint8Array;
}

/** TTM eligible ACR (micro-dollars) of every tenant, window ending at month `m`. */
export function ttmAt(monthly: AzureMonthly, m: number, ttmMonths: number): Float64Array {
  const tenants = monthly.seen.length;
  const out = new Float64Array(tenants);
  const from = Math.max(monthly.from, m - ttmMonths + 1);
  const to = Math.min(monthly.from + monthly.months - 1, m);
  if (from > to) return out;
  const { acr, months } = monthly;
  const a = from - monthly.from;
  const b = to - monthly.from;
  for (let t = 0; t < tenants; t++) {
    if (monthly.seen[t] === 0) continue;
    let sum = 0;
    const base = t * months;
    for (let k = a; k <= b; k++) sum += acr[base + k] as number;
    out[t] = sum;
  }
  return out;
}

/** 1 for tenants with an eligible row in months `from … to`. */
export function presentIn(monthly: AzureMonthly, from: number, to: number): Uint8Array {
  const tenants = monthly.seen.length;
  const out = new Uint8Array(tenants);
  const a = Math.max(0, from - monthly.from);
  const b = Math.min(monthly.months - 1, to - monthly.from);
  for (let t = 0; t < tenants; t++) {
    if (monthly.seen[t] === 0) continue;
    const base = t * monthly.months;
    for (let k = a; k <= b; k++)
      if (monthly.present[base + k] === 1) {
        out[t] = 1;
        break;
      }
  }
  return out;
}

/** {@link AzureTtm} at the as-of month `asOf` (a month index). */
export function azureTtm(monthly: AzureMonthly, asOf: number, rules: Rules): AzureTtm {
  return {
    now: ttmAt(monthly, asOf, rules.ttmMonths),
    previous: ttmAt(monthly, asOf - rules.compareMonthsBack, rules.ttmMonths),
    seen: presentIn(monthly, asOf - rules.compareMonthsBack - rules.ttmMonths + 1, asOf),
  };
}
