import {
  eligibleFormula,
  FormulaFailure,
  gapFormula,
  trendFormula,
  qualifiedFormula,
  scorecardFormula,
  scoreFormula,
  skillingFormula,
  usageMetricFormula,
} from "../scoring/formulas";

/**
 * The SECURITY.* custom functions. Each is a thin wrapper: cells in, engine, number or table out.
 * The JSDoc of each function is what Excel shows as its help.
 */

/**
 * A track of the designation: the choices Excel offers for a `track` argument.
 * @customenum {string}
 */
export enum Track {
  /** The Enterprise track (the default). */
  Enterprise = "Enterprise",
  /** The SMB track. */
  SMB = "SMB",
}

/**
 * A track, or the best path (the track that qualifies, else the higher total, else Enterprise).
 * @customenum {string}
 */
export enum TrackOrBest {
  /** The best path (the default). */
  Best = "Best",
  /** The Enterprise track. */
  Enterprise = "Enterprise",
  /** The SMB track. */
  SMB = "SMB",
}

/** An Excel error with its message, built from the runtime's `CustomFunctions.Error`. */
function excelError(code: "na" | "value", message: string): CustomFunctions.Error | Error {
  // Excel's runtime always has these; a bare host (a test harness) may not, and must still get a message.
  const codes =
    (typeof CustomFunctions !== "undefined" ? CustomFunctions.ErrorCode : undefined) ??
    ({} as Partial<typeof CustomFunctions.ErrorCode>);
  const errorCode =
    code === "na" ? (codes.notAvailable ?? "#N/A") : (codes.invalidValue ?? "#VALUE!");
  if (typeof CustomFunctions !== "undefined" && typeof CustomFunctions.Error === "function") {
    return new CustomFunctions.Error(errorCode as CustomFunctions.ErrorCode, message);
  }
  return new Error(message);
}

/** Runs a formula and turns failures into Excel errors with a message that says what to fix. */
function excel<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof FormulaFailure) throw excelError(error.code, error.message);
    // Never a JavaScript exception text in a cell.
    throw excelError(
      "value",
      "The score could not be computed from these ranges; check that each range starts with its header row."
    );
  }
}

/**
 * Net customer adds points (0–20) from Azure consumption and/or Microsoft 365 licence ranges.
 * Example: =SECURITY.NETADDS(Azure[#All], M365[#All], "SMB")
 * @customfunction NETADDS
 * @helpurl https://github.com/security-pcs/security-pcs#custom-functions
 * @param usage Azure consumption or Microsoft 365 licences, header row included (recognised by its columns).
 * @param [moreUsage] The other usage range (Azure or Microsoft 365), or a blank cell.
 * @param [track] "Enterprise" (default) or "SMB".
 * @param [asOf] The month to score: a date or "YYYY-MM" text. Default: the latest month in the data.
 * @param [rules] The rules version: "2025" or "2026". Default: the version in force in the as-of month (2026 from 2026-05).
 * @returns Net customer adds points.
 */
export function netAdds(
  usage: any[][],
  moreUsage?: any[][],
  track?: Track,
  asOf?: any,
  rules?: any
): number {
  return excel(() => usageMetricFormula("netCustomerAdds", usage, moreUsage, track, asOf, rules));
}

/**
 * Deployments points (0–20) from Azure consumption and/or Microsoft 365 licence ranges.
 * Example: =SECURITY.DEPLOYMENTS(Azure[#All], M365[#All], "Enterprise", "2025-06")
 * @customfunction DEPLOYMENTS
 * @helpurl https://github.com/security-pcs/security-pcs#custom-functions
 * @param usage Azure consumption or Microsoft 365 licences, header row included (recognised by its columns).
 * @param [moreUsage] The other usage range (Azure or Microsoft 365), or a blank cell.
 * @param [track] "Enterprise" (default) or "SMB".
 * @param [asOf] The month to score: a date or "YYYY-MM" text. Default: the latest month in the data.
 * @param [rules] The rules version: "2025" or "2026". Default: the version in force in the as-of month (2026 from 2026-05).
 * @returns Deployments points.
 */
export function deployments(
  usage: any[][],
  moreUsage?: any[][],
  track?: Track,
  asOf?: any,
  rules?: any
): number {
  return excel(() => usageMetricFormula("deployments", usage, moreUsage, track, asOf, rules));
}

