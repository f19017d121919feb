import { existsSync, readdirSync, readFileSync } from "fs";
import { join } from "path";

/**
 * Golden cases: each folder under test/cases is one scenario. Input files are named for their
 * kind (`azure.csv`, or `azure-1.csv`, `azure-2.csv` for several exports; `m365*.csv`;
 * `certs*.csv`), `args.json` holds options (`asOf`, `decimalComma`, `rules`), `expected.json` the
 * fields that matter (matched against `security-pcs score --json`) and README.md why.
 */
export const CASES_ROOT = join(__dirname, "..", "cases");

/** Options a case may set. */
export interface CaseArgs {
  asOf?: string;
  decimalComma?: boolean;
  rules?: string;
}

/** One golden case. */
export interface GoldenCase {
  name: string;
  dir: string;
  files: { flag: "--azure" | "--m365" | "--certs"; path: string }[];
  args: CaseArgs;
  expected: object;
}

const KINDS: [RegExp, "--azure" | "--m365" | "--certs"][] = [
  [/^azure(-\d+)?\.csv$/, "--azure"],
  [/^m365(-\d+)?\.csv$/, "--m365"],
  [/^certs(-\d+)?\.csv$/, "--certs"],
];

/** Every folder with an expected.json. */
export function goldenCases(): GoldenCase[] {
  return readdirSync(CASES_ROOT)
    .filter((name) => existsSync(join(CASES_ROOT, name, "expected.json")))
    .map((name) => {
      const dir = join(CASES_ROOT, name);
      const files = readdirSync(dir)
        .sort()
        .flatMap((file) => {
          const kind = KINDS.find(([re]) => re.test(file));
          return kind ? [{ flag: kind[1], path: join(dir, file) }] : [];
        });
      const argsFile = join(dir, "args.json");
      const args = existsSync(argsFile)
        ? (JSON.parse(readFileSync(argsFile, "utf8")) as CaseArgs)
        : {};
      const expected = JSON.parse(readFileSync(join(dir, "expected.json"), "utf8")) as object;
      return { name, dir, files, args, expected };
    });
}

/** The command-line options of a case's args (after its input files). */
export function caseOptions(args: CaseArgs): string[] {
  return [
    ...(args.asOf ? ["--as-of", args.asOf] : []),
    ...(args.decimalComma ? ["--decimal-comma"] : []),
    ...(args.rules ? ["--rules", args.rules] : []),
  ];
}

/**
 * Checks a result against a case's expectation: `toMatchObject` semantics (arrays must match in
 * length), except `issuesInclude`, whose issues must each be among the result's issues.
 */
export function expectCase(actual: unknown, expected: object): void {
  const { issuesInclude, ...rest } = expected as { issuesInclude?: object[] };
  expect(actual).toMatchObject(rest);
  const issues = (actual as { issues?: unknown[] }).issues ?? [];
  for (const issue of issuesInclude ?? [])
    expect(issues).toContainEqual(expect.objectContaining(issue));
}
