import { Track } from "./rules/types";

/** The four metrics' keys in a track's result. */
export type MetricKey = "netCustomerAdds" | "skilling" | "deployments" | "usageGrowth";

/** The four metrics in the order Microsoft's page lists them, with the names users see. */
export const METRICS: readonly { key: MetricKey; label: string }[] = [
  { key: "netCustomerAdds", label: "Net customer adds" },
  { key: "skilling", label: "Intermediate certifications" },
  { key: "deployments", label: "Deployments" },
  { key: "usageGrowth", label: "Usage growth" },
];

/** The tracks' names as users see them. */
export const TRACK_LABEL: Record<Track, string> = { enterprise: "Enterprise", smb: "SMB" };
