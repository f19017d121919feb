import { copyFileSync, mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import { runCli } from "../helpers/cli";
import JSZip from "jszip";
import { readFileSync } from "fs";
import { printSheet, recalculate, resave } from "../helpers/libreoffice";

// The scorecard workbook checked by a real spreadsheet engine: LibreOffice Calc recalculates it.
const sample = join(__dirname, "..", "..", "samples", "contoso-security.xlsx");
const dir = mkdtempSync(join(tmpdir(), "pcs-lo-test-"));

interface MonthJson {
  asOf: string;
  tracks: Record<"enterprise" | "smb", { total: number }>;
  qualified: boolean;
}

interface Json {
  tracks: Record<
    "enterprise" | "smb",
    { total: number; qualified: boolean; netCustomerAdds: { points: number } }
  >;
  bestTrack: string;
  history: MonthJson[];
  forecast: MonthJson[];
  firstMonthAtRisk: string | null;
  plan: Record<"enterprise" | "smb", { wins: { points: number; subject: string }[] }>;
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

  it("has the sections of the scorecard design, the long ones on sheets of their own", () => {
    const sheets = recalculate(book);
    const firsts = (name: string): string[] => (sheets.get(name) ?? []).map((r) => r[0] ?? "");
    const summarySheet = firsts("Security Scorecard");
    for (const title of [
      "Solutions Partner for Security: capability score",
      "As of",
      "Rules",
      "Generated",
      "Inputs",
      "Summary",
      "Best path",
      "Qualification",
    ])
      expect(summarySheet).toContain(title);
    expect(summarySheet.some((f) => f.startsWith("Points against the maximum"))).toBe(true);
    const sections: [string, string][] = [
      ["Scorecard – Breakdown", "Breakdown"],
      ["Scorecard – Breakdown", "Inputs and their row outcomes"],
      ["Scorecard – Customers", "Customers"],
      ["Scorecard – People", "People"],
      ["Scorecard – Data issues", "Data issues"],
      ["Scorecard – Outlook", "History and forecast"],
      ["Scorecard – Outlook", "Plan to qualify"],
      ["Scorecard – Rules", "Rules comparison"],
      ["Scorecard – Rules", "Notes"],
    ];
    for (const [sheet, prefix] of sections)
      expect([sheet, firsts(sheet).some((f) => f.startsWith(prefix))]).toEqual([sheet, true]);
    expect(
      firsts("Scorecard – Rules").filter((f) => f === "Decision").length
    ).toBeGreaterThanOrEqual(10);
  }, 60000);

  it("prints the summary on one landscape page with its chart, and each detail sheet landscape", async () => {
    const summaryPdf = await printSheet(book, "Security Scorecard");
    expect(summaryPdf.pages).toBe(1);
    expect(summaryPdf.landscape).toBe(true);
    // The chart's "Max" bars are the only thing drawn in this colour.
    expect(summaryPdf.colours.has("C7E0F4")).toBe(true);
    for (const sheet of ["Scorecard – Customers", "Scorecard – Outlook"]) {
      const pdf = await printSheet(book, sheet);
      expect([sheet, pdf.pages > 0, pdf.landscape]).toEqual([sheet, true, true]);
    }
  }, 120000);

  it("sets each detail sheet to print one page wide, its header row on every page", async () => {
    const zip = await JSZip.loadAsync(readFileSync(book));
    const workbook = await zip.file("xl/workbook.xml")!.async("string");
    expect(workbook).toMatch(
      /<definedName name="_xlnm.Print_Titles" localSheetId="\d+">'Scorecard – Customers'!\$\d+:\$\d+<\/definedName>/
    );
    const parts = Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f));
    const ours = (
      await Promise.all(parts.map(async (p) => (await zip.file(p)!.async("string")) ?? ""))
    ).filter((x) => x.includes("<headerFooter>"));
    expect(ours).toHaveLength(7);
    for (const x of ours) {
      expect(x).toMatch(/<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="[01]"\/>/);
      expect(x).toContain('<pageSetUpPr fitToPage="1"/>');
      expect(x).toMatch(
        /<oddFooter>&amp;LSecurity scorecard as of \d{4}-\d{2} \(rules \d{4}\), generated [\d-]+ [\d:]+&amp;RPage &amp;P of &amp;N<\/oddFooter>/
      );
    }
  }, 60000);

  it("writes the as-of month and generation time as dates, and the rules link as a link", async () => {
    const zip = await JSZip.loadAsync(readFileSync(book));
    const workbook = await zip.file("xl/workbook.xml")!.async("string");
    const names = [...workbook.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]);
    const marks = [
      ...workbook.matchAll(/<definedName name="SecurityPcsScorecard" localSheetId="(\d+)"/g),
    ].map((m) => names[Number(m[1])]);
    // Every sheet the command line writes is marked as its own; the user's sheets are not.
    expect(marks).toEqual(
      names.filter((n) => n === "Security Scorecard" || n?.startsWith("Scorecard – "))
    );
    expect(marks).toHaveLength(7);
    const sheet = recalculate(book).get("Security Scorecard") ?? [];
    const asOf = sheet.find((r) => r[0] === "As of");
    // LibreOffice exports a date cell in its own date form (a text cell would stay "2025-06").
    const [y, m] = (json as unknown as { asOf: string }).asOf.split("-");
    expect(asOf?.[1]).toBe(`${m}/01/${y}`);
    const generated = sheet.find((r) => r[0] === "Generated");
    // Seconds appear only because the cell holds a date-time value, not our text.
    expect(generated?.[1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const rels = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /^xl\/worksheets\/_rels\/sheet\d+\.xml\.rels$/.test(f))
        .map(async (f) => (await zip.file(f)!.async("string")) ?? "")
    );
    expect(
      rels.some((r) =>
        /Type="[^"]*\/hyperlink" Target="https:\/\/learn\.microsoft\.com\/[^"]+" TargetMode="External"/.test(
          r
        )
      )
    ).toBe(true);
  }, 60000);

  it("shows the rules comparison: each version's points for the same data, and what differs", () => {
    const sheet = recalculate(book).get("Scorecard – Rules") ?? [];
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

  it("carries the points-per-metric and month-by-month charts, which LibreOffice reads and keeps", async () => {
    const chartsOf = async (file: string): Promise<string[]> => {
      const zip = await JSZip.loadAsync(readFileSync(file));
      const parts = Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d*\.xml$/.test(f));
      return Promise.all(parts.map(async (p) => (await zip.file(p)?.async("string")) ?? ""));
    };
    const ours = await chartsOf(book);
    expect(ours).toHaveLength(2);
    expect(ours.find((c) => c.includes("<c:barChart>"))).toContain("'Security Scorecard'!$C$");
    const line = ours.find((c) => c.includes("<c:lineChart>")) ?? "";
    expect(line.match(/<c:ser>/g)).toHaveLength(5);
    expect(line).toContain('<a:prstDash val="dash"/>');
    const again = await chartsOf(resave(book));
    expect(again).toHaveLength(2);
    expect(again.some((c) => /Points per metric, (SMB|Enterprise) track/.test(c))).toBe(true);
    // LibreOffice imported the line chart with its five series and wrote it back.
    const back = again.find((c) => c.includes("Total points by month")) ?? "";
    expect(back).toContain("lineChart");
    expect(back.match(/<c:ser>/g)).toHaveLength(5);
    expect(back).toMatch(/(&apos;|')Scorecard – Outlook(&apos;|')!\$A\$\d+:\$A\$\d+/);
  }, 60000);

  it("shows the history and forecast month by month, and each track's plan, as the engine computed them", () => {
    const sheet = recalculate(book).get("Scorecard – Outlook") ?? [];
    const at = sheet.findIndex((r) => (r[0] ?? "").startsWith("History and forecast"));
    expect(at).toBeGreaterThan(0);
    const header = sheet.findIndex((r, i) => i > at && r[0] === "Month" && r[1] === "Enterprise");
    const months = [...json.history, ...json.forecast];
    const rows = sheet.slice(header + 1, header + 1 + months.length);
    rows.forEach((r, i) => {
      const m = months[i]!;
      expect(r[0]).toBe(m.asOf);
      const forecast = i >= json.history.length;
      expect(Number(r[forecast ? 3 : 1])).toBeCloseTo(m.tracks.enterprise.total, 1);
      expect(Number(r[forecast ? 4 : 2])).toBeCloseTo(m.tracks.smb.total, 1);
      expect(r[forecast ? 1 : 3]).toBe(i === json.history.length - 1 ? r[forecast ? 1 : 3] : "");
      expect(r[5]).toBe("70");
      expect(r[8]).toBe(String(m.qualified).toUpperCase());
    });
    const risk = sheet.find((r) => r[0] === "First month at risk");
    expect(risk?.[1]).toBe(json.firstMonthAtRisk ?? "none");
    const plan = sheet.findIndex((r) => (r[0] ?? "").startsWith("Plan to qualify"));
    expect(plan).toBeGreaterThan(at);
    const winsHeader = sheet.findIndex(
      (r, i) => i > plan && r[0] === "Metric" && r[1] === "Points"
    );
    const best = json.plan[json.bestTrack as "enterprise" | "smb"];
    const other = json.plan[json.bestTrack === "smb" ? "enterprise" : "smb"];
    const first = json.bestTrack === "enterprise" ? best : other;
    if (first.wins.length > 0) {
      expect(Number(sheet[winsHeader + 1]?.[1])).toBeCloseTo(first.wins[0]!.points, 1);
      expect(sheet[winsHeader + 1]?.[2]).toBe(first.wins[0]!.subject);
    }
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
