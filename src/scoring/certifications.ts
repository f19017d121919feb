import { addYears, formatDay, parseIsoDay } from "./calendar";
import { catalogueFor } from "./catalogue";
import { CertRow } from "./parse-certs";
import { CertificationRule, Rules } from "./rules/types";

/** Why a certification row does or does not count on the evaluation day. */
export type CertStatus =
  "held" | "expired" | "retired" | "not-security" | "not-certification" | "earned-after";

/** One certification of a person, judged on the evaluation day. */
export interface PersonCertification {
  certification: string;
  exam: string | null;
  step: number | null;
  earned: string | null;
  expires: string | null;
  status: CertStatus;
  /** Plain-language reason. */
  note: string;
  /** The row number in the input's own numbering. */
  row: number;
}

/** A person with the certifications they hold, the steps they count in, and why. */
export interface PersonExplanation {
  person: string;
  /** The person's name when the identity is an MCPID or address and the table gives a name. */
  name?: string;
  certifications: PersonCertification[];
  /** Steps the person counts in (1, 2, 3). */
  steps: number[];
  counted: boolean;
  reason: string;
}

/** Distinct people per step and the explanation of each person. */
export interface SkillingInput {
  step1: number;
  step2: number;
  step3: number;
  people: PersonExplanation[];
}

/** A certification row matched against a rules version's certifications. */
export interface MatchedCert {
  row: CertRow;
  /** The certification rule, or undefined when the row names no Security certification. */
  rule: CertificationRule | undefined;
  /** Exam code found in the text, if any. */
  code: string | null;
}

/** Matches every certification row under `rules` (each distinct text once). */
export function matchCertifications(rows: readonly CertRow[], rules: Rules): MatchedCert[] {
  const catalogue = catalogueFor(rules);
  const cache = new Map<string, { rule: CertificationRule | undefined; code: string | null }>();
  return rows.map((row) => {
    let match = cache.get(row.certification);
    if (!match) {
      const m = catalogue.matchCertification(row.certification);
      match = { rule: m.rule ?? undefined, code: m.code };
      cache.set(row.certification, match);
    }
    return { row, rule: match.rule, code: match.code };
  });
}

/** Judges one certification row on day `day` (the last day of the as-of month). */
function judge(m: MatchedCert, day: number): { status: CertStatus; note: string } {
  const { row, rule } = m;
  if (!row.isCertification) {
    return {
      status: "not-certification",
      note: `training type "${row.trainingType ?? ""}" is not a certification (only rows of type certification count)`,
    };
  }
  if (!rule) {
    return {
      status: "not-security",
      note: m.code
        ? `${m.code} is not a Security certification`
        : "not a Security certification (no AZ-/SC- exam code and no known name)",
    };
  }
  if (row.earned !== null && row.earned > day)
    return {
      status: "earned-after",
      note: `earned ${formatDay(row.earned)}, after the as-of month`,
    };
  if (row.expires !== null && row.expires < day)
    return { status: "expired", note: `expired ${formatDay(row.expires)}` };
  const held = `held: counts in step ${rule.step}`;
  if (!rule.retired) return { status: "held", note: held };
  // Retired certifications (scoring-rules §4.2): as any other up to the retirement day; after it,
  // only if earned by then, and for a year after it was earned.
  const retired = parseIsoDay(rule.retired);
  if (day <= retired)
    return { status: "held", note: `${held} (${rule.exam} retires on ${rule.retired})` };
  if (row.earned === null)
    return {
      status: "retired",
      note: `${rule.exam} retired on ${rule.retired}; without an earned date it cannot be shown to be valid after that day`,
    };
  if (row.earned > retired)
    return {
      status: "retired",
      note: `${rule.exam} retired on ${rule.retired}, before it was earned`,
    };
  const validUntil = addYears(row.earned, rule.validYearsAfterEarned ?? 0);
  if (day > validUntil)
    return {
      status: "retired",
      note: `${rule.exam} retired on ${rule.retired}; it stayed valid one year after it was earned, until ${formatDay(validUntil)}`,
    };
  return {
    status: "held",
    note: `${held} (${rule.exam} retired on ${rule.retired}; valid until ${formatDay(validUntil)}, one year after it was earned)`,
  };
}

/**
 * Counts the distinct people holding a step-1, step-2 and step-3 certification on `day`, and
 * explains every person (scoring-rules §4.2).
 */
export function evaluateCertifications(rows: readonly MatchedCert[], day: number): SkillingInput {
  const byPerson = new Map<string, MatchedCert[]>();
  for (const m of rows) {
    const list = byPerson.get(m.row.person);
    if (list) list.push(m);
    else byPerson.set(m.row.person, [m]);
  }
  const steps = [new Set<string>(), new Set<string>(), new Set<string>()];
  const people: PersonExplanation[] = [];
  for (const [person, list] of byPerson) {
    const certifications: PersonCertification[] = [];
    const held = new Set<number>();
    for (const m of list) {
      const { row, rule } = m;
      const { status, note } = judge(m, day);
      if (status === "held" && rule) {
        held.add(rule.step);
        steps[rule.step - 1]?.add(person);
      }
      certifications.push({
        certification: row.certification,
        exam: rule?.exam ?? m.code,
        step: rule?.step ?? null,
        earned: row.earned === null ? null : formatDay(row.earned),
        expires: row.expires === null ? null : formatDay(row.expires),
        status,
        note,
        row: row.rowNumber,
      });
    }
    const heldSteps = [...held].sort();
    const notes = certifications
      .filter((c) => c.status !== "held")
      .map((c) => `${c.certification}: ${c.note}`);
    const reason =
      heldSteps.length > 0
        ? `Counts in step ${heldSteps.join(" and step ")} (${certifications
            .filter((c) => c.status === "held")
            .map((c) => c.exam ?? c.certification)
            .join(", ")})${notes.length > 0 ? `; also ${notes.join("; ")}` : ""}.`
        : `Not counted: ${notes.join("; ")}.`;
    const name = list.find((m) => m.row.personName !== "")?.row.personName;
    people.push({
      person: list[0]?.row.personLabel ?? person,
      ...(name ? { name } : {}),
      certifications,
      steps: heldSteps,
      counted: heldSteps.length > 0,
      reason,
    });
  }
  return {
    step1: steps[0]?.size ?? 0,
    step2: steps[1]?.size ?? 0,
    step3: steps[2]?.size ?? 0,
    people,
  };
}
