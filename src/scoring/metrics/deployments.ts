import { describeBand, inBand } from "../bands";
import { TRACK_LABEL } from "../labels";
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
  stickyM365,
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
    const smb = rules.m365PaidBands.smb;
    const floor = { ...smb, max: undefined };
    const share = rules.deployments.m365ActiveShare;
    return (t.m365[0]?.workloads ?? []).some(
      (w) => inBand(w.paid, floor) && w.activePaid * share.denominator >= w.paid * share.numerator
    )
      ? ONE_STICKY
      : NONE;
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
