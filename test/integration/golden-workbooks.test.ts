import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { runCli } from "../helpers/cli";
import { caseOptions, expectCase, goldenCases } from "../helpers/golden";

// The same golden inputs in a workbook give the same numbers: `score --out` copies each CSV into
// a sheet (numbers as numbers in the file's own decimal convention, the rest as text, title lines
// kept), and scoring that workbook with --workbook must agree with scoring the CSV files.
const dir = mkdtempSync(join(tmpdir(), "pcs-golden-wb-"));

/** The expectation without what names the inputs (file paths there, sheet names here). */
function withoutNames(expected: object): object {
  const named = new Set(["inputs", "issues", "issuesInclude"]);
  return Object.fromEntries(Object.entries(expected).filter(([key]) => !named.has(key)));
}

describe("golden cases through --workbook", () => {
  it.each(goldenCases().map((c) => [c.name, c] as const))("%s", async (name, c) => {
    const book = join(dir, `${name}.xlsx`);
    const files = c.files.flatMap((f) => [f.flag, f.path]);
    const fromCsv = await runCli([
      "score",
      "--json",
      ...files,
      ...caseOptions(c.args),
      "--out",
      book,
    ]);
    expect(fromCsv.code).toBe(0);
    const options = caseOptions({ ...c.args, decimalComma: false });
    const fromBook = await runCli(["score", "--json", "--workbook", book, ...options]);
    expect(fromBook.err).toBe("");
    expect(fromBook.code).toBe(0);
    expectCase(JSON.parse(fromBook.out), withoutNames(c.expected));
  });
});
