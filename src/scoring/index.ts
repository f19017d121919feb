/**
 * The scoring engine: pure TypeScript, no Office, DOM or Node APIs. Parse tables of cells into
 * typed rows with issues, then score both tracks with explanations.
 */
export { RULES_2025 } from "./rules/2025";
export type { Rules, Track } from "./rules/types";
export { TRACKS } from "./rules/types";
export { scoreParsed, scoreTables, bestTrack } from "./score";
export { parseInputs } from "./parse-inputs";
export type { Inputs, ParsedInputs, TableInput } from "./parse-inputs";
export type {
  ScoreOptions,
  ScoreResult,
  TrackResult,
  SidedMetric,
  SideResult,
  SkillingMetric,
  InputSummary,
} from "./score";
export { InputError, isInputError } from "./errors";
export type { Issue, RowCounts, Severity } from "./issues";
export type { CustomerExplanation } from "./explain-customers";
export type { PersonExplanation, PersonCertification } from "./skilling";
export { KIND_LABEL } from "./headers";
export { findTable, recogniseTable, HEADER_SCAN_ROWS } from "./find-table";
export type { FoundTable } from "./find-table";
export type { TableKind } from "./headers";
export { catalogueFor } from "./catalogue";
export { parseAsOf } from "./as-of";
export { formatMonth } from "./calendar";
export { formatPoints } from "./points";
export { formatUsd } from "./money";
export { METRICS, TRACK_LABEL } from "./labels";
export type { MetricKey } from "./labels";
