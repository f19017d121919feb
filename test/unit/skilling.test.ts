import { addYears, daysFromCivil, formatDay } from "../../src/scoring/calendar";
import { certTable, score } from "../helpers/tables";

const certs = (rows: [string, string][]): unknown[][] =>
  certTable(rows.map(([p, c]) => [p, c, "", ""]));
const skill = (rows: [string, string][]) => {
  const r = score({ certs: certs(rows) }, "2025-06");
  return { enterprise: r.tracks.enterprise.skilling, smb: r.tracks.smb.skilling };
};

// Microsoft's worked examples (scoring-rules §4.2).
describe("Enterprise skilling, Microsoft's examples", () => {
  it("gives 20 points for 2 + 2 people and 3 step-3 people", () => {
    const s = skill([
      ["a", "AZ-500"],
      ["b", "AZ-500"],
      ["c", "SC-200"],
      ["d", "SC-200"],
      ["e", "SC-100"],
      ["f", "SC-300"],
      ["g", "SC-401"],
    ]).enterprise;
    expect(s.points).toBe(20);
  });
  it("gives 13.3 points when the same two people hold every step", () => {
    const s = skill([
      ["a", "AZ-500"],
      ["b", "AZ-500"],
      ["a", "SC-200"],
      ["b", "SC-200"],
      ["a", "SC-100"],
      ["b", "SC-300"],
    ]).enterprise;
    expect(s.thirds).toBe(40);
    expect(s.points).toBeCloseTo(13.333333, 5);
  });
  it("returns 0 skilling points when step 2 is incomplete", () => {
    expect(
      skill([
        ["a", "AZ-500"],
        ["b", "AZ-500"],
        ["c", "SC-200"],
        ["e", "SC-100"],
      ]).enterprise.points
    ).toBe(0);
  });
  it("returns 0 skilling points with only one step-1 person", () => {
    expect(
      skill([
        ["a", "AZ-500"],
        ["c", "SC-200"],
        ["d", "SC-200"],
        ["e", "SC-100"],
      ]).enterprise.points
    ).toBe(0);
  });
  it("caps at 40 points from six step-3 people", () => {
    const rows: [string, string][] = [
      ["a", "AZ-500"],
      ["b", "AZ-500"],
      ["a", "SC-200"],
      ["b", "SC-200"],
    ];
    for (let i = 0; i < 7; i++) rows.push([`p${i}`, "SC-300"]);
    expect(skill(rows).enterprise.points).toBe(40);
  });
});

describe("SMB skilling, Microsoft's examples", () => {
  it("gives 32 points for 2 / 2 / 3 people", () => {
    const s = skill([
      ["a", "AZ-500"],
      ["b", "AZ-500"],
      ["c", "SC-200"],
      ["d", "SC-200"],
      ["e", "SC-100"],
      ["f", "SC-300"],
      ["g", "SC-401"],
    ]).smb;
    expect(s.points).toBe(32);
  });
  it("gives 24 points when the same two people hold every step", () => {
    expect(
      skill([
        ["a", "AZ-500"],
        ["b", "AZ-500"],
        ["a", "SC-200"],
        ["b", "SC-200"],
        ["a", "SC-100"],
        ["b", "SC-300"],
      ]).smb.points
    ).toBe(24);
  });
  it("gives 4 points when step 2 is missing", () => {
    expect(
      skill([
        ["a", "AZ-500"],
        ["e", "SC-100"],
      ]).smb.points
    ).toBe(4);
  });
  it("gives 0 points when steps 1 and 2 are missing", () => {
    expect(
      skill([
        ["e", "SC-100"],
        ["f", "SC-300"],
      ]).smb.points
    ).toBe(0);
  });
});

