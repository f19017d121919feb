import { inputOutcomes, inputTitle } from "./input-text";
import { METRICS, TRACK_LABEL, formatPoints, Issue, ScoreResult, TRACKS } from "../scoring";

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

function issueLine(issue: Issue): string {
  const where = issue.row === null ? issue.table : `${issue.table} row ${issue.row}`;
  return `  ${issue.severity.padEnd(7)} ${where}: ${issue.message}`;
}

/** Points as the month lines show them: one decimal, no trailing zero. */
function short(points: number): string {
  return Number.isInteger(points) ? String(points) : points.toFixed(1);
}

/**
 * The outlook in a few lines: twelve months and the six forecast months per track, the first
 * month at risk, and the top five wins of the best track.
 */
export function outlookLines(result: ScoreResult): string[] {
  const lines: string[] = [];
  if (result.history.length > 0) {
    const first = result.history[0]?.asOf ?? "";
    const last = result.forecast[result.forecast.length - 1]?.asOf ?? result.asOf;
    lines.push(`Month by month, ${first} to ${result.asOf} | forecast to ${last} (flat run-rate):`);
    for (const t of TRACKS) {
      const past = result.history.map((h) => short(h.tracks[t].total)).join(" ");
      const ahead = result.forecast.map((f) => short(f.tracks[t].total)).join(" ");
      lines.push(`  ${pad(TRACK_LABEL[t], 11)} ${past} | ${ahead}`);
    }
    lines.push(
      result.firstMonthAtRisk
        ? `First month at risk: ${result.firstMonthAtRisk}. ${result.riskDrivers.slice(0, 3).join(" ")}`
        : "No month at risk in the forecast (a projection under a flat run-rate, not a promise)."
    );
  }
  const plan = result.plan[result.bestTrack];
  if (plan.wins.length > 0) {
    lines.push(
      `Nearest wins on ${TRACK_LABEL[result.bestTrack]}${plan.shortfall.points > 0 ? ` (${formatPoints(plan.shortfall.points)} points short of 70)` : ""}:`
    );
    for (const w of plan.wins.slice(0, 5))
      lines.push(`  +${formatPoints(w.points)}  ${w.subject}: ${w.because}`);
  }
  return lines;
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
  lines.push(...outlookLines(result));
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
