import { monthBefore, parseAsOf } from "./as-of";
import { catalogueFor } from "./catalogue";
import { isBlankText } from "./cells";
import { isEmptyRow } from "./row-reader";
import { isInputError } from "./errors";
import { METRICS } from "./labels";
import { rulesFor, RULES_IDS } from "./rules";
import { Track } from "./rules/types";
import { Inputs, TableInput } from "./parse-inputs";
import { ScoreResult, scoreTables } from "./score";
import { FORECAST_MONTHS, HISTORY_MONTHS } from "./outlook";

/**
 * The engine as spreadsheet formulas: argument conversion and the answers of the SECURITY.*
 * custom functions, free of Office so they run in tests. A {@link FormulaFailure} becomes
 * `#VALUE!` (bad input, with the message) or `#N/A` (nothing to score) at the Excel edge.
 */
export class FormulaFailure extends Error {
  /** @param code `value` → #VALUE!, `na` → #N/A */
  constructor(
    readonly code: "value" | "na",
    message: string
  ) {
    super(message);
    this.name = "FormulaFailure";
  }
}

/** A range as a custom function receives it: rows of cells; `null` when the argument is omitted. */
export type RangeArg = readonly (readonly unknown[])[] | null | undefined;

/** A metric with Azure and Microsoft 365 sides. */
export type UsageMetric = "netCustomerAdds" | "deployments" | "usageGrowth";

/**
 * The rows of a range up to its last row with a non-blank cell; null for an omitted argument or an
 * all-blank range. A whole-column reference (`Azure!A:H`) hands the function 1,048,576 rows, nearly
 * all blank: blank rows at the end change no score, and reading them cost ~300 ms a call.
 */
function usedRows(cells: RangeArg): readonly (readonly unknown[])[] | null {
  if (cells === null || cells === undefined) return null;
  if (!Array.isArray(cells)) return isBlankText(cells) ? null : [[cells]];
  let end = cells.length;
  while (end > 0) {
    const row: unknown = cells[end - 1];
    if (Array.isArray(row) ? !isEmptyRow(row) : !isBlankText(row)) break;
    end--;
  }
  if (end === 0) return null;
  return end === cells.length ? cells : cells.slice(0, end);
}

/** Reads a track argument: Enterprise, SMB or Best (any case); blank gives the default. */
export function parseTrack(
  track: unknown,
  fallback: Track | "best",
  allowBest: boolean
): Track | "best" {
  if (track === null || track === undefined || (typeof track === "string" && track.trim() === ""))
    return fallback;
  const t = String(track).trim().toLowerCase();
  if (t === "enterprise") return "enterprise";
  if (t === "smb") return "smb";
  if (t === "best") {
    if (allowBest) return "best";
    throw new FormulaFailure(
      "value",
      `Track "${String(track)}" needs all inputs (usage and certifications): use SECURITY.SCORE for the best path, or give "Enterprise" or "SMB".`
    );
  }
  throw new FormulaFailure(
    "value",
    `Unknown track "${String(track)}": use "Enterprise", "SMB"${allowBest ? ' or "Best"' : ""}.`
  );
}

/** Reads an as-of argument: a date (serial number) or "YYYY-MM" text; blank → default. */
export function parseAsOfArg(asOf: unknown): number | undefined {
  if (asOf === null || asOf === undefined || (typeof asOf === "string" && asOf.trim() === ""))
    return undefined;
  const month = parseAsOf(asOf);
  if (month < 0)
    throw new FormulaFailure(
      "value",
      `As-of ${JSON.stringify(asOf)} is not a month: give a date cell or "YYYY-MM" text, e.g. "2025-06".`
    );
  return month;
}

/** Reads a rules argument: a version id ("2025", "2026", or the number); blank gives the default. */
export function parseRulesArg(rules: unknown): string | null {
  if (rules === null || rules === undefined || (typeof rules === "string" && rules.trim() === ""))
    return null;
  const id = String(rules).trim();
  if (!RULES_IDS.includes(id))
    throw new FormulaFailure(
      "value",
      `Unknown rules version "${id}": use ${RULES_IDS.map((r) => `"${r}"`).join(" or ")}, or leave it out for the version in force in the as-of month.`
    );
  return id;
}

