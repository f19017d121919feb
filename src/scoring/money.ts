/**
 * ACR is summed as integer micro-dollars so that thresholds such as $600 compare exactly
 * (floating-point sums of cents can land a hair below a threshold).
 */
export const MICRO_PER_USD = 1_000_000;

/** Micro-dollars of a USD amount. */
export function toMicro(usd: number): number {
  return Math.round(usd * MICRO_PER_USD);
}

/** USD of a micro-dollar amount. */
export function fromMicro(micro: number): number {
  return micro / MICRO_PER_USD;
}

/**
 * Formats USD for people: `$1,250.00`, negatives as `-$12.50`.
 * @example formatUsd(1250) //=> "$1,250.00"
 */
export function formatUsd(usd: number): string {
  const sign = usd < 0 ? "-" : "";
  const fixed = Math.abs(usd).toFixed(2);
  const point = fixed.indexOf(".");
  const whole = point < 0 ? fixed : fixed.slice(0, point);
  // Thousands separators by hand: this runs for every customer of the explanations.
  let grouped = whole;
  if (whole.length > 3 && /^\d+$/.test(whole)) {
    grouped = whole.slice(0, whole.length % 3 || 3);
    for (let i = grouped.length; i < whole.length; i += 3) grouped += `,${whole.slice(i, i + 3)}`;
  }
  return `${sign}$${grouped}.${point < 0 ? "00" : fixed.slice(point + 1)}`;
}
