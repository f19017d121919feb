import { InputSummary } from "../scoring";

/**
 * How an input table is described to people, the same in the terminal summary and on the
 * scorecard: its name with the layout recognised, and what became of its rows.
 */

/** `name (layout)`, e.g. `azure.csv (Azure usage report (Partner Center))`. */
export function inputTitle(input: InputSummary): string {
  return `${input.table} (${input.layout})`;
}

/**
 * Every row's outcome in one line. In a wide licence table each source row becomes one row per
 * workload pair, and the counted, not-eligible and duplicate-flagged figures are workload rows.
 */
export function inputOutcomes(input: InputSummary): string {
  const c = input.counts;
  const notEligible = Object.entries(c.notEligible)
    .map(([reason, n]) => `${n.toLocaleString("en-US")} not eligible (${reason})`)
    .join(", ");
  const outcomes = [
    `${c.counted.toLocaleString("en-US")} counted`,
    notEligible,
    c.duplicate ? `${c.duplicate.toLocaleString("en-US")} duplicate-flagged` : "",
    c.errors ? `${c.errors.toLocaleString("en-US")} with errors` : "",
    c.empty ? `${c.empty.toLocaleString("en-US")} empty` : "",
  ]
    .filter((s) => s !== "")
    .join(", ");
  const rows = `${input.rows.toLocaleString("en-US")} rows`;
  return input.widePairs > 0
    ? `${rows}, each read as ${input.widePairs} workload rows: ${outcomes}`
    : `${rows}: ${outcomes}`;
}
