import { readFileSync } from "fs";
import { join } from "path";

// dist/ is built by `npm test` before jest runs.
interface Param {
  name: string;
  dimensionality?: string;
  optional?: boolean;
  type?: string;
}
interface Fn {
  id: string;
  description: string;
  parameters: Param[];
  result: { dimensionality?: string; type?: string };
}
const metadata = JSON.parse(
  readFileSync(join(__dirname, "..", "..", "dist", "functions.json"), "utf8")
) as { functions: Fn[] };
const byId = new Map(metadata.functions.map((f) => [f.id, f]));

describe("functions.json", () => {
  it("lists exactly the ten SECURITY functions", () => {
    expect([...byId.keys()].sort()).toEqual([
      "DEPLOYMENTS",
      "ELIGIBLE",
      "GAP",
      "NETADDS",
      "QUALIFIED",
      "SCORE",
      "SCORECARD",
      "SKILLING",
      "TREND",
      "USAGEGROWTH",
    ]);
  });
  it("takes ranges as matrices, with optional arguments marked", () => {
    const netadds = byId.get("NETADDS");
    expect(
      netadds?.parameters.map((p) => [p.name, p.dimensionality ?? "scalar", p.optional ?? false])
    ).toEqual([
      ["usage", "matrix", false],
      ["moreUsage", "matrix", true],
      ["track", "scalar", true],
      ["asOf", "scalar", true],
      ["rules", "scalar", true],
    ]);
    expect(byId.get("SCORE")?.parameters.map((p) => p.optional ?? false)).toEqual([
      false,
      false,
      false,
      true,
      true,
      true,
    ]);
    // Every function that takes an as-of month takes the rules version last.
    for (const f of metadata.functions.filter((f) => f.parameters.some((p) => p.name === "asOf")))
      expect(f.parameters[f.parameters.length - 1]?.name).toBe("rules");
    for (const id of ["SCORECARD", "TREND", "GAP"])
      expect(byId.get(id)?.result.dimensionality).toBe("matrix");
    expect(byId.get("QUALIFIED")?.result.type).toBe("boolean");
  });
  it("carries help text with an example for every function and every parameter", () => {
    for (const f of metadata.functions) {
      expect(f.description).toMatch(/Example: =SECURITY\.|=SECURITY\./);
      for (const p of f.parameters)
        expect((p as { description?: string }).description ?? "").not.toBe("");
    }
  });
});
