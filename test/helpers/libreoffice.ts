import { execFileSync } from "child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { basename, join } from "path";
import Papa from "papaparse";

/**
 * Opens a workbook in LibreOffice Calc (headless), recalculating every formula on load, and
 * returns each sheet as rows of text cells (values, not formats).
 */
export function recalculate(xlsx: string): Map<string, string[][]> {
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
  const out = join(dir, "csv");
  execFileSync(
    "soffice",
    [
      `-env:UserInstallation=file://${profile}`,
      "--headless",
      "--norestore",
      "--convert-to",
      "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
      "--outdir",
      out,
      xlsx,
    ],
    { stdio: "pipe", timeout: 120000 }
  );
  const stem = basename(xlsx).replace(/\.xlsx$/i, "");
  const sheets = new Map<string, string[][]>();
  for (const file of require("fs").readdirSync(out) as string[]) {
    const name = file.slice(stem.length + 1, -4);
    sheets.set(
      name,
      Papa.parse<string[]>(readFileSync(join(out, file), "utf8"), { header: false }).data
    );
  }
  return sheets;
}