/** Scores the given ranges (without the rules comparison), turning input errors into #VALUE!. */
function score(
  inputs: Inputs,
  asOf: number | undefined,
  rules: unknown,
  outlook = false
): ScoreResult {
  const chosen = parseRulesArg(rules);
  try {
    // Only TREND and GAP need the months around the as-of month and the plan; no function
    // shows the per-customer explanations.
    return scoreTables(inputs, {
      ...(asOf === undefined ? {} : { asOf }),
      rules: chosen,
      comparison: false,
      outlook,
      explain: false,
    });
  } catch (error) {
    if (isInputError(error)) throw new FormulaFailure("value", error.message);
    throw error;
  }
}

function usageInputs(usage: RangeArg, moreUsage: RangeArg): Inputs {
  const tables: TableInput[] = [];
  for (const [range, name] of [
    [usage, "usage"],
    [moreUsage, "moreUsage"],
  ] as const) {
    const cells = usedRows(range);
    if (cells !== null) tables.push({ cells, name });
  }
  return { usage: tables };
}

/** Points of one usage metric (NETADDS, DEPLOYMENTS, USAGEGROWTH). */
export function usageMetricFormula(
  metric: UsageMetric,
  usage: RangeArg,
  moreUsage: RangeArg,
  track: unknown,
  asOf: unknown,
  rules?: unknown
): number {
  const t = parseTrack(track, "enterprise", false) as Track;
  const month = parseAsOfArg(asOf);
  const inputs = usageInputs(usage, moreUsage);
  if ((inputs.usage ?? []).length === 0)
    throw new FormulaFailure(
      "na",
      "Nothing to score: give an Azure or Microsoft 365 range with its header row."
    );
  return score(inputs, month, rules).tracks[t][metric].points;
}

/** Points of the intermediate-certifications metric (SKILLING). */
export function skillingFormula(
  certifications: RangeArg,
  track: unknown,
  asOf: unknown,
  rules?: unknown
): number {
  const t = parseTrack(track, "enterprise", false) as Track;
  const month = parseAsOfArg(asOf);
  const cells = usedRows(certifications);
  if (cells === null)
    throw new FormulaFailure(
      "na",
      "Nothing to score: give the certifications range with its header row."
    );
  return score({ certifications: { cells, name: "certifications" } }, month, rules).tracks[t]
    .skilling.points;
}

function fullScore(
  usage: RangeArg,
  moreUsage: RangeArg,
  certifications: RangeArg,
  asOf: unknown,
  rules: unknown,
  outlook = false
): ScoreResult {
  const month = parseAsOfArg(asOf);
  const inputs = usageInputs(usage, moreUsage);
  const certs = usedRows(certifications);
  if (certs !== null) inputs.certifications = { cells: certs, name: "certifications" };
  if ((inputs.usage ?? []).length === 0 && !inputs.certifications) {
    throw new FormulaFailure(
      "na",
      "Nothing to score: give usage ranges and a certifications range, each with its header row."
    );
  }
  return score(inputs, month, rules, outlook);
}

/** Total points (SCORE): a track's total, or the best path's (default). */
export function scoreFormula(
  usage: RangeArg,
  moreUsage: RangeArg,
  certifications: RangeArg,
  track: unknown,
  asOf: unknown,
  rules?: unknown
): number {
  const t = parseTrack(track, "best", true);
  const result = fullScore(usage, moreUsage, certifications, asOf, rules);
  return t === "best" ? result.total : result.tracks[t].total;
}

/** Whether the best path qualifies (QUALIFIED). */
export function qualifiedFormula(
  usage: RangeArg,
  moreUsage: RangeArg,
  certifications: RangeArg,
  asOf: unknown,
  rules?: unknown
): boolean {
  return fullScore(usage, moreUsage, certifications, asOf, rules).qualified;
}