/**
 * Usage growth points (0–20) from Azure consumption and/or Microsoft 365 licence ranges.
 * Example: =SECURITY.USAGEGROWTH(Azure[#All], M365[#All], "SMB")
 * @customfunction USAGEGROWTH
 * @helpurl https://github.com/security-pcs/security-pcs#custom-functions
 * @param usage Azure consumption or Microsoft 365 licences, header row included (recognised by its columns).
 * @param [moreUsage] The other usage range (Azure or Microsoft 365), or a blank cell.
 * @param [track] "Enterprise" (default) or "SMB".
 * @param [asOf] The month to score: a date or "YYYY-MM" text. Default: the latest month in the data.
 * @param [rules] The rules version: "2025" or "2026". Default: the version in force in the as-of month (2026 from 2026-05).
 * @returns Usage growth points.
 */
export function usageGrowth(
  usage: any[][],
  moreUsage?: any[][],
  track?: Track,
  asOf?: any,
  rules?: any
): number {
  return excel(() => usageMetricFormula("usageGrowth", usage, moreUsage, track, asOf, rules));
}

/**
 * Intermediate certifications points (0–40) from a certifications range. Volatile: without an as-of month it scores the month before today, so it recalculates whenever the workbook does and never goes stale.
 * Example: =SECURITY.SKILLING(Certs[#All], "SMB", "2025-06")
 * @customfunction SKILLING
 * @volatile
 * @helpurl https://github.com/security-pcs/security-pcs#custom-functions
 * @param certifications People and certifications, header row included (Person, Certification, Earned, Expires).
 * @param [track] "Enterprise" (default) or "SMB".
 * @param [asOf] The month to score: a date or "YYYY-MM" text. Default: the month before today (certifications carry no month of their own).
 * @param [rules] The rules version: "2025" or "2026". Default: the version in force in the as-of month (2026 from 2026-05).
 * @returns Intermediate certifications points.
 */
export function skilling(certifications: any[][], track?: Track, asOf?: any, rules?: any): number {
  return excel(() => skillingFormula(certifications, track, asOf, rules));
}

/**
 * Total capability score (0–100): the best path's total, or a track's.
 * Example: =SECURITY.SCORE(Azure[#All], M365[#All], Certs[#All])
 * @customfunction SCORE
 * @helpurl https://github.com/security-pcs/security-pcs#custom-functions
 * @param usage Azure consumption or Microsoft 365 licences, header row included, or a blank cell.
 * @param moreUsage The other usage range, or a blank cell.
 * @param certifications People and certifications, header row included, or a blank cell.
 * @param [track] "Best" (default), "Enterprise" or "SMB".
 * @param [asOf] The month to score: a date or "YYYY-MM" text. Default: the latest month in the data.
 * @param [rules] The rules version: "2025" or "2026". Default: the version in force in the as-of month (2026 from 2026-05).
 * @returns Total points.
 */
export function score(
  usage: any[][],
  moreUsage: any[][],
  certifications: any[][],
  track?: TrackOrBest,
  asOf?: any,
  rules?: any
): number {
  return excel(() => scoreFormula(usage, moreUsage, certifications, track, asOf, rules));
}

/**
 * TRUE when the best path qualifies: 70 points or more and at least 1 point in each metric.
 * Example: =SECURITY.QUALIFIED(Azure[#All], M365[#All], Certs[#All])
 * @customfunction QUALIFIED
 * @helpurl https://github.com/security-pcs/security-pcs#custom-functions
 * @param usage Azure consumption or Microsoft 365 licences, header row included, or a blank cell.
 * @param moreUsage The other usage range, or a blank cell.
 * @param certifications People and certifications, header row included, or a blank cell.
 * @param [asOf] The month to score: a date or "YYYY-MM" text. Default: the latest month in the data.
 * @param [rules] The rules version: "2025" or "2026". Default: the version in force in the as-of month (2026 from 2026-05).
 * @returns TRUE or FALSE.
 */
export function qualified(
  usage: any[][],
  moreUsage: any[][],
  certifications: any[][],
  asOf?: any,
  rules?: any
): boolean {
  return excel(() => qualifiedFormula(usage, moreUsage, certifications, asOf, rules));
}

