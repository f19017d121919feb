/**
 * The scoring engine: pure TypeScript, no Office, DOM or Node APIs. Parse tables of cells into
 * rules-independent data with issues, then score both tracks under a rules version with
 * explanations and the comparison with every other version.
 */
export { RULES_2025, RULES_2026, RULES_IDS, RULES_VERSIONS, rulesById, rulesFor } from "./rules";
export type { ChosenRules } from "./rules";
export type { Rules, Track } from "./rules/types";
export { TRACKS } from "./rules/types";
export { scoreParsed, scoreTables, bestTrack, ScoringContext } from "./score";
export { addParsed, parseInputs, sharedRegistries, TableFeed } from "./parse-inputs";
export type { FedTable, Inputs, ParsedInputs, TableInput } from "./parse-inputs";
export type {
  ScoreOptions,
  ScoreResult,
  MonthScore,
  TrackResult,
  SidedMetric,
  SideResult,
  SkillingMetric,
  InputSummary,
} from "./score";
export type { RulesComparison, RuleDifference, ComparedVersion } from "./comparison";
export { InputError, isInputError } from "./errors";
export type { Issue, RowCounts, Severity } from "./issues";
export { date1904Note, hiddenRowsWarning, hiddenSheetWarning } from "./issues";
export type { SheetVisibility } from "./issues";
export type { CustomerExplanation } from "./explain-customers";
export type { PersonExplanation, PersonCertification } from "./certifications";
export { KIND_LABEL } from "./headers";
export type { TableKind } from "./headers";
export { findTable, recogniseTable, HEADER_SCAN_ROWS } from "./find-table";
export type { FoundTable } from "./find-table";
export { catalogueFor } from "./catalogue";
export { parseAsOf } from "./as-of";
export { DATE_1904_OFFSET, formatMonth } from "./calendar";
export { formatPoints } from "./points";
export { formatUsd } from "./money";
export { METRICS, TRACK_LABEL } from "./labels";
export type { MetricKey } from "./labels";
export { SIDED_METRICS, skilling as skillingMetric } from "./metrics";
export { FORECAST_NOTE, FORECAST_MONTHS, HISTORY_MONTHS } from "./outlook";
export type { Plan, PlanWin, TrackPlan } from "./plan";
