import {
  formatMonth,
  Inputs,
  isInputError,
  parseAsOf,
  Rules,
  RULES_2025,
  scoreTables,
  ScoreResult,
} from "../scoring";
import { terminalSummary } from "../report/terminal-summary";
import { parseScoreArgs, ScoreArgs, UsageError, USAGE } from "./args";
import { readCsv } from "./csv";
import { defaultOutPath, readWorkbookInputs, writeScorecardFile } from "./workbook";

/** Where the command line writes. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

function asOfMonth(args: ScoreArgs): number | undefined {
  if (args.asOf === undefined) return undefined;
  const month = /^\d{4}-\d{1,2}$/.test(args.asOf) ? parseAsOf(args.asOf) : -1;
  if (month < 0)
    throw new UsageError(`--as-of "${args.asOf}" is not a month: use YYYY-MM, e.g. 2025-06`);
  return month;
}

async function gatherInputs(args: ScoreArgs): Promise<Inputs> {
  if (args.workbook) return readWorkbookInputs(args.workbook);
  const inputs: Inputs = {};
  if (args.azure) inputs.azure = { cells: readCsv(args.azure), name: args.azure };
  if (args.m365) inputs.m365 = { cells: readCsv(args.m365), name: args.m365 };
  if (args.certs) inputs.certifications = { cells: readCsv(args.certs), name: args.certs };
  return inputs;
}

/** Runs `security-pcs score …` and returns the exit code. */
async function score(argv: readonly string[], io: Io, rules: Rules): Promise<number> {
  const args = parseScoreArgs(argv);
  const asOf = asOfMonth(args);
  const inputs = await gatherInputs(args);
  const result: ScoreResult = scoreTables(inputs, rules, asOf === undefined ? {} : { asOf });
  const outPath = args.out ?? (args.workbook ? defaultOutPath(args.workbook) : undefined);
  if (outPath)
    await writeScorecardFile(outPath, result, inputs, {
      force: args.force,
      generated: new Date(),
      rules,
      ...(args.workbook ? { workbook: args.workbook } : {}),
    });
  if (args.json) io.out(JSON.stringify(result, null, 2));
  else {
    io.out(terminalSummary(result));
    if (outPath)
      io.out(`\nScorecard written to ${outPath} (as of ${formatMonth(parseAsOf(result.asOf))}).`);
  }
  return 0;
}

/**
 * The `security-pcs` command line. Exit codes: 0 scored (qualified or not), 2 bad command line
 * or input (one line on stderr naming the file and the problem), 1 unexpected failure.
 */
export async function main(
  argv: readonly string[],
  io: Io,
  rules: Rules = RULES_2025
): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    }
    if (command !== "score")
      throw new UsageError(
        `unknown command "${command}": the command is "score" (see security-pcs --help)`
      );
    if (rest.includes("--help") || rest.includes("-h")) {
      io.out(USAGE);
      return 0;
    }
    return await score(rest, io, rules);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`security-pcs: ${error.message}`);
      return 2;
    }
    if (isInputError(error)) {
      io.err(`security-pcs: ${error.table}: ${error.detail}`);
      return 2;
    }
    // Never a stack trace: one line that says what failed.
    io.err(
      `security-pcs: unexpected failure: ${error instanceof Error ? error.message : String(error)}`
    );
    return 1;
  }
}
