import { Thirds } from "../points";
import { Rules, Track } from "../rules/types";
import { Contribution, TenantYear, Which, YearColumns } from "./facts";

/** The two sides of a metric. */
export type Side = "azure" | "m365";

/**
 * A metric with an Azure and a Microsoft 365 side (net customer adds, deployments, usage growth):
 * what each tenant adds to a side, the side's points, and how the rule reads.
 */
export interface SidedMetricModule {
  key: "netCustomerAdds" | "deployments" | "usageGrowth";
  label: string;
  /** What a tenant adds to a side on a track at `which` (a count of 1, or an amount). */
  contribution(t: TenantYear, side: Side, track: Track, which: Which, rules: Rules): Contribution;
  /**
   * A side's total over every tenant at `which`, from column facts: the same rule as
   * {@link contribution}, summed in tenant order (a property test holds the two equal). Months
   * scored only for their totals use it: no object per tenant.
   */
  total(y: YearColumns, side: Side, track: Track, which: Which, rules: Rules): number;
  /** A side's points (thirds, floored at 0 and capped) from its totals now and a year earlier. */
  sidePoints(current: number, previous: number, side: Side, track: Track, rules: Rules): Thirds;
  /** A side's total as shown (the Azure usage total is summed in micro-dollars, shown in USD). */
  shown(total: number, side: Side): number;
  /** What a side measures, in the rule's words. */
  measure(side: Side, track: Track, rules: Rules): string;
  /** What a tenant counted in a side is called in its explanation, e.g. "Net adds: Azure". */
  countLabel(side: Side, track: Track): string;
}
