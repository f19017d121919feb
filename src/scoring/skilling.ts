import { addYears, formatDay, parseIsoDay } from "./calendar";
import { CertRow } from "./parse-certs";
import { clampThirds, Thirds, thirdsOf } from "./points";
import { Rules, Track } from "./rules/types";

/** Why a certification row does or does not count on the evaluation day. */
export type CertStatus = "held" | "expired" | "retired" | "not-security" | "earned-after";

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
  sheetRow: number;
}

/** A person with the certifications they hold, the steps they count in, and why. */
export interface PersonExplanation {
  person: string;
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

/** Judges one certification row on day `day` (the last day of the as-of month). */
function judge(row: CertRow, day: number, rules: Rules): { status: CertStatus; note: string } {
  const rule = rules.certifications[row.rule];
  if (!rule) {
    return {
      status: "not-security",
      note: row.code
        ? `${row.code} is not a Security certification`
        : "not a Security certification (no AZ-/SC- exam code and no known name)",
    };
  }
  if (row.earned !== null && row.earned > day)
    return {
      status: "earned-after",
      note: `earned ${formatDay(row.earned)}, after the as-of month`,
    };
  if (rule.retired) {
    const retired = parseIsoDay(rule.retired);
    if (row.earned === null)
      return {
        status: "retired",
        note: `${rule.exam} retired on ${rule.retired}; without an earned date it cannot be shown to be valid`,
      };
    if (row.earned > retired)
      return {
        status: "retired",
        note: `${rule.exam} retired on ${rule.retired}, before it was earned`,
      };
    const validUntil = addYears(row.earned, Math.floor((rule.validMonthsAfterEarned ?? 0) / 12));
    if (day > validUntil) {
      return {
        status: "retired",
        note: `${rule.exam} retired on ${rule.retired}; it stayed valid one year after it was earned, until ${formatDay(validUntil)}`,
      };
    }
  }
  if (row.expires !== null && row.expires < day)
    return { status: "expired", note: `expired ${formatDay(row.expires)}` };
  return { status: "held", note: `held: counts in step ${rule.step}` };
}

/**
 * Counts the distinct people holding a step-1, step-2 and step-3 certification on `day`, and
 * explains every person (scoring-rules §4.2).
 */
export function evaluateCertifications(
  rows: readonly CertRow[],
  day: number,
  rules: Rules
): SkillingInput {
  const byPerson = new Map<string, CertRow[]>();
  for (const row of rows) {
    const list = byPerson.get(row.person);
    if (list) list.push(row);
    else byPerson.set(row.person, [row]);
  }
  const steps = [new Set<string>(), new Set<string>(), new Set<string>()];
  const people: PersonExplanation[] = [];
  for (const [person, list] of byPerson) {
    const certifications: PersonCertification[] = [];
    const held = new Set<number>();
    for (const row of list) {
      const rule = rules.certifications[row.rule];
      const { status, note } = judge(row, day, rules);
      if (status === "held" && rule) {
        held.add(rule.step);
        steps[rule.step - 1]?.add(person);
      }
      certifications.push({
        certification: row.certification,
        exam: rule?.exam ?? row.code,
        step: rule?.step ?? null,
        earned: row.earned === null ? null : formatDay(row.earned),
        expires: row.expires === null ? null : formatDay(row.expires),
        status,
        note,
        sheetRow: row.sheetRow,
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
    people.push({
      person: list[0]?.personLabel ?? person,
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

/** Skilling points (thirds) of a track from the distinct people per step. */
export function skillingThirds(
  track: Track,
  n1: number,
  n2: number,
  n3: number,
  rules: Rules
): Thirds {
  const s = rules.skilling;
  const max = rules.maxPoints.skilling;
  if (track === "enterprise") {
    if (n1 < s.enterpriseGate.step1 || n2 < s.enterpriseGate.step2) return 0;
    // max / step3ForMax points per person, in thirds: exact for 40 / 6 = 20 thirds.
    return clampThirds(Math.floor((n3 * thirdsOf(max)) / s.enterpriseStep3ForMax), max);
  }
  const points =
    (n1 >= 1 ? s.smbStep1Points : 0) +
    (n2 >= 1 ? s.smbStep2Points : 0) +
    (n1 >= 1 && n2 >= 1 ? s.smbStep3PointsPerPerson * n3 : 0);
  return clampThirds(thirdsOf(points), max);
}