/** The summary table (SCORECARD): Metric, Max, Enterprise, SMB; the four metrics; Total; Qualified. */
export function scorecardFormula(
  usage: RangeArg,
  moreUsage: RangeArg,
  certifications: RangeArg,
  asOf: unknown,
  rules?: unknown
): (string | number | boolean)[][] {
  const r = fullScore(usage, moreUsage, certifications, asOf, rules);
  return [
    ["Metric", "Max", "Enterprise", "SMB"],
    ...METRICS.map(({ key, label }) => [
      label,
      r.tracks.enterprise[key].max,
      r.tracks.enterprise[key].points,
      r.tracks.smb[key].points,
    ]),
    ["Total", 100, r.tracks.enterprise.total, r.tracks.smb.total],
    ["Qualified", "", r.tracks.enterprise.qualified, r.tracks.smb.qualified],
  ];
}

/**
 * The canonical eligible name of a product (ELIGIBLE), or `false`, under the version named or
 * else the one in force in the month before `today`.
 */
export function eligibleFormula(
  product: unknown,
  rules?: unknown,
  today = new Date()
): string | boolean {
  const chosen = parseRulesArg(rules);
  const version = rulesFor(monthBefore(today), chosen).rules;
  if (isBlankText(product)) return false;
  return catalogueFor(version).canonicalProduct(String(product)) ?? false;
}

/** Reads TREND's months: 1 to 12 months of history, or −1 to −6 months of forecast. */
function parseMonths(months: unknown): number {
  if (
    months === null ||
    months === undefined ||
    (typeof months === "string" && months.trim() === "")
  )
    return HISTORY_MONTHS;
  const n = typeof months === "number" ? months : Number(String(months).trim());
  if (Number.isInteger(n) && n !== 0 && n >= -FORECAST_MONTHS && n <= HISTORY_MONTHS) return n;
  throw new FormulaFailure(
    "value",
    `Months "${String(months)}" must be a whole number from 1 to ${HISTORY_MONTHS} (months of history ending at the as-of month) or from -1 to -${FORECAST_MONTHS} (months of forecast after it).`
  );
}

/**
 * The score month by month (TREND): Month, Enterprise, SMB, Best, Qualified; history ending at
 * the as-of month, or (negative `months`) the forecast after it under a flat run-rate.
 */
export function trendFormula(
  usage: RangeArg,
  moreUsage: RangeArg,
  certifications: RangeArg,
  months: unknown,
  track: unknown,
  asOf: unknown,
  rules?: unknown
): (string | number | boolean)[][] {
  const n = parseMonths(months);
  const t = parseTrack(track, "best", true);
  const r = fullScore(usage, moreUsage, certifications, asOf, rules, true);
  const rows = n > 0 ? r.history.slice(-n) : r.forecast.slice(0, -n);
  return [
    ["Month", "Enterprise", "SMB", "Best", "Qualified"],
    ...rows.map((m) => [
      m.asOf,
      m.tracks.enterprise.total,
      m.tracks.smb.total,
      m.total,
      t === "best" ? m.qualified : m.tracks[t].qualified,
    ]),
  ];
}

/** The plan to qualify (GAP): Metric, Points, Subject, Needed, Because; the nearest wins first. */
export function gapFormula(
  usage: RangeArg,
  moreUsage: RangeArg,
  certifications: RangeArg,
  track: unknown,
  asOf: unknown,
  rules?: unknown
): (string | number)[][] {
  const r = fullScore(usage, moreUsage, certifications, asOf, rules, true);
  const chosen = parseTrack(track, "best", true);
  const t = chosen === "best" ? r.bestTrack : chosen;
  const plan = r.plan[t];
  const header = ["Metric", "Points", "Subject", "Needed", "Because"];
  if (plan.wins.length === 0)
    return [
      header,
      [
        "",
        0,
        "",
        "",
        r.tracks[t].total >= 100
          ? "Every metric is at its maximum."
          : "No single change to a customer, workload, person or total gains points on this track.",
      ],
    ];
  return [
    header,
    ...plan.wins.map((w) => [
      METRICS.find((m) => m.key === w.metric)?.label ?? w.metric,
      w.points,
      w.subject,
      `${w.needed.amount.toLocaleString("en-US")} ${w.needed.unit}`,
      w.because,
    ]),
  ];
}
