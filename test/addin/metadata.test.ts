import { readFileSync } from "fs";
import { join } from "path";

// dist/ is built by `npm test` before jest runs.
interface Param {
  name: string;
  customEnumId?: string;
  dimensionality?: string;
  optional?: boolean;
  type?: string;
}
interface Fn {
  id: string;
  helpUrl?: string;
  options?: { volatile?: boolean };
  description: string;
  parameters: Param[];
  result: { dimensionality?: string; type?: string };
}
const metadata = JSON.parse(
  readFileSync(join(__dirname, "..", "..", "dist", "functions.json"), "utf8")
) as {
  functions: Fn[];
  enums?: { id: string; values: { stringValue: string }[] }[];
};
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
  it("links every function's help to the README's section on the functions", () => {
    const readme = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");
    expect(readme).toMatch(/^## Custom functions$/m);
    const homepage = (require("../../package.json") as { homepage: string }).homepage;
    for (const f of metadata.functions)
      expect({ id: f.id, help: f.helpUrl }).toEqual({
        id: f.id,
        help: homepage.replace(/#readme$/, "#custom-functions"),
      });
  });
  it("offers the tracks as choices (custom enums) wherever a function takes a track", () => {
    const values = (id: string): string[] =>
      metadata.enums?.find((e) => e.id === id)?.values.map((v) => v.stringValue) ?? [];
    expect(values("Track")).toEqual(["Enterprise", "SMB"]);
    expect(values("TrackOrBest")).toEqual(["Best", "Enterprise", "SMB"]);
    const tracks = metadata.functions.flatMap((f) =>
      f.parameters.filter((p) => p.name === "track").map((p) => [f.id, p.customEnumId])
    );
    expect(tracks.length).toBe(7);
    for (const [id, enumId] of tracks)
      expect([id, enumId]).toEqual([
        id,
        ["SCORE", "TREND", "GAP"].includes(id ?? "") ? "TrackOrBest" : "Track",
      ]);
  });
  it("makes SKILLING volatile (its default month is the month before today) and says so", () => {
    const skilling = byId.get("SKILLING");
    expect(skilling?.options?.volatile).toBe(true);
    expect(skilling?.description).toContain("Volatile");
    for (const f of metadata.functions.filter((f) => f.id !== "SKILLING"))
      expect({ id: f.id, volatile: f.options?.volatile ?? false }).toEqual({
        id: f.id,
        volatile: false,
      });
  });
});
