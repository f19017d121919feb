import { spawnSync } from "child_process";
import {
  closeSync,
  createReadStream,
  createWriteStream,
  openSync,
  readFileSync,
  writeFileSync,
  writeSync,
} from "fs";
import { join } from "path";
import JSZip from "jszip";
import { a1 } from "../src/report/layout-model";
import { CONTENT_TYPE, escapeXml, NS, XML_HEAD } from "../src/cli/xlsx/xml";

/**
 * Files for the end-to-end figures: CSV files and .xlsx workbooks written row by row from the
 * bench's generators (never held whole), and the command line run on them as a user runs it,
 * with its wall time and peak resident memory.
 */

/** An Excel serial date (the generators' months) as the ISO date a CSV export writes. */
function csvText(value: unknown): string {
  if (typeof value === "number" && value > 40000 && value < 60000 && Number.isInteger(value))
    return new Date(Math.round((value - 25569) * 86400000)).toISOString().slice(0, 10);
  const s = String(value ?? "");
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Buffered writes to a file descriptor. */
function bufferedWriter(fd: number): { write(text: string): void; end(): void } {
  let parts: string[] = [];
  let size = 0;
  const flush = (): void => {
    writeSync(fd, parts.join(""));
    parts = [];
    size = 0;
  };
  return {
    write(text) {
      parts.push(text);
      size += text.length;
      if (size > 1 << 22) flush();
    },
    end() {
      flush();
      closeSync(fd);
    },
  };
}

/** Writes a CSV file (comma-separated, ISO dates) from a header and rows; returns its size. */
export function writeCsv(
  path: string,
  header: readonly unknown[],
  rows: Iterable<unknown[]>
): void {
  const out = bufferedWriter(openSync(path, "w"));
  out.write(`${header.map(csvText).join(",")}\n`);
  for (const row of rows) out.write(`${row.map(csvText).join(",")}\n`);
  out.end();
}

/**
 * Writes a one-sheet .xlsx workbook as LibreOffice and Excel save one: text in the shared-strings
 * part, numbers in cells, months as text `YYYY-MM`. The sheet's XML goes through a temporary file.
 */
export async function writeXlsx(
  path: string,
  sheetName: string,
  header: readonly unknown[],
  rows: Iterable<unknown[]>,
  scratch: string
): Promise<void> {
  const strings = new Map<string, number>();
  const shared = (s: string): number => {
    let i = strings.get(s);
    if (i === undefined) strings.set(s, (i = strings.size));
    return i;
  };
  const cell = (r: number, c: number, v: unknown): string => {
    if (typeof v === "number" && !(v > 40000 && v < 60000 && Number.isInteger(v)))
      return `<c r="${a1(r - 1, c)}"><v>${v}</v></c>`;
    const text =
      typeof v === "number"
        ? new Date(Math.round((v - 25569) * 86400000)).toISOString().slice(0, 7)
        : String(v ?? "");
    return text === "" ? "" : `<c r="${a1(r - 1, c)}" t="s"><v>${shared(text)}</v></c>`;
  };
  const sheetFile = join(scratch, "sheet1.xml");
  const out = bufferedWriter(openSync(sheetFile, "w"));
  out.write(
    `${XML_HEAD}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
  );
  let r = 0;
  for (const row of [header, ...rows])
    out.write(`<row r="${++r}">${row.map((v, c) => cell(r, c, v)).join("")}</row>`);
  out.write(`</sheetData></worksheet>`);
  out.end();
  const sst = [...strings.keys()].map((s) => `<si><t>${escapeXml(s)}</t></si>`).join("");
  const main = NS.main;
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${CONTENT_TYPE.workbook}"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CONTENT_TYPE.worksheet}"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`
  );
  zip.file(
    "_rels/.rels",
    `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${NS.relType("officeDocument")}" Target="xl/workbook.xml"/></Relationships>`
  );
  zip.file(
    "xl/workbook.xml",
    `${XML_HEAD}<workbook xmlns="${main}" xmlns:r="${NS.rel}"><sheets><sheet name="${escapeXml(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`
  );
  zip.file(
    "xl/_rels/workbook.xml.rels",
    `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${NS.relType("worksheet")}" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${NS.relType("sharedStrings")}" Target="sharedStrings.xml"/></Relationships>`
  );
  zip.file(
    "xl/sharedStrings.xml",
    `${XML_HEAD}<sst xmlns="${main}" count="${strings.size}" uniqueCount="${strings.size}">${sst}</sst>`
  );
  zip.file("xl/worksheets/sheet1.xml", createReadStream(sheetFile));
  await new Promise<void>((resolve, reject) =>
    zip
      .generateNodeStream({ type: "nodebuffer", streamFiles: true, compression: "DEFLATE" })
      .pipe(createWriteStream(path))
      .on("finish", resolve)
      .on("error", reject)
  );
}

/** A run of the command line: wall time, peak resident memory, exit code. */
export interface CliRun {
  ms: number;
  rssMiB: number;
  code: number;
  stderr: string;
}

/**
 * Runs `security-pcs` as a user does (a new Node process; stdout to a file) and measures it. The
 * peak resident set size is the process's own `maxRSS`, written by a preloaded hook at exit.
 */
export function runCli(cli: string, args: string[], scratch: string, stdoutFile: string): CliRun {
  const hook = join(scratch, "max-rss.js");
  const rssFile = join(scratch, "max-rss.txt");
  writeFileSync(
    hook,
    `process.on("exit", () => require("fs").writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`
  );
  writeFileSync(rssFile, "0");
  const out = openSync(stdoutFile, "w");
  const start = process.hrtime.bigint();
  const res = spawnSync(process.execPath, ["--require", hook, cli, ...args], {
    stdio: ["ignore", out, "pipe"],
    maxBuffer: 64 << 20,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  closeSync(out);
  return {
    ms,
    rssMiB: Number(readFileSync(rssFile, "utf8")) / 1024,
    code: res.status ?? 1,
    stderr: String(res.stderr ?? ""),
  };
}
