import { METRICS, ScoreResult, TRACK_LABEL, TRACKS } from "../scoring";
import { cell, FMT, RowInput, SheetBuilder } from "./sheet-builder";

/**
 * The scorecard's *Rules comparison* (design section 9): the same data and as-of month under every
 * rules version, per track and metric, and what differs between them.
 */
export function comparisonSection(
  b: SheetBuilder,
  result: ScoreResult,
  names: { rulesComparison: string; rulesDifferences: string }
): void {
  const { versions, differences } = result.comparison;
  const ids = versions.map((v) => v.rules);
  b.section(9, "Rules comparison: the same data and month under every rules version");
  b.add([
    cell(
      `This scorecard uses rules ${result.rules} (${result.rulesReason}). Microsoft revised the page in 2026; the columns show what each version makes of the same rows.`,
      undefined,
      "note"
    ),
  ]);
  const rows: RowInput[] = [];
  for (const track of TRACKS) {
    for (const m of METRICS)
      rows.push([
        cell(m.label),
        cell(TRACK_LABEL[track]),
        ...versions.map((v) => cell(v.tracks[track][m.key], FMT.points)),
      ]);
    rows.push([
      cell("Total"),
      cell(TRACK_LABEL[track]),
      ...versions.map((v) => cell(v.tracks[track].total, FMT.points)),
    ]);
    rows.push([
      cell("Qualified"),
      cell(TRACK_LABEL[track]),
      ...versions.map((v) => cell(v.tracks[track].qualified)),
    ]);
  }
  b.table(names.rulesComparison, ["Metric", "Track", ...ids.map((id) => `Rules ${id}`)], rows);
  b.blank();
  const diff: RowInput[] = differences.map((d) => [
    cell(d.kind),
    cell(d.subject, FMT.text),
    cell(d.table ?? ""),
    cell(d.rows ?? "", FMT.count),
    cell(d.amount ?? ""),
    ...ids.map((id) => cell(d.outcomes[id] ?? "")),
  ]);
  if (diff.length === 0)
    diff.push([
      cell("(none)"),
      cell("No row, person or customer is counted differently by the versions."),
      cell(""),
      cell(""),
      cell(""),
      ...ids.map(() => cell("")),
    ]);
  b.table(
    names.rulesDifferences,
    ["Kind", "Subject", "Table", "Rows", "Carrying", ...ids.map((id) => `Rules ${id}`)],
    diff
  );
  b.blank();
}
