import { existsSync, rmSync, writeFileSync } from "fs";
import { join } from "path";
import { runCli } from "../helpers/cli";
import { caseOptions, expectCase, goldenCases } from "../helpers/golden";

// Each folder under test/cases is one scenario (see test/helpers/golden.ts). A mismatch writes
// actual.json next to the expectation.
const cases = goldenCases();

describe("golden cases", () => {
  it("has one folder per decision, per Microsoft example and per Partner Center layout", () => {
    expect(cases.length).toBeGreaterThanOrEqual(28);
  });
  it.each(cases.map((c) => c.name))("%s has a README saying what it proves", (name) => {
    expect(existsSync(join(cases.find((c) => c.name === name)!.dir, "README.md"))).toBe(true);
  });
  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const argv = [
      "score",
      "--json",
      ...c.files.flatMap((f) => [f.flag, f.path]),
      ...caseOptions(c.args),
    ];
    const { code, out, err } = await runCli(argv);
    expect(err).toBe("");
    expect(code).toBe(0);
    const actual = JSON.parse(out) as unknown;
    try {
      expectCase(actual, c.expected);
      rmSync(join(c.dir, "actual.json"), { force: true });
    } catch (error) {
      writeFileSync(join(c.dir, "actual.json"), JSON.stringify(actual, null, 2));
      throw error;
    }
  });
});
