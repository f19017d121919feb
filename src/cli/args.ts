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
  azure: string[];
  m365: string[];
  certs: string[];
  workbook?: string;
  asOf?: string;
  /** The rules version named with --rules; default the one in force in the as-of month. */
  rules?: string;
  out?: string;
  json: boolean;
  force: boolean;
  decimalComma: boolean;
}

/** The command line's help text. */
export const USAGE = `Usage: security-pcs score [--azure FILE]... [--m365 FILE]... [--certs FILE]... [--as-of YYYY-MM] [--rules 2025|2026] [--decimal-comma] [--json] [--out OUT.xlsx] [--force]
       security-pcs score --workbook BOOK.xlsx [--as-of YYYY-MM] [--rules 2025|2026] [--decimal-comma] [--out OUT.xlsx] [--force] [--json]

Computes the Solutions Partner for Security capability score for both tracks.
  --azure FILE      Azure consumption CSV (Partner Center's Azure usage report as downloaded, or your own);
                    give it more than once for several exports: they are scored together
  --m365 FILE       Microsoft 365 licences CSV (Office 365 or Enterprise Mobility licence usage report, or
                    your own); may be given more than once
  --certs FILE      certifications CSV (Partner Center's "Trainings, exams and certifications", or your own)
  --workbook FILE   an .xlsx (or macro-enabled .xlsm) workbook whose sheets or tables hold the inputs
                    (found by their headers)
  --as-of YYYY-MM   the month to score (default: the latest month in the usage data)
  --rules ID        the rules version, 2025 or 2026 (default: the one in force in the as-of month;
                    2026 from 2026-05); the other versions are shown for comparison
  --decimal-comma   amounts are written with decimal commas (1.250,50); a semicolon-separated CSV always is
  --json            print the full result as JSON instead of the summary
  --out FILE        write a scorecard workbook (.xlsx); with --workbook it defaults to BOOK-scorecard.xlsx
                    (.xlsm for a macro-enabled workbook, whose copy keeps its macros)
  --force           overwrite the --out file if it exists

CSV files are read as they are: UTF-8 (with or without BOM), comma-, semicolon- or tab-separated, with
title lines above the header row allowed.
Exit codes: 0 scored; 1 an input whose every data row is a row error, or an unexpected failure;
2 a bad command line, a missing or unreadable file, or a table without its required columns.`;

const LIST_OPTIONS: Record<string, "azure" | "m365" | "certs"> = {
  "--azure": "azure",
  "--m365": "m365",
  "--certs": "certs",
};
const VALUE_OPTIONS: Record<string, "workbook" | "asOf" | "out" | "rules"> = {
  "--workbook": "workbook",
  "--as-of": "asOf",
  "--out": "out",
  "--rules": "rules",
};

/**
 * Parses `score` arguments (after the command word). Accepts `--opt value` and `--opt=value`.
 * @throws UsageError for an unknown option, a missing value or no input
 */
export function parseScoreArgs(argv: readonly string[]): ScoreArgs {
  const args: ScoreArgs = {
    azure: [],
    m365: [],
    certs: [],
    json: false,
    force: false,
    decimalComma: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] ?? "";
    const eq = raw.startsWith("--") ? raw.indexOf("=") : -1;
    const name = eq > 0 ? raw.slice(0, eq) : raw;
    if (name === "--json") args.json = true;
    else if (name === "--force") args.force = true;
    else if (name === "--decimal-comma") args.decimalComma = true;
    else if (name in LIST_OPTIONS || name in VALUE_OPTIONS) {
      const value = eq > 0 ? raw.slice(eq + 1) : argv[++i];
      if (value === undefined || value === "" || (eq < 0 && value.startsWith("--")))
        throw new UsageError(`${name} needs a value (see security-pcs --help)`);
      const list = LIST_OPTIONS[name];
      if (list) args[list].push(value);
      else args[VALUE_OPTIONS[name] as "workbook"] = value;
    } else throw new UsageError(`unknown option ${raw} (see security-pcs --help)`);
  }
  const csv = args.azure.length + args.m365.length + args.certs.length;
  if (csv === 0 && !args.workbook) {
    throw new UsageError(
      "no input: give --azure, --m365 and/or --certs CSV files, or --workbook BOOK.xlsx (see security-pcs --help)"
    );
  }
  if (args.workbook && csv > 0) {
    throw new UsageError(
      "--workbook cannot be combined with --azure, --m365 or --certs: give either a workbook or CSV files"
    );
  }
  return args;
}
