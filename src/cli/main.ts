import {
  formatMonth,
  Issue,
  isInputError,
  parseAsOf,
  RULES_IDS,
  ScoreResult,
  scoreParsed,
} from "../scoring";
import { addParsed, ParsedInputs, sharedRegistries } from "../scoring/parse-inputs";
import { TableKind } from "../scoring/headers";
import { terminalSummary } from "../report/terminal-summary";
import { parseScoreArgs, ScoreArgs, UsageError, USAGE } from "./args";
import { readCsvTable } from "./csv-reader";
import { PartRequest, PartRunner } from "./csv-split";
import { jsonPieces } from "./json-pieces";
import { writeUtf8Batches } from "./utf8-batches";
import { defaultOutPath, writeScorecardFile } from "./scorecard-file";
import { readWorkbook } from "./xlsx/read-workbook";
import { WorkbookExtension } from "./xlsx/package-parts";
import { ProgressReporter, rowsText, SILENT } from "./progress";

/** Where the command line writes. */
export interface Io {
  /** Writes a line. */
  out: (text: string) => void;
  /**
   * Writes UTF-8 bytes as they are (no line end); when given, `--json` is written through it in
   * batches of about a megabyte.
   */
  write?: (bytes: Uint8Array) => void;
  err: (text: string) => void;
  /** Progress while the work runs (a terminal's stderr; silent otherwise). */
  progress?: ProgressReporter;
  /** Reads the second part of a large Azure CSV file on another thread (the executable's worker). */
  split?: (request: PartRequest) => PartRunner;
}

function asOfMonth(args: ScoreArgs): number | undefined {
  if (args.asOf === undefined) return undefined;
  const month = /^\d{4}-\d{1,2}$/.test(args.asOf) ? parseAsOf(args.asOf) : -1;
  if (month < 0)
    throw new UsageError(`--as-of "${args.asOf}" is not a month: use YYYY-MM, e.g. 2025-06`);
  return month;
}

/** Reads the inputs: CSV files streamed one by one, or the tables of a workbook. */
async function readInputs(
  args: ScoreArgs,
  progress: ProgressReporter,
  split?: (request: PartRequest) => PartRunner
): Promise<{
  parsed: ParsedInputs;
  notes: Issue[];
  ownSheets: string[];
  date1904: boolean;
  extension: WorkbookExtension;
}> {
  if (args.workbook) {
    const { parsed, notes, ownSheets, parts } = await readWorkbook(
      args.workbook,
      args.decimalComma,
      (sheet, rows) => progress.step(`Reading ${sheet}: ${rowsText(rows)} rows`)
    );
    return { parsed, notes, ownSheets, date1904: parts.date1904, extension: parts.extension };
  }
  const parsed: ParsedInputs = { ...sharedRegistries(), azure: [], m365: [], certifications: [] };
  const files: [TableKind, string[]][] = [
    ["azure", args.azure],
    ["m365", args.m365],
    ["certifications", args.certs],
  ];
  for (const [expected, paths] of files)
    for (const path of paths)
      addParsed(
        parsed,
        readCsvTable(path, parsed, {
          expected,
          decimalComma: args.decimalComma,
          onRecords: (rows) => progress.step(`Reading ${path}: ${rowsText(rows)} rows`),
          split,
        })
      );
  return { parsed, notes: [], ownSheets: [], date1904: false, extension: ".xlsx" };
}

/** Inputs whose every data row is a row error: a score from them would be a score of nothing. */
function unreadableInputs(result: ScoreResult): string[] {
  return result.inputs
    .filter((i) => i.counts.errors > 0 && i.counts.errors === i.rows - i.counts.empty)
    .map((i) => i.table);
}

function rulesId(args: ScoreArgs): string | undefined {
  if (args.rules !== undefined && !RULES_IDS.includes(args.rules))
    throw new UsageError(
      `--rules "${args.rules}" is not a rules version: use ${RULES_IDS.join(" or ")} (or leave it out for the version in force in the as-of month)`
    );
  return args.rules;
}

/** The pieces, then a line end. */
function* withLineEnd(pieces: Iterable<string>): Generator<string> {
  yield* pieces;
  yield "\n";
}

/** The score as JSON: in pieces where the output takes them (never the whole text at once). */
function writeJson(result: ScoreResult, io: Io): void {
  const write = io.write;
  if (!write) {
    io.out(JSON.stringify(result, null, 2));
    return;
  }
  // About a megabyte per write: few system calls, and little text held at a time.
  writeUtf8Batches(withLineEnd(jsonPieces(result)), write);
}

/** Runs `security-pcs score …` and returns the exit code. */
async function score(argv: readonly string[], io: Io): Promise<number> {
  const args = parseScoreArgs(argv);
  const asOf = asOfMonth(args);
  const rules = rulesId(args);
  const progress = io.progress ?? SILENT;
  const { parsed, notes, ownSheets, date1904, extension } = await readInputs(
    args,
    progress,
    io.split
  );
  progress.step("Scoring");
  const result: ScoreResult = scoreParsed(parsed, {
    ...(asOf === undefined ? {} : { asOf }),
    ...(rules ? { rules } : {}),
  });
  result.issues.unshift(...notes);
  const unreadable = unreadableInputs(result);
  // A user asking for JSON does not expect a file: --json writes a workbook only with --out.
  const defaultOut =
    args.workbook && !args.json ? defaultOutPath(args.workbook, extension) : undefined;
  const outPath = unreadable.length > 0 ? undefined : (args.out ?? defaultOut);
  if (outPath) progress.step(`Writing ${outPath}`);
  if (outPath)
    await writeScorecardFile(outPath, result, args, {
      force: args.force,
      generated: new Date(),
      ownSheets,
      date1904,
      extension,
    });
  progress.done();
  if (args.json) writeJson(result, io);
  else {
    io.out(terminalSummary(result));
    if (outPath)
      io.out(`\nScorecard written to ${outPath} (as of ${formatMonth(parseAsOf(result.asOf))}).`);
  }
  if (unreadable.length > 0) {
    io.err(
      `security-pcs: every data row of ${unreadable.join(" and ")} is a row error, so there is nothing to score (see the issues above for the rows and what to fix); no scorecard was written.`
    );
    return 1;
  }
  return 0;
}

/**
 * The `security-pcs` command line. Exit codes: 0 scored (qualified or not); 1 an input whose
 * every row is a row error, or an unexpected failure; 2 bad command line or input (one line on
 * stderr naming the file and the problem).
 */
export async function main(argv: readonly string[], io: Io): Promise<number> {
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
    return await score(rest, io);
  } catch (error) {
    io.progress?.done();
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
