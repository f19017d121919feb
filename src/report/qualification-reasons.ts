import { formatPoints, METRICS, rulesById, ScoreResult, Track, TRACK_LABEL } from "../scoring";

/**
 * Why a track does not qualify, in one sentence a finance reader understands: the points short of
 * the qualifying total and each metric below its minimum. Null for a track that qualifies.
 */
export function qualificationReason(result: ScoreResult, track: Track): string | null {
  const t = result.tracks[track];
  if (t.qualified) return null;
  const q = rulesById(result.rules).qualification;
  const parts: string[] = [];
  const short = (q.minTotal * 3 - t.totalThirds) / 3;
  if (short > 0) parts.push(`${formatPoints(short)} points short of ${q.minTotal}`);
  const low = METRICS.filter((m) => t[m.key].points < q.minPerMetric).map(
    (m) => `${m.label} has ${formatPoints(t[m.key].points)}`
  );
  if (low.length > 0) parts.push(`${low.join(", ")} (each metric needs ${q.minPerMetric} or more)`);
  return `${TRACK_LABEL[track]} does not qualify: ${parts.join("; ")}.`;
}

/** A track's qualification as one line: why it does not qualify, or its total when it does. */
export function qualificationLine(
  result: ScoreResult,
  track: Track
): { text: string; qualified: boolean } {
  const reason = qualificationReason(result, track);
  return reason
    ? { text: reason, qualified: false }
    : {
        text: `${TRACK_LABEL[track]} qualifies with ${formatPoints(result.tracks[track].total)} points.`,
        qualified: true,
      };
}
