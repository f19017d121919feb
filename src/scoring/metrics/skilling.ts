import { clampThirds, Thirds, thirdsOf } from "../points";
import { Rules, Track } from "../rules/types";

/**
 * Intermediate certifications (scoring-rules §4.2): points from the distinct people holding a
 * step-1, step-2 and step-3 certification on the evaluation day (see `certifications.ts` for who
 * holds what).
 */
export const skilling = {
  key: "skilling" as const,
  label: "Intermediate certifications",

  /** The metric's points (thirds) on a track from the people per step. */
  points(track: Track, n1: number, n2: number, n3: number, rules: Rules): Thirds {
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
  },

  /** The exams of a step, e.g. "AZ-500 or SC-500". */
  exams(step: 1 | 2 | 3, rules: Rules): string {
    const exams = rules.certifications.filter((c) => c.step === step).map((c) => c.exam);
    return exams.length <= 1
      ? (exams[0] ?? "")
      : `${exams.slice(0, -1).join(", ")} or ${exams[exams.length - 1]}`;
  },

  /** What a step measures, in the rule's words. */
  measure(step: 1 | 2 | 3, rules: Rules): string {
    return `People holding ${skilling.exams(step, rules)}`;
  },
};
