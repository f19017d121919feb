import { formatMonth, monthIndex } from "../calendar";
import { InputError } from "../errors";
import { RULES_2025 } from "./2025";
import { RULES_2026 } from "./2026";
import { Rules } from "./types";

/**
 * The rules versions and how one is chosen (scoring-rules §9). A new version is a new data file
 * added to {@link RULES_VERSIONS}.
 */

/** Every rules version, oldest first. */
export const RULES_VERSIONS: readonly Rules[] = [RULES_2025, RULES_2026];

/** The ids users may name (`--rules`, a function's `rules` argument, the pane's choice). */
export const RULES_IDS: readonly string[] = RULES_VERSIONS.map((r) => r.id);

/** The month index of a version's first in-force month. */
function inForceFrom(rules: Rules): number {
  const [year, month] = rules.inForceFrom.split("-").map(Number);
  return monthIndex(year ?? 0, month ?? 1);
}

/** A version by id, or an input error listing the known ids. */
export function rulesById(id: string): Rules {
  const rules = RULES_VERSIONS.find((r) => r.id === id.trim());
  if (!rules)
    throw new InputError(
      "rules",
      `unknown rules version "${id}": use ${RULES_IDS.slice(0, -1).join(", ")} or ${RULES_IDS[RULES_IDS.length - 1]} (or leave it out for the version in force in the as-of month).`
    );
  return rules;
}

/** The version in force for an as-of month: the newest one in force from that month or before. */
export function rulesInForce(asOf: number): Rules {
  let chosen = RULES_VERSIONS[0] as Rules;
  for (const rules of RULES_VERSIONS) if (inForceFrom(rules) <= asOf) chosen = rules;
  return chosen;
}

/** A version and why it was used. */
export interface ChosenRules {
  rules: Rules;
  /** "in force for 2026-10" or "chosen". */
  reason: string;
}

/**
 * The one place a rules version is chosen: the one named, else the one in force in the as-of
 * month.
 * @throws InputError for an unknown id
 */
export function rulesFor(asOf: number, chosen?: string | null): ChosenRules {
  if (chosen !== undefined && chosen !== null && chosen.trim() !== "")
    return { rules: rulesById(chosen), reason: "chosen" };
  return { rules: rulesInForce(asOf), reason: `in force for ${formatMonth(asOf)}` };
}

export { RULES_2025, RULES_2026 };
