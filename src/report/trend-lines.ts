import { formatPoints, ScoreResult, TRACK_LABEL, TRACKS, Track } from "../scoring";

/**
 * The pane's small trend chart as geometry (no DOM here): one polyline per track for the history
 * and one for the forecast (which starts at the as-of month so the two join), the qualifying
 * line, and a sentence that says the same for screen readers.
 */

/** A drawn line: SVG `points` text. */
export interface TrendLine {
  track: Track;
  forecast: boolean;
  points: string;
}

/** Everything the pane draws. */
export interface TrendPicture {
  width: number;
  height: number;
  lines: TrendLine[];
  /** y of the qualifying total. */
  qualifyingY: number;
  /** x of the as-of month (where the forecast starts). */
  asOfX: number;
  /** First and last month shown. */
  from: string;
  to: string;
  /** The chart in words. */
  description: string;
}

/**
 * The trend of `result` drawn in a `width` × `height` box (points 0–100 bottom to top).
 * @returns null when the result has no history (the outlook was not computed)
 */
export function trendPicture(
  result: ScoreResult,
  width: number,
  height: number,
  qualifying = 70
): TrendPicture | null {
  const months = [...result.history, ...result.forecast];
  if (result.history.length === 0) return null;
  const pad = 2;
  const step = months.length > 1 ? (width - 2 * pad) / (months.length - 1) : 0;
  const x = (i: number): number => pad + i * step;
  const y = (points: number): number => pad + (1 - points / 100) * (height - 2 * pad);
  const xy = (i: number, points: number): string => `${x(i).toFixed(1)},${y(points).toFixed(1)}`;
  const asOfIndex = result.history.length - 1;
  const lines: TrendLine[] = TRACKS.flatMap((track) => [
    {
      track,
      forecast: false,
      points: result.history.map((m, i) => xy(i, m.tracks[track].total)).join(" "),
    },
    {
      track,
      forecast: true,
      points: [result.history[asOfIndex], ...result.forecast]
        .map((m, k) => xy(asOfIndex + k, m?.tracks[track].total ?? 0))
        .join(" "),
    },
  ]);
  const trackWords = TRACKS.map((t) => {
    const first = result.history[0]?.tracks[t].total ?? 0;
    const last = result.forecast[result.forecast.length - 1]?.tracks[t].total ?? 0;
    return `${TRACK_LABEL[t]} ${formatPoints(first)} → ${formatPoints(result.tracks[t].total)} → ${formatPoints(last)}`;
  });
  const from = months[0]?.asOf ?? result.asOf;
  const to = months[months.length - 1]?.asOf ?? result.asOf;
  return {
    width,
    height,
    lines,
    qualifyingY: y(qualifying),
    asOfX: x(asOfIndex),
    from,
    to,
    description: `Total points from ${from} through ${result.asOf} and forecast to ${to}: ${trackWords.join("; ")} (qualifying total ${qualifying}).`,
  };
}
