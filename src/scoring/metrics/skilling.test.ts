import { RULES_2025, RULES_2026 } from "../rules";
import { skilling } from "./skilling";

describe("intermediate certifications (scoring-rules §4.2)", () => {
  it("returns 0 Enterprise points until two people complete step 1 and two complete step 2", () => {
    expect(skilling.points("enterprise", 1, 2, 3, RULES_2025)).toBe(0);
    expect(skilling.points("enterprise", 2, 1, 3, RULES_2025)).toBe(0);
    expect(skilling.points("enterprise", 2, 2, 3, RULES_2025)).toBe(60);
  });
  it("gives SMB 4 for step 1, 4 for step 2 and, with both, 8 per step-3 person, capped at 40", () => {
    expect(skilling.points("smb", 1, 0, 3, RULES_2025)).toBe(12);
    expect(skilling.points("smb", 1, 1, 2, RULES_2025)).toBe(72);
    expect(skilling.points("smb", 1, 1, 9, RULES_2025)).toBe(120);
  });
  it("names the exams of a step from the rules data: SC-500 joins AZ-500 in 2026", () => {
    expect(skilling.measure(1, RULES_2025)).toBe("People holding AZ-500");
    expect(skilling.measure(1, RULES_2026)).toBe("People holding AZ-500 or SC-500");
    expect(skilling.exams(3, RULES_2026)).toBe("SC-100, SC-300, SC-400 or SC-401");
  });
});
