import { inputOutcomes, inputTitle } from "./input-text";
import { METRICS, TRACK_LABEL, formatPoints, Issue, ScoreResult, TRACKS } from "../scoring";

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

function issueLine(issue: Issue): string {
  const where = issue.row === null ? issue.table : `${issue.table} row ${issue.row}`;
  return `  ${issue.severity.padEnd(7)} ${where}: ${issue.message}`;
}

/**
 * The readable terminal summary of a score: both tracks side by side, qualification, best path,
 * inputs with their row outcomes and the first issues.
 * @param maxIssues how many issues to list before summarising the rest
 */
export function terminalSummary(result: ScoreResult, maxIssues = 10): string {
  const lines: string[] = [];
  lines.push(
    `Solutions Partner for Security: capability score as of ${result.asOf} (rules ${result.rules}, ${result.rulesReason})`
  );
  lines.push("");
  lines.push(
    `${pad("Metric", 30)}${pad("Max", 6, true)}${pad("Enterprise", 13, true)}${pad("SMB", 10, true)}`
  );
  for (const metric of METRICS) {
    const cells = TRACKS.map((t) => formatPoints(result.tracks[t][metric.key].points));
    lines.push(
      `${pad(metric.label, 30)}${pad(String(result.tracks.enterprise[metric.key].max), 6, true)}${pad(cells[0] ?? "", 13, true)}${pad(cells[1] ?? "", 10, true)}`
    );
  }
  const totals = TRACKS.map((t) => formatPoints(result.tracks[t].total));
  lines.push(
    `${pad("Total", 30)}${pad("100", 6, true)}${pad(totals[0] ?? "", 13, true)}${pad(totals[1] ?? "", 10, true)}`
  );
  const q = TRACKS.map((t) => (result.tracks[t].qualified ? "yes" : "no"));
  lines.push(
    `${pad("Qualified (70+, 1+ each)", 30)}${pad("", 6)}${pad(q[0] ?? "", 13, true)}${pad(q[1] ?? "", 10, true)}`
  );
  lines.push("");
  lines.push(
    `Best path: ${TRACK_LABEL[result.bestTrack]}, ${formatPoints(result.total)} points, ${result.qualified ? "qualified" : "not qualified"}.`
  );
  const others = result.comparison.versions.filter((v) => v.rules !== result.rules);
  if (others.length > 0) {
    const line = (v: (typeof others)[number]): string =>
      `rules ${v.rules}: Enterprise ${formatPoints(v.tracks.enterprise.total)}, SMB ${formatPoints(v.tracks.smb.total)}, ${v.qualified ? "qualified" : "not qualified"}`;
    const n = result.comparison.differences.length;
    lines.push(
      `Same data under ${others.map(line).join("; ")} (${n} row${n === 1 ? "" : "s"}, people or customers counted differently; see --json or the scorecard).`
    );
  }
  lines.push("");
  lines.push("Inputs:");
  for (const input of result.inputs) lines.push(`  ${inputTitle(input)}: ${inputOutcomes(input)}`);
  const bySeverity = (s: string): number => result.issues.filter((i) => i.severity === s).length;
  lines.push("");
  lines.push(
    `Issues: ${bySeverity("error")} errors, ${bySeverity("warning")} warnings, ${bySeverity("info")} notes.`
  );
  for (const issue of result.issues.slice(0, maxIssues)) lines.push(issueLine(issue));
  if (result.issues.length > maxIssues)
    lines.push(
      `  ... and ${result.issues.length - maxIssues} more (use --json or the scorecard workbook for all).`
    );
  return lines.join("\n");
}
