import { describeBand } from "../bands";
import { TRACK_LABEL } from "../labels";
import { formatUsd, fromMicro, MICRO_PER_USD } from "../money";
import { clampThirds, thirdsOf } from "../points";
import { Rules, Track } from "../rules/types";
import {
  amount,
  Contribution,
  inUsdBand,
  NONE,
  stickyAzure,
  stickyAzureAt,
  stickyM365,
  stickyM365At,
  TenantYear,
  Which,
} from "./facts";
import { Side, SidedMetricModule } from "./types";

/**
 * Usage growth (scoring-rules §4.4): growth of a total from a year earlier, one point per step.
 * Azure: Security ACR, the TTM totals of tenants in the track's band (summed in micro-dollars).
 * Microsoft 365: protected users, the active paid licences of every eligible workload of tenants
 * of the track's size.
 */
export const usageGrowth: SidedMetricModule = {
  key: "usageGrowth",
  label: "Usage growth",

  contribution(t: TenantYear, side: Side, track: Track, which: Which, rules: Rules): Contribution {
    if (side === "azure") {
      const bands = rules.usageGrowth.azureTtmUsd;
      const ttm = t.ttm[which] ?? 0;
      if (inUsdBand(t.ttm[which], bands[track])) return amount(ttm);
      return track === "smb" && which === 0 && stickyAzure(t, bands, rules)
        ? amount(ttm, true)
        : NONE;
    }
    const m = t.m365[which];
    if (!m) return NONE;
    if (m.band[track]) return amount(m.activePaidTotal);
    return track === "smb" && which === 0 && stickyM365(t, rules)
      ? amount(m.activePaidTotal, true)
      : NONE;
  },

  total(y, side, track, which, rules) {
    const f = y.at[which];
    const sticky = track === "smb" && which === 0;
    let sum = 0;
    if (side === "azure") {
      const bands = rules.usageGrowth.azureTtmUsd;
      for (let t = 0; t < y.tenants; t++) {
        if (y.azure[t] !== 1) continue;
        const ttm = f.ttm[t] as number;
        if (inUsdBand(ttm, bands[track]) || (sticky && stickyAzureAt(y, t, bands, rules)))
          sum += ttm;
      }
      return sum;
    }
    const band = f.band[track];
    for (let t = 0; t < y.tenants; t++) {
      if (f.m365[t] !== 1) continue;
      if (band[t] === 1 || (sticky && stickyM365At(y, t, rules)))
        sum += f.activePaidTotal[t] as number;
    }
    return sum;
  },

  sidePoints(current, previous, side, track, rules) {
    const step =
      side === "azure"
        ? rules.usageGrowth.azureUsdPerPoint[track] * MICRO_PER_USD
        : rules.usageGrowth.m365UsersPerPoint[track];
    return clampThirds(
      thirdsOf(Math.floor((current - previous) / step)),
      rules.maxPoints.usageGrowth
    );
  },

  shown: (total, side) => (side === "azure" ? fromMicro(total) : total),

  measure(side, track, rules) {
    return side === "azure"
      ? `Security ACR (TTM of customers ${describeBand(rules.usageGrowth.azureTtmUsd[track], (n) => formatUsd(n))}), 1 point per ${formatUsd(rules.usageGrowth.azureUsdPerPoint[track])}`
      : `Protected users (active paid licences of customers of ${describeBand(rules.m365PaidBands[track], String)}), 1 point per ${rules.usageGrowth.m365UsersPerPoint[track]}`;
  },

  countLabel: (side, track) =>
    `Usage: ${side === "azure" ? "Azure" : "Microsoft 365"} ${TRACK_LABEL[track]}`,
};
