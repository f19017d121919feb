import { copyFileSync, mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import { runCli } from "../helpers/cli";
import JSZip from "jszip";
import { readFileSync } from "fs";
import { recalculate, resave } from "../helpers/libreoffice";

// The scorecard workbook checked by a real spreadsheet engine: LibreOffice Calc recalculates it.
const sample = join(__dirname, "..", "..", "samples", "contoso-security.xlsx");
const dir = mkdtempSync(join(tmpdir(), "pcs-lo-test-"));

interface Json {
  tracks: Record<
    "enterprise" | "smb",
    { total: number; qualified: boolean; netCustomerAdds: { points: number } }
  >;
  bestTrack: string;
}

function summary(rows: string[][]): Record<string, string[]> {
  const header = rows.findIndex((r) => r.slice(0, 4).join(",") === "Metric,Max,Enterprise,SMB");
  const out: Record<string, string[]> = {};
  for (const r of rows.slice(header + 1, header + 8)) out[r[0] ?? ""] = r.slice(1, 4);
  return out;
}

describe("the scorecard workbook in LibreOffice", () => {
  let json: Json;
  let book: string;
  beforeAll(async () => {
    book = join(dir, "scorecard.xlsx");
    const res = await runCli(["score", "--workbook", sample, "--out", book, "--json"]);
    expect(res.code).toBe(0);
    json = JSON.parse(res.out);
  }, 60000);

  it("computes Total and Qualified in ScoreSummary to the engine's numbers", () => {
    const sheet = recalculate(book).get("Security Scorecard") ?? [];
    const s = summary(sheet);
    expect(Number(s.Total?.[1])).toBeCloseTo(json.tracks.enterprise.total, 9);
    expect(Number(s.Total?.[2])).toBeCloseTo(json.tracks.smb.total, 9);
    expect(s.Qualified?.slice(1)).toEqual([
      String(json.tracks.enterprise.qualified).toUpperCase(),
      String(json.tracks.smb.qualified).toUpperCase(),
    ]);
    expect(s["Best path"]?.[0]).toBe(json.bestTrack === "smb" ? "SMB" : "Enterprise");
  }, 60000);

  it("has the sections of the scorecard design", () => {
    const sheet = recalculate(book).get("Security Scorecard") ?? [];
    const firsts = sheet.map((r) => r[0] ?? "");
    for (const title of [
      "Solutions Partner for Security: capability score",
      "As of",
      "Rules",
      "Generated",
      "Inputs",
      "Summary",
      "Best path",
    ])
      expect(firsts).toContain(title);
    for (const prefix of [
      "Breakdown",
      "Customers",
      "People",
      "Data issues",
      "Notes",
      "Points against the maximum",
    ]) {
      expect(firsts.some((f) => f.startsWith(prefix))).toBe(true);
    }
    expect(firsts.filter((f) => f === "Decision").length).toBeGreaterThanOrEqual(10);
  }, 60000);

  it("shows the rules comparison: each version's points for the same data, and what differs", () => {
    const sheet = recalculate(book).get("Security Scorecard") ?? [];
    const at = sheet.findIndex((r) => (r[0] ?? "").startsWith("Rules comparison"));
    expect(at).toBeGreaterThan(0);
    const header = sheet.slice(at).find((r) => r[0] === "Metric" && r[1] === "Track");
    expect(header?.slice(0, 4)).toEqual(["Metric", "Track", "Rules 2025", "Rules 2026"]);
    const total = sheet.slice(at).find((r) => r[0] === "Total" && r[1] === "SMB");
    expect(Number(total?.[2])).toBeCloseTo(json.tracks.smb.total, 9);
    const kinds = sheet.slice(at).find((r) => r[0] === "Kind" && r[1] === "Subject");
    expect(kinds?.slice(5, 7)).toEqual(["Rules 2025", "Rules 2026"]);
    expect(
      sheet.slice(at).some((r) => r[0] === "tenant" && (r[6] ?? "").includes("stickiness"))
    ).toBe(true);
  }, 60000);

  it("carries the points-per-metric chart, which LibreOffice reads and keeps", async () => {
    const ours = await JSZip.loadAsync(readFileSync(book));
    const parts = Object.keys(ours.files).filter((f) => /^xl\/charts\/chart\d*\.xml$/.test(f));
    expect(parts).toHaveLength(1);
    const chart = await ours.file(parts[0]!)?.async("string");
    expect(chart).toContain("<c:barChart>");
    expect(chart).toContain("'Security Scorecard'!$C$");
    const again = await JSZip.loadAsync(readFileSync(resave(book)));
    const charts = Object.keys(again.files).filter((f) => /^xl\/charts\/chart\d*\.xml$/.test(f));
    expect(charts).toHaveLength(1);
    expect(await again.file(charts[0]!)?.async("string")).toMatch(
      /Points per metric, (SMB|Enterprise) track/
    );
  }, 60000);

  it("really recalculates: a metric changed by hand changes Total and Qualified", async () => {
    const tampered = join(dir, "tampered.xlsx");
    copyFileSync(book, tampered);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(tampered);
    const ws = wb.getWorksheet("Security Scorecard");
    let row = 0;
    ws?.eachRow((r, n) => {
      if (r.getCell(1).value === "Net customer adds" && row === 0) row = n;
    });
    ws!.getCell(`D${row}`).value = 0; // SMB net customer adds → 0: SMB no longer qualifies
    await wb.xlsx.writeFile(tampered);
    const s = summary(recalculate(tampered).get("Security Scorecard") ?? []);
    expect(Number(s.Total?.[2])).toBeCloseTo(
      json.tracks.smb.total - json.tracks.smb.netCustomerAdds.points,
      9
    );
    expect(s.Qualified?.[2]).toBe("FALSE");
  }, 60000);
});
