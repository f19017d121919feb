/**
 * Points are kept as integer thirds (every point value in the rules is a multiple of 1/3), so that
 * 70 is exactly 70 and nothing is rounded before it is compared (scoring-rules §5).
 */

/** Integer thirds of a point. */
export type Thirds = number;

/** Thirds of a whole or fractional point value that is a multiple of 1/3. */
export function thirdsOf(points: number): Thirds {
  return Math.round(points * 3);
}

/** The point value of thirds (full precision). */
export function pointsOf(thirds: Thirds): number {
  return thirds / 3;
}

/** Clamps thirds into `[0, maxPoints]`. */
export function clampThirds(thirds: Thirds, maxPoints: number): Thirds {
  return Math.max(0, Math.min(thirdsOf(maxPoints), thirds));
}

/**
 * Points shown with one decimal, as Microsoft shows them.
 * @example formatPoints(40 / 3) //=> "13.3"
 */
export function formatPoints(points: number): string {
  return (Math.round(points * 10) / 10).toFixed(1);
}