/**
 * The score summary as a spilled table: Metric, Max, Enterprise, SMB; the four metrics, Total and Qualified.
 * Example: =SECURITY.SCORECARD(Azure[#All], M365[#All], Certs[#All])
 * @customfunction SCORECARD
 * @helpurl https://github.com/security-pcs/security-pcs#custom-functions
 * @param usage Azure consumption or Microsoft 365 licences, header row included, or a blank cell.
 * @param moreUsage The other usage range, or a blank cell.
 * @param certifications People and certifications, header row included, or a blank cell.
 * @param [asOf] The month to score: a date or "YYYY-MM" text. Default: the latest month in the data.
 * @param [rules] The rules version: "2025" or "2026". Default: the version in force in the as-of month (2026 from 2026-05).
 * @returns A 7-row, 4-column table.
 */
export function scorecard(
  usage: any[][],
  moreUsage: any[][],
  certifications: any[][],
  asOf?: any,
  rules?: any
): any[][] {
  return excel(() => scorecardFormula(usage, moreUsage, certifications, asOf, rules));
}

/**
 * The canonical eligible product name of an Azure service or Microsoft 365 workload, or FALSE.
 * Example: =SECURITY.ELIGIBLE("Azure Security Center Standard", "2025") returns "Security Center"; =SECURITY.ELIGIBLE("Network Watcher", "2026") returns FALSE.
 * @customfunction ELIGIBLE
 * @helpurl https://github.com/security-pcs/security-pcs#custom-functions
 * @param product A service or workload name as it appears in your data.
 * @param [rules] The rules version: "2025" or "2026". Default: the version in force last month.
 * @returns The eligible name, or FALSE when the product does not count.
 */
export function eligible(product: any, rules?: any): any {
  return excel(() => eligibleFormula(product, rules));
}

/**
 * The score month by month as a spilled table: Month, Enterprise, SMB, Best, Qualified. Positive months: history ending at the as-of month, each month under the rules in force for it. Negative months: the forecast after it, a projection assuming a flat run-rate (every customer's ACR and licences stay as in the as-of month; certifications lapse on their dates).
 * Example: =SECURITY.TREND(Azure[#All], M365[#All], Certs[#All]) gives 12 months; =SECURITY.TREND(Azure[#All], M365[#All], Certs[#All], -6) gives the next 6.
 * @customfunction TREND
 * @helpurl https://github.com/security-pcs/security-pcs#custom-functions
 * @param usage Azure consumption or Microsoft 365 licences, header row included, or a blank cell.
 * @param moreUsage The other usage range, or a blank cell.
 * @param certifications People and certifications, header row included, or a blank cell.
 * @param [months] 1 to 12 months of history (default 12), or -1 to -6 months of forecast.
 * @param [track] Whose qualification the last column shows: "Best" (default), "Enterprise" or "SMB".
 * @param [asOf] The month to score: a date or "YYYY-MM" text. Default: the latest month in the data.
 * @param [rules] The rules version for every month: "2025" or "2026". Default: each month the version in force for it.
 * @returns A table with one row per month.
 */
export function trend(
  usage: any[][],
  moreUsage: any[][],
  certifications: any[][],
  months?: any,
  track?: TrackOrBest,
  asOf?: any,
  rules?: any
): any[][] {
  return excel(() => trendFormula(usage, moreUsage, certifications, months, track, asOf, rules));
}

/**
 * The plan to qualify as a spilled table: Metric, Points, Subject, Needed, Because — the nearest wins first (at most 25), each the points a single change gains (exact, caps included): ACR a customer still needs, licences or active users a workload needs, a person one exam away.
 * Example: =SECURITY.GAP(Azure[#All], M365[#All], Certs[#All], "Enterprise")
 * @customfunction GAP
 * @helpurl https://github.com/security-pcs/security-pcs#custom-functions
 * @param usage Azure consumption or Microsoft 365 licences, header row included, or a blank cell.
 * @param moreUsage The other usage range, or a blank cell.
 * @param certifications People and certifications, header row included, or a blank cell.
 * @param [track] "Best" (default: the best path), "Enterprise" or "SMB".
 * @param [asOf] The month to score: a date or "YYYY-MM" text. Default: the latest month in the data.
 * @param [rules] The rules version: "2025" or "2026". Default: the version in force in the as-of month (2026 from 2026-05).
 * @returns A table with one row per win.
 */
export function gap(
  usage: any[][],
  moreUsage: any[][],
  certifications: any[][],
  track?: TrackOrBest,
  asOf?: any,
  rules?: any
): any[][] {
  return excel(() => gapFormula(usage, moreUsage, certifications, track, asOf, rules));
}
