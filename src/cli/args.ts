/** A command-line problem: printed as one line, exit code 2. */
export class UsageError extends Error {
  /** @param message the one line shown on stderr */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Options of `security-pcs score`. */
export interface ScoreArgs {
  azure?: string;
  m365?: string;
  certs?: string;
  workbook?: string;
  asOf?: string;
  out?: string;
  json: boolean;
  force: boolean;
}

/** The command line's help text. */
export const USAGE = `Usage: security-pcs score [--azure FILE] [--m365 FILE] [--certs FILE] [--as-of YYYY-MM] [--json] [--out OUT.xlsx] [--force]
       security-pcs score --workbook BOOK.xlsx [--as-of YYYY-MM] [--out OUT.xlsx] [--force] [--json]

Computes the Solutions Partner for Security capability score (rules 2025) for both tracks.
  --azure FILE      Azure consumption CSV (one row per tenant, month, service)
  --m365 FILE       Microsoft 365 licences CSV (one row per tenant, month, workload)
  --certs FILE      certifications CSV (one row per person and certification)
  --workbook FILE   an .xlsx workbook whose sheets or tables hold the inputs (found by their headers)
  --as-of YYYY-MM   the month to score (default: the latest month in the usage data)
  --json            print the full result as JSON instead of the summary
  --out FILE        write a scorecard workbook (.xlsx); with --workbook it defaults to BOOK-scorecard.xlsx
  --force           overwrite the --out file if it exists`;

const VALUE_OPTIONS: Record<string, keyof ScoreArgs> = {
  "--azure": "azure",
  "--m365": "m365",
  "--certs": "certs",
  "--workbook": "workbook",
  "--as-of": "asOf",
  "--out": "out",
};

/**
 * Parses `score` arguments (after the command word). Accepts `--opt value` and `--opt=value`.
 * @throws UsageError for an unknown option, a missing value or no input
 */
export function parseScoreArgs(argv: readonly string[]): ScoreArgs {
  const args: ScoreArgs = { json: false, force: false };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] ?? "";
    const eq = raw.startsWith("--") ? raw.indexOf("=") : -1;
    const name = eq > 0 ? raw.slice(0, eq) : raw;
    if (name === "--json") args.json = true;
    else if (name === "--force") args.force = true;
    else if (name in VALUE_OPTIONS) {
      const value = eq > 0 ? raw.slice(eq + 1) : argv[++i];
      if (value === undefined || value === "" || (eq < 0 && value.startsWith("--")))
        throw new UsageError(`${name} needs a value (see security-pcs --help)`);
      const key = VALUE_OPTIONS[name] as "azure";
      args[key] = value;
    } else throw new UsageError(`unknown option ${raw} (see security-pcs --help)`);
  }
  if (!args.azure && !args.m365 && !args.certs && !args.workbook) {
    throw new UsageError(
      "no input: give --azure, --m365 and/or --certs CSV files, or --workbook BOOK.xlsx (see security-pcs --help)"
    );
  }
  if (args.workbook && (args.azure || args.m365 || args.certs)) {
    throw new UsageError(
      "--workbook cannot be combined with --azure, --m365 or --certs: give either a workbook or CSV files"
    );
  }
  return args;
}
