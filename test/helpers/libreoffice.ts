import { execFileSync } from "child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { basename, join } from "path";
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
 */
export function recalculate(xlsx: string): Map<string, string[][]> {
  const out = convert(xlsx, CSV_ALL_SHEETS);
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
