import { TenantM365Month } from "../m365-metrics";
import { MICRO_PER_USD } from "../money";
import { TenantYear } from "./facts";

/**
 * Builders of tenant facts for the metric modules' tests (kept beside them; not used by the
 * engine).
 */

/** A tenant's Azure TTM now and a year earlier, in USD (undefined: no Azure rows). */
export function azureYear(now: number | undefined, before: number | undefined): TenantYear {
  const micro = (usd: number | undefined): number | undefined =>
    usd === undefined ? undefined : Math.round(usd * MICRO_PER_USD);
  return { ttm: [micro(now), micro(before)], m365: [undefined, undefined] };
}

/** A tenant's Microsoft 365 month from workloads `[paid, active]` (bands as rules 2025/2026 set them). */
export function m365Month(...workloads: [number, number][]): TenantM365Month {
  const month: TenantM365Month = {
    workloads: [],
    band: { enterprise: false, smb: false },
    deployment: { enterprise: false, smb: false },
    activePaidTotal: 0,
  };
  workloads.forEach(([paid, active], w) => {
    const activePaid = Math.min(paid, active);
    month.workloads.push({ workload: w, paid, active, activePaid });
    month.activePaidTotal += activePaid;
    const track = paid > 300 ? "enterprise" : paid >= 5 ? "smb" : null;
    if (!track) return;
    month.band[track] = true;
    if (activePaid * 100 >= paid * 15) month.deployment[track] = true;
  });
  return month;
}

/** A tenant's Microsoft 365 position now and a year earlier. */
export function m365Year(now?: TenantM365Month, before?: TenantM365Month): TenantYear {
  return { ttm: [undefined, undefined], m365: [now, before] };
}
