/**
 * The shape of a rules version. Everything the metrics need to know about Microsoft's page lives
 * in a value of this type, so a new rules version is a new data file, not new metric code.
 */

/** The two scoring paths Microsoft evaluates for the Security solution area. */
export type Track = "enterprise" | "smb";

/** Both tracks, in the order reports show them. */
export const TRACKS: readonly Track[] = ["enterprise", "smb"];

/** Per-track numbers. */
export interface PerTrack<T> {
  enterprise: T;
  smb: T;
}

/** An eligible product with the names it appears under in exports (normalised, see §2). */
export interface CatalogueEntry {
  canonical: string;
  /** Normalised aliases; a trailing `*` matches any name that starts with the text before it. */
  aliases: readonly string[];
}

/** A certification that counts in the skilling metric. */
export interface CertificationRule {
  step: 1 | 2 | 3;
  exam: string;
  /** The certification's own name, as shown to users. */
  title: string;
  /** Normalised names (after removing "microsoft certified " and "microsoft "). */
  names: readonly string[];
  /**
   * Retirement day (ISO `YYYY-MM-DD`). Up to it the certification counts as any other; after it,
   * only if earned on or before it and for {@link validYearsAfterEarned} years after it was earned.
   */
  retired?: string;
  /** Years a retired certification earned before retirement stays valid after it was earned. */
  validYearsAfterEarned?: number;
}

/**
 * A workload that counts only in some plans (2026: "Microsoft Defender for Endpoints (only P2)"):
 * a name of the workload that says an excluded plan is not eligible; a name that says no plan
 * counts as the assumed plan, with a note.
 */
export interface PlanRestriction {
  /** The canonical workload it restricts. */
  workload: string;
  /** Normalised words that name an excluded plan (matched as whole words), e.g. "p1", "plan 1". */
  excluded: readonly string[];
  /** Normalised words that name any plan, so that a name without them is taken as `assumed`. */
  plans: readonly string[];
  /** The plan a name without one is taken to be. */
  assumed: string;
  /** The not-eligible reason shown for an excluded plan. */
  reason: string;
}

/** An eligible association type and the normalised prefixes that name it. */
export interface AssociationType {
  type: string;
  prefixes: readonly string[];
}

/** An inclusive-or-exclusive numeric band: `min <= x` or `min < x`, and `x <= max` or `x < max`. */
export interface Band {
  min?: number;
  minInclusive?: boolean;
  max?: number;
  maxInclusive?: boolean;
}

/** A rules version (see `2025.ts`, `2026.ts`). */
export interface Rules {
  id: string;
  title: string;
  sourceUrl: string;
  /** The first as-of month (`YYYY-MM`) the version is in force for (scoring-rules §9). */
  inForceFrom: string;
  /** Months in a trailing-twelve-month window. */
  ttmMonths: number;
  /** How many months back the "previous" snapshot is taken. */
  compareMonthsBack: number;
  qualification: { minTotal: number; minPerMetric: number };
  maxPoints: {
    netCustomerAdds: number;
    skilling: number;
    deployments: number;
    usageGrowth: number;
  };
  netCustomerAdds: {
    /** Points per net new customer. */
    pointsPerCustomer: PerTrack<number>;
    /** Azure tenant counts when its TTM eligible ACR (USD) reaches this. */
    azureMinTtmUsd: number;
  };
  /** Microsoft 365 tenant size bands by paid licences on one eligible workload. */
  m365PaidBands: PerTrack<Band>;
  deployments: {
    /** Deployments that give the metric maximum (points per deployment = max / this). */
    deploymentsForMax: number;
    /** Azure TTM ACR (USD) band of a deployment per track. */
    azureTtmUsd: PerTrack<Band>;
    /** Minimum share of paid licences that must be active, as a fraction numerator/denominator. */
    m365ActiveShare: { numerator: number; denominator: number };
  };
  usageGrowth: {
    /** Azure TTM ACR (USD) band of a tenant whose ACR counts as Security ACR. */
    azureTtmUsd: PerTrack<Band>;
    /** USD of Security ACR growth per point. */
    azureUsdPerPoint: PerTrack<number>;
    /** Protected users (active paid licences) of growth per point. */
    m365UsersPerPoint: PerTrack<number>;
  };
  skilling: {
    /** Enterprise: people needed in step 1 and step 2 before step 3 earns points. */
    enterpriseGate: { step1: number; step2: number };
    /** Enterprise: step-3 people that give the maximum (points per person = max / this). */
    enterpriseStep3ForMax: number;
    /** SMB: points for having at least one step-1 person, one step-2 person; per step-3 person. */
    smbStep1Points: number;
    smbStep2Points: number;
    smbStep3PointsPerPerson: number;
  };
  /**
   * SMB stickiness (scoring-rules §8.4): at the as-of month, a tenant that was SMB a year earlier
   * and is Enterprise now still counts in SMB.
   */
  smbStickiness: boolean;
  azureServices: readonly CatalogueEntry[];
  m365Workloads: readonly CatalogueEntry[];
  /** Workloads that count only in some plans. */
  m365PlanRestrictions: readonly PlanRestriction[];
  /** Licence bundles that are not workloads (normalised aliases). */
  m365Bundles: readonly string[];
  /** Offer words that make an Azure row ineligible (normalised, matched as whole words). */
  excludedOfferWords: readonly string[];
  /**
   * Eligible association types: a cell counts as a type when its header-style normalised text
   * (lower-case ASCII letters and digits only) starts with one of the type's prefixes, so Partner
   * Center's "Partner Admin Link (PAL)" is PAL and "Partner of record" is none.
   */
  azureAssociations: readonly AssociationType[];
  m365Associations: readonly AssociationType[];
  /** Words in an unmatched product name that suggest a renamed eligible product. */
  suspiciousWords: readonly string[];
  certifications: readonly CertificationRule[];
  /** The decisions this version takes where Microsoft's page is silent (shown in notes). */
  decisions: readonly string[];
  /** Caveats shown to users with every scorecard. */
  limits: readonly string[];
}
