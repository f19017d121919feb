import { execFileSync } from "child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { basename, join } from "path";
import { inflateSync } from "zlib";
import JSZip from "jszip";
import Papa from "papaparse";

const CSV_ALL_SHEETS =
  "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";

/** Runs LibreOffice headless on a workbook, recalculating every formula on load. */
function convert(xlsx: string, filter: string): string {
  const dir = mkdtempSync(join(tmpdir(), "pcs-lo-"));
  const profile = join(dir, "profile");
  mkdirSync(join(profile, "user"), { recursive: true });
  // Always recalculate OOXML files on load, whatever cached results they carry.
  writeFileSync(
    join(profile, "user", "registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`
  );
  const out = join(dir, "out");
  execFileSync(
    "soffice",
    [
      `-env:UserInstallation=file://${profile}`,
      "--headless",
      "--norestore",
      "--convert-to",
      filter,
      "--outdir",
      out,
      xlsx,
    ],
    {
      stdio: "pipe",
      timeout: 120000,
    }
  );
  return out;
}

/**
 * Opens a workbook in LibreOffice Calc (headless), recalculating every formula on load, and
 * returns each sheet as rows of text cells (values, not formats).
 * @param asShown cells as their number formats show them instead (`June 2025`, not `45809`)
 */
export function recalculate(xlsx: string, asShown = false): Map<string, string[][]> {
  const out = convert(
    xlsx,
    asShown
      ? CSV_ALL_SHEETS.replace(",true,false,false,false,-1", ",true,true,false,false,-1")
      : CSV_ALL_SHEETS
  );
  const stem = basename(xlsx).replace(/\.xlsx$/i, "");
  const sheets = new Map<string, string[][]>();
  for (const file of readdirSync(out)) {
    sheets.set(
      file.slice(stem.length + 1, -4),
      Papa.parse<string[]>(readFileSync(join(out, file), "utf8"), { header: false }).data
    );
  }
  return sheets;
}

/** Opens a workbook in LibreOffice and saves it again as .xlsx; returns the new file's path. */
export function resave(xlsx: string): string {
  const out = convert(xlsx, "xlsx");
  return join(out, readdirSync(out)[0] ?? "");
}

/** A copy of a workbook holding only `sheet` (the others left out of the workbook part). */
async function onlySheet(xlsx: string, sheet: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(xlsx));
  let workbook = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const escaped = sheet.replace(/&/g, "&amp;").replace(/'/g, "&apos;");
  let index = 0;
  let kept = -1;
  workbook = workbook.replace(/<sheet\b[^>]*\/>/g, (element) => {
    const i = index++;
    if (element.includes(`name="${escaped}"`)) {
      kept = i;
      return element;
    }
    return "";
  });
  if (kept < 0) throw new Error(`${xlsx} has no sheet ${sheet}`);
  workbook = workbook
    .replace(/<definedName\b[^>]*>[\s\S]*?<\/definedName>/g, (element) => {
      const local = /localSheetId="(\d+)"/.exec(element);
      return local && Number(local[1]) === kept
        ? element.replace(/localSheetId="\d+"/, 'localSheetId="0"')
        : "";
    })
    .replace(/activeTab="\d+"/, 'activeTab="0"')
    .replace(/firstSheet="\d+"/, 'firstSheet="0"');
  zip.file("xl/workbook.xml", workbook);
  const dir = mkdtempSync(join(tmpdir(), "pcs-only-"));
  const out = join(dir, "sheet.xlsx");
  writeFileSync(out, await zip.generateAsync({ type: "nodebuffer" }));
  return out;
}

/**
 * Prints one sheet of a workbook to PDF with LibreOffice (as File → Export as PDF would, with
 * the sheet's own page setup) and reports the pages: how many, whether all are landscape, and
 * every fill colour drawn (`RRGGBB`), by which a chart's series can be told apart from text.
 */
export async function printSheet(
  xlsx: string,
  sheet: string
): Promise<{ pages: number; landscape: boolean; colours: Set<string> }> {
  const copy = await onlySheet(xlsx, sheet);
  const out = convert(copy, "pdf");
  const bytes = readFileSync(join(out, "sheet.pdf"));
  const pdf = bytes.toString("latin1");
  const boxes = [
    ...pdf.matchAll(/\/Type\/Page\b[^>]*?\/MediaBox\[\s*([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)\s*\]/g),
  ];
  const colours = new Set<string>();
  for (const m of pdf.matchAll(/stream\r?\n/g)) {
    const start = (m.index ?? 0) + m[0].length;
    const end = pdf.indexOf("endstream", start);
    let text: string;
    try {
      text = inflateSync(bytes.subarray(start, end)).toString("latin1");
    } catch {
      continue;
    }
    for (const c of text.matchAll(/([\d.]+) ([\d.]+) ([\d.]+) rg/g))
      colours.add(
        [c[1], c[2], c[3]]
          .map((v) =>
            Math.round(Number(v) * 255)
              .toString(16)
              .padStart(2, "0")
          )
          .join("")
          .toUpperCase()
      );
  }
  return {
    pages: boxes.length,
    landscape: boxes.length > 0 && boxes.every((b) => Number(b[3]) > Number(b[4])),
    colours,
  };
}
