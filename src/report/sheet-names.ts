import { SCORECARD_SHEET } from "./layout";

/**
 * A name for a new scorecard sheet that no existing sheet uses (Excel compares sheet names
 * case-insensitively): `Security Scorecard`, else `Security Scorecard (2)`, `(3)`, …
 */
export function pickScorecardName(existing: readonly string[], base = SCORECARD_SHEET): string {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base} (${i})`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}
