import { deployments } from "./deployments";
import { netCustomerAdds } from "./net-customer-adds";
import { skilling } from "./skilling";
import { SidedMetricModule } from "./types";
import { usageGrowth } from "./usage-growth";

/**
 * The four metrics of the Security solution area, one module each: what a tenant (or person)
 * contributes, the points, and the rule's words. Scoring, explanations and reports read them.
 */

/** The metrics with an Azure and a Microsoft 365 side, in the page's order. */
export const SIDED_METRICS: readonly SidedMetricModule[] = [
  netCustomerAdds,
  deployments,
  usageGrowth,
];

export { deployments, netCustomerAdds, skilling, usageGrowth };
export type { SidedMetricModule, Side } from "./types";
export type { TenantYear, Which, Contribution } from "./facts";
