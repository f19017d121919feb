import { formatMonth, monthIndex } from "./calendar";
import { Cell, parseMonth } from "./cells";
import { Issue } from "./issues";
import { TableShape } from "./table";

/**
 * Reads a user's as-of value: `YYYY-MM` text, any month form a cell accepts (an Excel date
 * serial, `M/D/YYYY`, a `Date`). Returns the month index or -1.
 */
export function parseAsOf(value: Cell): number {
  return parseMonth(value);
}

/** The month before `today` (UTC): the default when there is no usage data. */
export function monthBefore(today: Date): number {
  return monthIndex(today.getUTCFullYear(), today.getUTCMonth() + 1) - 1;
}

/**
 * Picks the as-of month (scoring-rules §6): the explicit one, else the latest month among usage
 * rows that are not row errors, else the month before today. Warns when an explicit month lies
 * after the data, and when the data's latest month is the current month (incomplete) or later.
 */
export function resolveAsOf(
  explicit: number | undefined,
  usage: readonly TableShape[],
  today: Date
): { asOf: number; issues: Issue[] } {
  const latest = usage.reduce((max, t) => Math.max(max, t.months.max), -Infinity);
  const issues: Issue[] = [];
  if (explicit !== undefined) {
    if (Number.isFinite(latest) && explicit > latest) {
      issues.push({
        severity: "warning",
        table: "as-of",
        row: null,
        message: `The as-of month ${formatMonth(explicit)} is after the latest month in the data (${formatMonth(latest)}): months after the data count as zero. Leave the as-of month empty to use ${formatMonth(latest)}.`,
      });
    }
    return { asOf: explicit, issues };
  }
  if (Number.isFinite(latest)) {
    const late = lateDataWarning(latest, monthBefore(today) + 1);
    return { asOf: latest, issues: late ? [late] : [] };
  }
  const asOf = monthBefore(today);
  issues.push({
    severity: "info",
    table: "as-of",
    row: null,
    message: `No usage rows with a readable month: scored as of ${formatMonth(asOf)}, the month before today.`,
  });
  return { asOf, issues };
}

/**
 * The warning when the data's latest month (the default as-of month) is the current month, whose
 * usage is still incomplete, or later, which no usage can be (a wrong date); else null.
 */
function lateDataWarning(latest: number, current: number): Issue | null {
  if (latest < current) return null;
  const message =
    latest > current
      ? `The latest month in the data, ${formatMonth(latest)}, is after the current month (${formatMonth(current)}), so some month cells hold a wrong date (a typo, or year-and-month numbers such as 202506 read as Excel date numbers). The score is as of ${formatMonth(latest)}: correct the month column, or give the as-of month.`
      : `The latest month in the data, ${formatMonth(latest)}, is the current month, which has not ended: its usage is incomplete, so the score as of ${formatMonth(latest)} may be lower than Microsoft's, which counts complete months. Give the as-of month ${formatMonth(latest - 1)} to score the last complete month.`;
  return { severity: "warning", table: "as-of", row: null, message };
}