describe("who counts", () => {
  it("counts a person once per step, however many step-3 certifications they hold", () => {
    const s = skill([
      ["a", "AZ-500"],
      ["b", "SC-200"],
      ["c", "SC-100"],
      ["c", "SC-300"],
      ["C", "SC-401"],
    ]).smb;
    expect(s).toMatchObject({ step1: 1, step2: 1, step3: 1, points: 16 });
  });
  it("lets step-3 people be different from step-1 and step-2 people", () => {
    expect(
      skill([
        ["a", "AZ-500"],
        ["b", "SC-200"],
        ["z", "SC-100"],
      ]).smb.step3
    ).toBe(1);
  });
});

describe("validity on the evaluation day (last day of the as-of month)", () => {
  const holds = (row: unknown[], asOf: string): boolean =>
    score({ certs: certTable([["p", ...row]]) }, asOf).people[0]?.counted ?? false;
  it("counts a certification earned on the evaluation day, not one earned the day after", () => {
    expect(holds(["AZ-500", "2025-06-30", ""], "2025-06")).toBe(true);
    expect(holds(["AZ-500", "2025-07-01", ""], "2025-06")).toBe(false);
  });
  it("counts a certification that expires on the evaluation day, not one that expired the day before", () => {
    expect(holds(["AZ-500", "", "2025-06-30"], "2025-06")).toBe(true);
    expect(holds(["AZ-500", "", "2025-06-29"], "2025-06")).toBe(false);
  });
  it("reads a month-only expiry as the month's last day", () => {
    expect(holds(["AZ-500", "", "2025-06"], "2025-06")).toBe(true);
  });
  it("keeps SC-400 valid one year after it was earned, up to the same calendar day", () => {
    expect(holds(["SC-400", "2025-05-31", ""], "2026-05")).toBe(true);
    expect(holds(["SC-400", "2025-05-31", ""], "2026-06")).toBe(false);
  });
  it("does not count SC-400 earned after its retirement on 2025-05-31", () => {
    expect(holds(["SC-400", "2025-06-01", ""], "2025-06")).toBe(false);
  });
  it("does not count SC-400 without an earned date", () => {
    expect(holds(["SC-400", "", ""], "2025-06")).toBe(false);
  });
  it("counts an unexpired SC-400 before its retirement day like any other certification", () => {
    // The one-year validity speaks of the time after retirement (scoring-rules §4.2).
    expect(holds(["SC-400", "2024-02-29", ""], "2025-03")).toBe(true);
    expect(holds(["SC-400", "", ""], "2025-05")).toBe(true);
    expect(holds(["SC-400", "", "2025-04-30"], "2025-05")).toBe(false);
  });
  it("turns 29 February into 28 February when counting a year", () => {
    expect(formatDay(addYears(daysFromCivil(2024, 2, 29), 1))).toBe("2025-02-28");
    expect(formatDay(addYears(daysFromCivil(2023, 3, 1), 1))).toBe("2024-03-01");
  });
});

describe("people explanations", () => {
  it("says why each certification does or does not count", () => {
    const t = certTable([
      ["ann", "AZ-500", "2024-01-10", ""],
      ["ann", "SC-200", "2024-01-10", "2025-01-31"],
      ["ann", "AZ-900", "", ""],
      ["bob", "SC-400", "2024-03-01", ""],
      ["cat", "SC-100", "2025-08-01", ""],
    ]);
    const people = score({ certs: t }, "2025-06").people;
    expect(people.map((p) => [p.person, p.counted, p.steps])).toEqual([
      ["ann", true, [1]],
      ["bob", false, []],
      ["cat", false, []],
    ]);
    expect(people[0]?.certifications.map((c) => c.status)).toEqual([
      "held",
      "expired",
      "not-security",
    ]);
    expect(people[0]?.reason).toBe(
      "Counts in step 1 (AZ-500); also SC-200: expired 2025-01-31; AZ-900: AZ-900 is not a Security certification."
    );
    expect(people[1]?.reason).toBe(
      "Not counted: SC-400: SC-400 retired on 2025-05-31; it stayed valid one year after it was earned, until 2025-03-01."
    );
    expect(people[2]?.certifications[0]?.status).toBe("earned-after");
  });
});
