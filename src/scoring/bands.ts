import { Band } from "./rules/types";

/** True when `x` lies in the band (bounds inclusive or exclusive as the band says). */
export function inBand(x: number, band: Band): boolean {
  if (band.min !== undefined && (band.minInclusive ? x < band.min : x <= band.min)) return false;
  if (band.max !== undefined && (band.maxInclusive ? x > band.max : x >= band.max)) return false;
  return true;
}

/** The same band with its bounds multiplied (USD bands → micro-dollar bands). */
export function scaleBand(band: Band, factor: number): Band {
  return {
    ...band,
    ...(band.min !== undefined ? { min: band.min * factor } : {}),
    ...(band.max !== undefined ? { max: band.max * factor } : {}),
  };
}

/**
 * Describes a band for people, e.g. `> 300`, `5–300`, `> 0 and ≤ 12,000`.
 * @param unit formats a bound (e.g. as USD)
 */
export function describeBand(band: Band, unit: (n: number) => string): string {
  const lo = band.min === undefined ? "" : `${band.minInclusive ? "≥" : ">"} ${unit(band.min)}`;
  const hi = band.max === undefined ? "" : `${band.maxInclusive ? "≤" : "<"} ${unit(band.max)}`;
  if (lo && hi && band.minInclusive && band.maxInclusive)
    return `${unit(band.min ?? 0)}–${unit(band.max ?? 0)}`;
  return [lo, hi].filter((s) => s !== "").join(" and ");
}
