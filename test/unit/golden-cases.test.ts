import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { join } from "path";
import { runCli } from "../helpers/cli";

// Each folder under test/cases is one scenario: input CSVs, optional args.json ({"asOf": "YYYY-MM"}),
// expected.json (the fields that matter, matched against `security-pcs score --json`), README.md
// (why those numbers). A mismatch writes actual.json next to the expectation.
const root = join(__dirname, "..", "cases");
const cases = readdirSync(root).filter((name) => existsSync(join(root, name, "expected.json")));

describe("golden cases", () => {
  it("has one folder per decision and per Microsoft example", () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });
  it.each(cases)("%s", async (name) => {
    const dir = join(root, name);
    const argv = ["score", "--json"];
    for (const [file, flag] of [
      ["azure.csv", "--azure"],
      ["m365.csv", "--m365"],
      ["certs.csv", "--certs"],
    ]) {
      if (existsSync(join(dir, file!))) argv.push(flag!, join(dir, file!));
    }
    if (existsSync(join(dir, "args.json"))) {
      const args = JSON.parse(readFileSync(join(dir, "args.json"), "utf8")) as { asOf?: string };
      if (args.asOf) argv.push("--as-of", args.asOf);
    }
    const { code, out, err } = await runCli(argv);
    expect(err).toBe("");
    expect(code).toBe(0);
    const actual = JSON.parse(out) as unknown;
    const expected = JSON.parse(readFileSync(join(dir, "expected.json"), "utf8")) as object;
    try {
      expect(actual).toMatchObject(expected);
      rmSync(join(dir, "actual.json"), { force: true });
    } catch (error) {
      writeFileSync(join(dir, "actual.json"), JSON.stringify(actual, null, 2));
      throw error;
    }
  });
});
