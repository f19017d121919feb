import { ScoreResult } from "../scoring";

/** The four metrics in the order Microsoft's page and the scorecard list them. */
export type MetricKey = "netCustomerAdds" | "skilling" | "deployments" | "usageGrowth";

/** A metric's key, the label shown to users, and its maximum. */
export interface MetricInfo {
  key: MetricKey;
  label: string;
  max: (result: ScoreResult) => number;
}

/** Metric rows in scorecard order. */
export const METRICS: readonly MetricInfo[] = [
  {
    key: "netCustomerAdds",
    label: "Net customer adds",
    max: (r) => r.tracks.enterprise.netCustomerAdds.max,
  },
  {
    key: "skilling",
    label: "Intermediate certifications",
    max: (r) => r.tracks.enterprise.skilling.max,
  },
  { key: "deployments", label: "Deployments", max: (r) => r.tracks.enterprise.deployments.max },
  { key: "usageGrowth", label: "Usage growth", max: (r) => r.tracks.enterprise.usageGrowth.max },
];
