import {
  closeSync,
  createReadStream,
  existsSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeSync,
} from "fs";
import { tmpdir } from "os";
import { basename, dirname, extname, join, resolve } from "path";
import { ScoreResult } from "../scoring";
import { parseNumber } from "../scoring/cells";
import { buildScorecardLayout } from "../report/layout";
import { a1 } from "../report/layout-model";
import { ScoreArgs, UsageError } from "./args";
import { csvFormatOf, eachCsvRow } from "./csv-reader";
import { DataSheet, writeWorkbookFile } from "./xlsx/write-package";
import { WorkbookExtension } from "./xlsx/package-parts";
import { escapeXml, NS, XML_HEAD } from "./xlsx/xml";

/**
 * The scorecard workbook the command line writes: a copy of the input workbook (every part kept
 * as it was) or, for CSV inputs, a new workbook holding each CSV file as a sheet, plus the
 * `Security Scorecard` sheet.
 */

/** Excel's last row: a CSV longer than this is copied up to it (the score reads every row). */
export const EXCEL_MAX_ROWS = 1_048_576;

/**
 * The default output next to the input: `BOOK-scorecard.xlsx` (`.xlsm` for a macro-enabled book).
 * @param extension the ending the input's kind of workbook needs (its copy is the output)
 */
export function defaultOutPath(workbook: string, extension: WorkbookExtension = ".xlsx"): string {
  const ext = extname(workbook);
  return join(dirname(workbook), `${basename(workbook, ext)}-scorecard${extension}`);
}

const KIND_OF: Record<WorkbookExtension, string> = {
  ".xlsx": "an .xlsx workbook",
  ".xlsm": "a macro-enabled workbook (.xlsm)",
  ".xltx": "an Excel template (.xltx)",
  ".xltm": "a macro-enabled Excel template (.xltm)",
};

/** Options of {@link writeScorecardFile}. */
export interface WriteOptions {
  force: boolean;
  generated: Date;
  /** The add-in's own sheets found in the input workbook (replaced). */
  ownSheets?: readonly string[];
  /** The input workbook (whose package the scorecard joins) uses the 1904 date system. */
  date1904?: boolean;
  /** The ending the output needs: the input workbook's kind (default `.xlsx`). */
  extension?: WorkbookExtension;
}

type Inputs = Pick<ScoreArgs, "workbook" | "azure" | "m365" | "certs" | "decimalComma">;

/**
 * Refuses an output the user would not want written: an ending Excel would refuse for its kind of
 * workbook, an input, or an existing file.
 * @param extension the ending the output needs (`.xlsm` when it is a copy of a macro-enabled book)
 */
export function checkOutPath(
  outPath: string,
  args: Inputs,
  force: boolean,
  extension: WorkbookExtension = ".xlsx"
): void {
  if (!outPath.toLowerCase().endsWith(extension))
    throw new UsageError(
      extension === ".xlsx"
        ? `${outPath}: the scorecard is an .xlsx workbook; give a file name ending in .xlsx`
        : `${outPath}: ${args.workbook ?? "the input"} is ${KIND_OF[extension]} and the scorecard is written into a copy of it (its macros and all kept), which Excel opens only under that ending; give a file name ending in ${extension}`
    );
  const inputs = [
    ...(args.workbook ? [args.workbook] : []),
    ...args.azure,
    ...args.m365,
    ...args.certs,
  ];
  if (inputs.some((p) => resolve(p) === resolve(outPath)))
    throw new UsageError(
      `${outPath}: is an input file; the input is never modified, so choose another --out`
    );
  if (existsSync(outPath) && !force)
    throw new UsageError(
      `${outPath}: already exists; use --force to overwrite it, or choose another --out`
    );
}

/**
 * A CSV cell as the workbook copy holds it: numbers written in the file's own convention
 * (`1.200,00` in a decimal-comma file) become numbers, as Excel makes them when it opens the file
 * in that locale; everything else stays text.
 */
function csvCellXml(ref: string, value: string, decimalComma: boolean): string {
  if (value === "") return "";
  const t = value.trim();
  if (/^[-(]?[0-9][0-9.,]*\)?$/.test(t)) {
    const n = parseNumber(t, decimalComma ? "comma" : "point");
    if (Number.isFinite(n)) return `<c r="${ref}"><v>${n}</v></c>`;
  }
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(value)}</t></is></c>`;
}

/**
 * Writes a CSV file as worksheet XML into a temporary file (so a large file is never held in
 * memory), up to Excel's last row.
 */
function csvSheetFile(path: string, decimalComma: boolean, into: string): void {
  const fd = openSync(into, "w");
  let pending: string[] = [];
  let size = 0;
  const flush = (): void => {
    writeSync(fd, pending.join(""));
    pending = [];
    size = 0;
  };
  const push = (text: string): void => {
    pending.push(text);
    size += text.length;
    if (size > 1 << 20) flush();
  };
  try {
    push(`${XML_HEAD}<worksheet xmlns="${NS.main}"><sheetData>`);
    let r = 0;
    const comma = csvFormatOf(path, decimalComma).format.decimalComma;
    eachCsvRow(path, decimalComma, (cells) => {
      r++;
      push(
        `<row r="${r}">${cells.map((v, c) => csvCellXml(a1(r - 1, c), v, comma)).join("")}</row>`
      );
      return r < EXCEL_MAX_ROWS;
    });
    push(`</sheetData></worksheet>`);
    flush();
  } finally {
    closeSync(fd);
  }
}

/** The CSV inputs as sheets named for their kind: Azure, Microsoft 365, Certifications. */
function csvSheets(args: Inputs, folder: string): DataSheet[] {
  const named = (kind: string, paths: readonly string[]): [string, string][] =>
    paths.map((p, i) => [`${kind}${i > 0 ? ` ${i + 1}` : ""}`, p]);
  return [
    ...named("Azure", args.azure),
    ...named("Microsoft 365", args.m365),
    ...named("Certifications", args.certs),
  ].map(([name, path], i) => {
    const file = join(folder, `sheet${i + 1}.xml`);
    return {
      name,
      content: () => {
        csvSheetFile(path, args.decimalComma, file);
        return createReadStream(file);
      },
    };
  });
}

/**
 * Writes the scorecard workbook. Never writes over an input; refuses an existing file unless
 * `force`. A CSV input longer than Excel's sheet is copied up to Excel's last row (noted on the
 * scorecard; the score used every row).
 */
export async function writeScorecardFile(
  outPath: string,
  result: ScoreResult,
  args: Inputs,
  options: WriteOptions
): Promise<void> {
  checkOutPath(outPath, args, options.force, options.extension);
  if (!args.workbook)
    for (const input of result.inputs)
      if (input.rows + 1 > EXCEL_MAX_ROWS)
        result.issues.push({
          severity: "info",
          table: input.table,
          row: null,
          message: `${input.table} has ${input.rows.toLocaleString("en-US")} data rows, more than an Excel sheet holds: the workbook copy stops at row ${EXCEL_MAX_ROWS.toLocaleString("en-US")}; the score used every row.`,
        });
  const layout = buildScorecardLayout(result, {
    generated: options.generated,
    date1904: options.date1904 === true && args.workbook !== undefined,
  });
  const folder = mkdtempSync(join(tmpdir(), "security-pcs-"));
  try {
    await writeWorkbookFile(outPath, {
      base: args.workbook ?? null,
      replace: options.ownSheets ?? [],
      data: args.workbook ? [] : csvSheets(args, folder),
      sheets: layout.sheets,
    });
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `${outPath}: cannot be written (${code ?? "write failed"}); check the folder exists and is writable`
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
