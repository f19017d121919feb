import { describeBand } from "../bands";
import { TRACK_LABEL } from "../labels";
import { formatUsd, MICRO_PER_USD } from "../money";
import { clampThirds, thirdsOf } from "../points";
import { Rules, Track } from "../rules/types";
import {
  Contribution,
  NONE,
  ONE,
  ONE_STICKY,
  stickyM365,
  stickyM365At,
  TenantYear,
  Which,
} from "./facts";
import { Side, SidedMetricModule } from "./types";

/**
 * Net customer adds (scoring-rules §4.1): customers eligible now minus a year earlier. Azure: TTM
 * eligible ACR at least $600 (both tracks). Microsoft 365: an eligible workload of the track's
 * size (and, under SMB stickiness, an Enterprise tenant that was SMB a year earlier).
 */
export const netCustomerAdds: SidedMetricModule = {
  key: "netCustomerAdds",
  label: "Net customer adds",

  contribution(t: TenantYear, side: Side, track: Track, which: Which, rules: Rules): Contribution {
    if (side === "azure") {
      const ttm = t.ttm[which];
      return ttm !== undefined && ttm >= rules.netCustomerAdds.azureMinTtmUsd * MICRO_PER_USD
        ? ONE
        : NONE;
    }
    if (t.m365[which]?.band[track]) return ONE;
    return track === "smb" && which === 0 && stickyM365(t, rules) ? ONE_STICKY : NONE;
  },

  total(y, side, track, which, rules) {
    const f = y.at[which];
    let sum = 0;
    if (side === "azure") {
      const min = rules.netCustomerAdds.azureMinTtmUsd * MICRO_PER_USD;
      for (let t = 0; t < y.tenants; t++)
        if (y.azure[t] === 1 && (f.ttm[t] as number) >= min) sum += 1;
      return sum;
    }
    const band = f.band[track];
    const sticky = track === "smb" && which === 0;
    for (let t = 0; t < y.tenants; t++)
      if (band[t] === 1 || (sticky && stickyM365At(y, t, rules))) sum += 1;
    return sum;
  },

  sidePoints(current, previous, _side, track, rules) {
    return clampThirds(
      thirdsOf((current - previous) * rules.netCustomerAdds.pointsPerCustomer[track]),
      rules.maxPoints.netCustomerAdds
    );
  },

  shown: (total) => total,

  measure(side, track, rules) {
    return side === "azure"
      ? `Customers with TTM ACR >= ${formatUsd(rules.netCustomerAdds.azureMinTtmUsd)}`
      : `Customers with an eligible workload of ${describeBand(rules.m365PaidBands[track], String)} paid licences${track === "smb" && rules.smbStickiness ? " (or SMB a year earlier)" : ""}`;
  },

  countLabel: (side, track) =>
    side === "azure" ? "Net adds: Azure" : `Net adds: Microsoft 365 ${TRACK_LABEL[track]}`,
};
