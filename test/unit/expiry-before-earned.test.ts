import { parseInputs } from "../../src/scoring";

// An expiry date before the earned date cannot be (the two columns are often swapped): the dates
// are read as they stand — the certification counts as expired — and a warning says so.

const HEADER = ["Email", "Certification", "Earned", "Expires"];

function warnings(rows: unknown[][]): string[] {
  const parsed = parseInputs({ certifications: { cells: [HEADER, ...rows], name: "Certs" } });
  return (parsed.certifications[0]?.issues ?? [])
    .filter((i) => i.severity === "warning")
    .map((i) => i.message);
}

describe("certifications that expire before they were earned", () => {
  it("warns once, with the first row and both dates, how many rows there are and what to do", () => {
    expect(
      warnings([
        ["ann@x.example", "AZ-500", "2025-06-01", "2024-06-01"],
        ["bob@x.example", "SC-200", "2024-01-05", "2026-01-05"],
        ["cy@x.example", "SC-300", "2025-03-01", "2024-03-01"],
      ])
    ).toEqual([
      "2 rows (first: row 2) expire before they were earned (Expires 2024-06-01, Earned 2025-06-01), which cannot be: if the two columns are swapped, swap their headers back; as the dates stand, those certifications count as expired.",
    ]);
    expect(warnings([["ann@x.example", "AZ-500", "2025-06-01", "2024-06-01"]])).toEqual([
      "Row 2 expires before it was earned (Expires 2024-06-01, Earned 2025-06-01), which cannot be: if the two columns are swapped, swap their headers back; as the dates stand, that certification counts as expired.",
    ]);
  });

  it("says nothing for an expiry on or after the earned date, a month-only expiry in the earned month, or none", () => {
    expect(
      warnings([
        ["ann@x.example", "AZ-500", "2025-06-01", "2025-06-01"],
        ["bob@x.example", "SC-200", "2025-06-15", "2025-06"],
        ["cy@x.example", "SC-300", "2025-03-01", ""],
        ["dee@x.example", "SC-100", "", "2024-03-01"],
      ])
    ).toEqual([]);
  });
});
