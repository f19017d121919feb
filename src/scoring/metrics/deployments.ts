import { describeBand, inBand } from "../bands";
import { TRACK_LABEL } from "../labels";
import { activeEnough, smbFloor } from "../m365-metrics";
import { formatUsd } from "../money";
import { clampThirds, thirdsOf } from "../points";
import { Rules, Track } from "../rules/types";
import {
  Contribution,
  inUsdBand,
  NONE,
  ONE,
  ONE_STICKY,
  stickyAzure,
  stickyAzureAt,
  stickyM365,
  stickyM365At,
  TenantYear,
  Which,
} from "./facts";
import { Side, SidedMetricModule } from "./types";

/**
 * Deployments (scoring-rules §4.3): deployments now minus a year earlier, 20/6 points each. Azure:
 * TTM eligible ACR in the track's band. Microsoft 365: an eligible workload of the track's size
 * with at least 15% of its paid licences active (judged per workload).
 */
export const deployments: SidedMetricModule = {
  key: "deployments",
  label: "Deployments",

  contribution(t: TenantYear, side: Side, track: Track, which: Which, rules: Rules): Contribution {
    const bands = rules.deployments.azureTtmUsd;
    if (side === "azure") {
      if (inUsdBand(t.ttm[which], bands[track])) return ONE;
      return track === "smb" && which === 0 && stickyAzure(t, bands, rules) ? ONE_STICKY : NONE;
    }
    if (t.m365[which]?.deployment[track]) return ONE;
    if (track !== "smb" || which !== 0 || !stickyM365(t, rules)) return NONE;
    // A tenant kept in SMB deploys with any eligible workload of at least the SMB minimum size.
    const floor = smbFloor(rules);
    return (t.m365[0]?.workloads ?? []).some(
      (w) => inBand(w.paid, floor) && activeEnough(w.paid, w.activePaid, rules)
    )
      ? ONE_STICKY
      : NONE;
  },

  total(y, side, track, which, rules) {
    const f = y.at[which];
    const sticky = track === "smb" && which === 0;
    let sum = 0;
    if (side === "azure") {
      const bands = rules.deployments.azureTtmUsd;
      for (let t = 0; t < y.tenants; t++)
        if (
          (y.azure[t] === 1 && inUsdBand(f.ttm[t], bands[track])) ||
          (sticky && stickyAzureAt(y, t, bands, rules))
        )
          sum += 1;
      return sum;
    }
    const deployed = f.deployment[track];
    const floor = y.at[0].floorDeployment;
    for (let t = 0; t < y.tenants; t++)
      if (deployed[t] === 1 || (sticky && floor[t] === 1 && stickyM365At(y, t, rules))) sum += 1;
    return sum;
  },

  sidePoints(current, previous, _side, _track, rules) {
    return clampThirds(
      Math.floor(
        ((current - previous) * thirdsOf(rules.maxPoints.deployments)) /
          rules.deployments.deploymentsForMax
      ),
      rules.maxPoints.deployments
    );
  },

  shown: (total) => total,

  measure(side, track, rules) {
    const share = rules.deployments.m365ActiveShare;
    return side === "azure"
      ? `Customers with TTM ACR ${describeBand(rules.deployments.azureTtmUsd[track], (n) => formatUsd(n))}`
      : `Customers with a workload of ${describeBand(rules.m365PaidBands[track], String)} paid licences, ${Math.round((100 * share.numerator) / share.denominator)}%+ active`;
  },

  countLabel: (side, track) =>
    `Deployment: ${side === "azure" ? "Azure" : "Microsoft 365"} ${TRACK_LABEL[track]}`,
};
