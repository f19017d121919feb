import { createHash } from "crypto";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { runCli } from "../helpers/cli";
import { recalculate } from "../helpers/libreoffice";
import { DETAIL_SHEETS } from "../../src/report/layout";

const sample = join(__dirname, "..", "..", "samples", "contoso-security.xlsx");
const dir = mkdtempSync(join(tmpdir(), "pcs-wb-"));
const hash = (p: string): string => createHash("sha256").update(readFileSync(p)).digest("hex");

/** A workbook as a partner would build it by hand: real dates and numbers, sheet names of their own. */
async function heldOutStyleWorkbook(path: string, date1904 = false): Promise<void> {
  const wb = new ExcelJS.Workbook();
  // Excel for Mac's old default: dates are stored as days since 1904-01-01.
  wb.properties.date1904 = date1904;
  const az = wb.addWorksheet("Azure");
  az.addRow([
    "Usage Month",
    "Tenant ID",
    "Customer",
    "Meter Category",
    "Offer Type",
    "Attribution",
    "Consumed Revenue",
  ]);
  for (let m = 0; m < 24; m++) {
    const month = new Date(Date.UTC(2023, 6 + m, 1));
    az.addRow([month, "AAA-1", "Alpha", "Azure Sentinel", "Azure Plan", "PAL", 1100]);
    if (m >= 12) az.addRow([month, "BBB-2", "Beta", "Key Vault", "Azure Plan", "CSP Tier 2", 80]);
  }
  const lic = wb.addWorksheet("Licences");
  lic.addRow(["Date", "Customer Tenant ID", "Workload Name", "Paid Seats", "Active Users"]);
  lic.addRow([new Date(Date.UTC(2025, 5, 30)), "CCC-3", "Intune", 40, 10]);
  lic.addRow([new Date(Date.UTC(2024, 5, 30)), "CCC-3", "Intune", 4, 1]);
  const people = wb.addWorksheet("Skills");
  people.addRow(["Name", "Exam", "Completion Date", "Valid Until"]);
  people.addRow(["Ann", "AZ-500", new Date(Date.UTC(2024, 0, 5)), new Date(Date.UTC(2026, 0, 5))]);
  people.addRow(["Bob", "SC-200", new Date(Date.UTC(2024, 0, 5)), null]);
  people.addRow(["Cy", "SC-300", new Date(Date.UTC(2025, 2, 5)), null]);
  await wb.xlsx.writeFile(path);
}

/** The sheets of the held-out-style workbook once scored: its inputs, then one scorecard. */
const SCORED_SHEETS = [
  "Azure",
  "Licences",
  "Skills",
  "Security Scorecard",
  ...Object.values(DETAIL_SHEETS).map((d) => d.sheet),
];

describe("security-pcs score --workbook", () => {
  it("finds the input sheets by their headers, writes BOOK-scorecard.xlsx next to the input (not with --json) and leaves the input unchanged", async () => {
    const book = join(dir, "partner.xlsx");
    await heldOutStyleWorkbook(book);
    const before = hash(book);
    const res = await runCli(["score", "--workbook", book, "--json"]);
    expect(res.err).toBe("");
    expect(res.code).toBe(0);
    const r = JSON.parse(res.out);
    expect(r.asOf).toBe("2025-06");
    expect(r.inputs.map((i: { table: string; kind: string }) => [i.table, i.kind])).toEqual([
      ["Azure", "azure"],
      ["Licences", "m365"],
      ["Skills", "certifications"],
    ]);
    // Alpha: $13,200 TTM now and a year ago (24 months at $1,100); Beta: $960 now only.
    expect(r.tracks.smb.netCustomerAdds.azure).toMatchObject({ current: 2, previous: 1 });
    expect(r.tracks.enterprise.usageGrowth.azure).toMatchObject({
      current: 13200,
      previous: 13200,
      points: 0,
    });
    expect(r.tracks.smb.netCustomerAdds.m365).toMatchObject({ current: 1, previous: 0 });
    expect(r.tracks.smb.skilling).toMatchObject({ step1: 1, step2: 1, step3: 1, points: 16 });
    expect(hash(book)).toBe(before);
    // Asking for JSON writes no workbook; without --json the scorecard goes next to the input.
    const out = join(dir, "partner-scorecard.xlsx");
    expect(existsSync(out)).toBe(false);
    expect((await runCli(["score", "--workbook", book])).code).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(hash(book)).toBe(before);
    const written = new ExcelJS.Workbook();
    await written.xlsx.readFile(out);
    expect(written.worksheets.map((w) => w.name)).toEqual(SCORED_SHEETS);
  });

  it("reads the dates of a workbook in the 1904 date system as Excel shows them, and writes the scorecard's in it", async () => {
    const usual = join(dir, "dates-1900.xlsx");
    const mac = join(dir, "dates-1904.xlsx");
    await heldOutStyleWorkbook(usual);
    await heldOutStyleWorkbook(mac, true);
    expect(readFileSync(mac).length).toBeGreaterThan(0);
    const a = JSON.parse((await runCli(["score", "--workbook", usual, "--json"])).out);
    const res = await runCli(["score", "--workbook", mac, "--json"]);
    expect(res.code).toBe(0);
    const b = JSON.parse(res.out);
    const note = b.issues.find((i: { message: string }) => /1904 date system/.test(i.message));
    expect(note).toMatchObject({ severity: "info", table: mac, row: null });
    b.issues = b.issues.filter((i: unknown) => i !== note);
    // The same score, month by month, as the workbook that stores its dates in the 1900 system.
    expect(b).toEqual(a);
    expect(b.asOf).toBe("2025-06");
    expect(b.tracks.smb.skilling).toMatchObject({ step1: 1, step2: 1, step3: 1 });

    const out = join(dir, "dates-1904-scorecard.xlsx");
    expect((await runCli(["score", "--workbook", mac, "--out", out])).code).toBe(0);
    const written = new ExcelJS.Workbook();
    await written.xlsx.readFile(out);
    expect(written.properties.date1904).toBe(true);
    const card = written.getWorksheet("Security Scorecard");
    const asOfRow = card?.getColumn(1).values.findIndex((v) => v === "As of") ?? -1;
    // ExcelJS reads the serial in the workbook's date system: the month Excel shows.
    expect((card?.getCell(asOfRow, 2).value as Date).toISOString()).toBe(
      "2025-06-01T00:00:00.000Z"
    );
    const generated = card?.getCell(asOfRow + 2, 2).value as Date;
    expect(Math.abs(generated.getTime() - Date.now())).toBeLessThan(2 * 86_400_000);
  });

  it("leaves out an Excel table's total row, which is not a data row", async () => {
    const book = async (path: string, totalsRow: boolean): Promise<void> => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("Azure");
      const rows: unknown[][] = [];
      for (let m = 0; m < 24; m++)
        rows.push([new Date(Date.UTC(2023, 6 + m, 1)), "AAA-1", "Alpha", "Azure Sentinel", 1100]);
      ws.addTable({
        name: "AzureUsage",
        ref: "A1",
        totalsRow,
        columns: [
          { name: "Month", totalsRowLabel: "Total" },
          { name: "CustomerTenantId", totalsRowFunction: "count" },
          { name: "CustomerName" },
          { name: "Service" },
          { name: "ACR_USD", totalsRowFunction: "sum" },
        ],
        rows,
      });
      await wb.xlsx.writeFile(path);
    };
    const plain = join(dir, "table-plain.xlsx");
    const totals = join(dir, "table-totals.xlsx");
    await book(plain, false);
    await book(totals, true);
    const a = JSON.parse((await runCli(["score", "--workbook", plain, "--json"])).out);
    const b = JSON.parse((await runCli(["score", "--workbook", totals, "--json"])).out);
    expect(b.inputs[0]).toMatchObject({ table: "Azure!AzureUsage", rows: 24 });
    expect(b.issues.filter((i: { severity: string }) => i.severity === "error")).toEqual([]);
    expect(b).toEqual(a);
  });

  it("keeps a macro-enabled workbook's macros and its .xlsm ending, and refuses an .xlsx name for it", async () => {
    const plain = join(dir, "macros-source.xlsx");
    await heldOutStyleWorkbook(plain);
    const zip = await JSZip.loadAsync(readFileSync(plain));
    const vba = Buffer.from("not a real VBA project, kept byte for byte");
    zip.file("xl/vbaProject.bin", vba);
    const types = (await zip.file("[Content_Types].xml")?.async("string")) ?? "";
    zip.file(
      "[Content_Types].xml",
      types
        .replace(
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
          "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
        )
        .replace(
          "</Types>",
          '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'
        )
    );
    const rels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
    zip.file(
      "xl/_rels/workbook.xml.rels",
      rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>'
      )
    );
    const book = join(dir, "macros.xlsm");
    writeFileSync(book, await zip.generateAsync({ type: "nodebuffer" }));

    const refused = await runCli(["score", "--workbook", book, "--out", join(dir, "m.xlsx")]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("is a macro-enabled workbook (.xlsm)");
    expect(refused.err).toContain("give a file name ending in .xlsm");
    expect(existsSync(join(dir, "m.xlsx"))).toBe(false);

    const res = await runCli(["score", "--workbook", book]);
    expect(res.code).toBe(0);
    expect(existsSync(join(dir, "macros-scorecard.xlsx"))).toBe(false);
    const out = await JSZip.loadAsync(readFileSync(join(dir, "macros-scorecard.xlsm")));
    expect(await out.file("xl/vbaProject.bin")?.async("nodebuffer")).toEqual(vba);
    expect(await out.file("[Content_Types].xml")?.async("string")).toContain(
      'PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"'
    );
    expect(await out.file("xl/_rels/workbook.xml.rels")?.async("string")).toContain(
      'Target="vbaProject.bin"'
    );
    expect(res.out).toContain("macros-scorecard.xlsm");
  });

  it("keeps a sheet added after its scorecard when a chart sheet comes first, scoring its own output again", async () => {
    /** `zip` with a sheet part added first (moving sheet-scoped names on, as Excel does) or last. */
    const withSheet = async (
      zip: JSZip,
      kind: "worksheet" | "chartsheet",
      name: string,
      xml: string,
      first: boolean
    ): Promise<void> => {
      const part = `xl/${kind}s/added-${kind}.xml`;
      zip.file(part, xml);
      const types = (await zip.file("[Content_Types].xml")?.async("string")) ?? "";
      zip.file(
        "[Content_Types].xml",
        types.replace(
          "</Types>",
          `<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.${kind}+xml"/></Types>`
        )
      );
      const rels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
      zip.file(
        "xl/_rels/workbook.xml.rels",
        rels.replace(
          "</Relationships>",
          `<Relationship Id="rIdAdded${kind}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${kind}" Target="${kind}s/added-${kind}.xml"/></Relationships>`
        )
      );
      const wb = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
      const element = `<sheet name="${name}" sheetId="90" r:id="rIdAdded${kind}"/>`;
      zip.file(
        "xl/workbook.xml",
        first
          ? wb
              .replace("<sheets>", `<sheets>${element}`)
              .replace(/localSheetId="(\d+)"/g, (_, i: string) => `localSheetId="${Number(i) + 1}"`)
          : wb.replace("</sheets>", `${element}</sheets>`)
      );
    };
    const names = async (path: string): Promise<string[]> => {
      const xml =
        (await (
          await JSZip.loadAsync(readFileSync(path))
        )
          .file("xl/workbook.xml")
          ?.async("string")) ?? "";
      return [...xml.matchAll(/<sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => m[1] ?? "");
    };
    /** Writes `to`: the workbook `from` with a sheet added. */
    const copyWithSheet = async (
      from: string,
      to: string,
      sheet: [kind: "worksheet" | "chartsheet", name: string, xml: string, first: boolean]
    ): Promise<void> => {
      const zip = await JSZip.loadAsync(readFileSync(from));
      await withSheet(zip, ...sheet);
      writeFileSync(to, await zip.generateAsync({ type: "nodebuffer" }));
    };
    const main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const plain = join(dir, "charted-source.xlsx");
    await heldOutStyleWorkbook(plain);
    const charted = join(dir, "charted.xlsx");
    await copyWithSheet(plain, charted, [
      "chartsheet",
      "Chart1",
      `<chartsheet xmlns="${main}"><sheetViews><sheetView workbookViewId="0"/></sheetViews></chartsheet>`,
      true,
    ]);
    const first = join(dir, "charted-1.xlsx");
    expect((await runCli(["score", "--workbook", charted, "--out", first])).code).toBe(0);
    const edited = join(dir, "charted-1-notes.xlsx");
    await copyWithSheet(first, edited, [
      "worksheet",
      "Notes",
      `<worksheet xmlns="${main}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>my notes</t></is></c></row></sheetData></worksheet>`,
      false,
    ]);
    const second = join(dir, "charted-2.xlsx");
    expect((await runCli(["score", "--workbook", edited, "--out", second])).code).toBe(0);
    const sheets = await names(second);
    expect(sheets.filter((n) => n === "Notes")).toHaveLength(1);
    expect(sheets.filter((n) => n === "Security Scorecard")).toHaveLength(1);
    expect(sheets.slice(0, 5)).toEqual(["Chart1", "Azure", "Licences", "Skills", "Notes"]);
  });

  it("reads and writes a workbook whose XML names its elements with a prefix (x:sheet, as the Open XML SDK writes)", async () => {
    const plain = join(dir, "unprefixed.xlsx");
    await heldOutStyleWorkbook(plain);
    const zip = await JSZip.loadAsync(readFileSync(plain));
    const main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const parts = Object.keys(zip.files).filter((n) =>
      /^xl\/(workbook|styles|sharedStrings|worksheets\/[^/]+)\.xml$/.test(n)
    );
    expect(parts).toEqual(expect.arrayContaining(["xl/workbook.xml", "xl/styles.xml"]));
    for (const part of parts) {
      const xml = (await zip.file(part)?.async("string")) ?? "";
      zip.file(
        part,
        xml
          .replace(`xmlns="${main}"`, `xmlns:x="${main}"`)
          .replace(/<(\/?)([A-Za-z][\w]*)(?=[\s>/])/g, "<$1x:$2")
      );
    }
    const prefixed = join(dir, "prefixed.xlsx");
    writeFileSync(prefixed, await zip.generateAsync({ type: "nodebuffer" }));
    expect(await zip.file("xl/workbook.xml")?.async("string")).toContain("<x:sheet ");

    const a = JSON.parse((await runCli(["score", "--workbook", plain, "--json"])).out);
    const b = JSON.parse((await runCli(["score", "--workbook", prefixed, "--json"])).out);
    expect(b).toEqual(a);
    const out = join(dir, "prefixed-out.xlsx");
    expect((await runCli(["score", "--workbook", prefixed, "--out", out])).code).toBe(0);
    // ExcelJS cannot read prefixed sheets; LibreOffice, like Excel, can.
    const sheets = recalculate(out);
    expect([...sheets.keys()]).toEqual(
      expect.arrayContaining(["Azure", "Skills", "Security Scorecard"])
    );
    expect(sheets.get("Azure")?.[1]?.[1]).toBe("AAA-1");
    expect(sheets.get("Security Scorecard")?.[1]?.[0]).toBe("As of");
  }, 60_000);

  it("decodes the _xHHHH_ escapes Excel writes in text (a line break pasted into a header, any character)", async () => {
    const plain = join(dir, "unescaped.xlsx");
    await heldOutStyleWorkbook(plain);
    const zip = await JSZip.loadAsync(readFileSync(plain));
    const strings = (await zip.file("xl/sharedStrings.xml")?.async("string")) ?? "";
    expect(strings).toContain(">Consumed Revenue<");
    zip.file(
      "xl/sharedStrings.xml",
      strings
        .replace(">Consumed Revenue<", ">Consumed_x000D_\nRevenue<")
        .replace(">AAA-1<", ">AAA_x002D_1<")
        .replace(">Alpha<", ">Al_x0070_ha<")
    );
    const escaped = join(dir, "escaped.xlsx");
    writeFileSync(escaped, await zip.generateAsync({ type: "nodebuffer" }));
    const a = JSON.parse((await runCli(["score", "--workbook", plain, "--json"])).out);
    const res = await runCli(["score", "--workbook", escaped, "--json"]);
    expect(res.err).toBe("");
    expect(JSON.parse(res.out)).toEqual(a);
  });

  it("replaces a scorecard the task pane wrote (no hidden name: known by its sheet names and titles), keeping one", async () => {
    const book = join(dir, "pane-made.xlsx");
    await heldOutStyleWorkbook(book);
    const first = join(dir, "pane-made-scored.xlsx");
    expect((await runCli(["score", "--workbook", book, "--out", first])).code).toBe(0);
    // What the pane leaves: the same sheets, marked by a worksheet property, not by the name.
    const zip = await JSZip.loadAsync(readFileSync(first));
    const wbXml = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
    expect(wbXml).toContain('name="SecurityPcsScorecard"');
    zip.file(
      "xl/workbook.xml",
      wbXml.replace(/<definedName name="SecurityPcsScorecard"[^>]*>[^<]*<\/definedName>/g, "")
    );
    const paneMade = join(dir, "pane-made-by-pane.xlsx");
    writeFileSync(paneMade, await zip.generateAsync({ type: "nodebuffer" }));
    const again = join(dir, "pane-made-again.xlsx");
    const res = await runCli(["score", "--workbook", paneMade, "--out", again, "--json"]);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.out).inputs.map((i: { table: string }) => i.table)).toEqual([
      "Azure",
      "Licences",
      "Skills",
    ]);
    const written = new ExcelJS.Workbook();
    await written.xlsx.readFile(again);
    expect(written.worksheets.map((w) => w.name)).toEqual(SCORED_SHEETS);
  });

  it("warns when an input sheet is hidden in Excel (its rows count while the partner cannot see them)", async () => {
    const plain = join(dir, "all-visible.xlsx");
    await heldOutStyleWorkbook(plain);
    const zip = await JSZip.loadAsync(readFileSync(plain));
    const wbXml = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
    zip.file(
      "xl/workbook.xml",
      wbXml
        .replace(/(name="Licences") state="visible"/, '$1 state="hidden"')
        .replace(/(name="Skills") state="visible"/, '$1 state="veryHidden"')
    );
    expect(await zip.file("xl/workbook.xml")?.async("string")).toContain('state="veryHidden"');
    const hidden = join(dir, "hidden-inputs.xlsx");
    writeFileSync(hidden, await zip.generateAsync({ type: "nodebuffer" }));
    const a = JSON.parse((await runCli(["score", "--workbook", plain, "--json"])).out);
    const b = JSON.parse((await runCli(["score", "--workbook", hidden, "--json"])).out);
    const warnings = b.issues.filter((i: { message: string }) => /hidden in Excel/.test(i.message));
    expect(warnings.map((w: { table: string; severity: string }) => [w.table, w.severity])).toEqual(
      [
        ["Licences", "warning"],
        ["Skills", "warning"],
      ]
    );
    expect(warnings[0].message).toMatch(/Unhide/);
    expect(warnings[1].message).toMatch(/very hidden .*VBA/);
    expect(a.issues.some((i: { message: string }) => /hidden in Excel/.test(i.message))).toBe(
      false
    );
    expect({ ...b, issues: b.issues.filter((i: unknown) => !warnings.includes(i)) }).toEqual(a);
    // A hidden sheet holding no input says nothing.
    const notes = new ExcelJS.Workbook();
    await notes.xlsx.readFile(plain);
    const sheet = notes.addWorksheet("Old notes");
    sheet.addRow(["Call Alpha about renewal"]);
    sheet.state = "hidden";
    const withNotes = join(dir, "hidden-notes.xlsx");
    await notes.xlsx.writeFile(withNotes);
    const c = JSON.parse((await runCli(["score", "--workbook", withNotes, "--json"])).out);
    expect(c.issues.some((i: { message: string }) => /hidden in Excel/.test(i.message))).toBe(
      false
    );
  });

  it("warns when input rows are hidden (by a filter or by hand): they are read like the others", async () => {
    const plain = join(dir, "rows-visible.xlsx");
    await heldOutStyleWorkbook(plain);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(plain);
    const az = book.getWorksheet("Azure");
    // Rows 5 and 9 hidden (a filter hides rows the same way: <row hidden="1">), and the header.
    for (const r of [1, 5, 9]) if (az) az.getRow(r).hidden = true;
    const hiddenRows = join(dir, "rows-hidden.xlsx");
    await book.xlsx.writeFile(hiddenRows);
    const a = JSON.parse((await runCli(["score", "--workbook", plain, "--json"])).out);
    const b = JSON.parse((await runCli(["score", "--workbook", hiddenRows, "--json"])).out);
    const warnings = b.issues.filter((i: { message: string }) =>
      /are hidden \(first/.test(i.message)
    );
    expect(warnings).toEqual([
      {
        severity: "warning",
        table: "Azure",
        row: 5,
        message:
          "2 rows of Azure are hidden (first: row 5), by a filter or by hand, and were read like the others: the score counts every row. To leave rows out, delete them (or copy the visible rows to a sheet of their own); to see them, clear the filter or unhide the rows.",
      },
    ]);
    expect({ ...b, issues: b.issues.filter((i: unknown) => !warnings.includes(i)) }).toEqual(a);
  });

  it("counts sheets written with end tags (<sheet …></sheet>): unique sheet ids, and a second scoring keeps the inputs", async () => {
    const plain = join(dir, "end-tags-source.xlsx");
    await heldOutStyleWorkbook(plain);
    const zip = await JSZip.loadAsync(readFileSync(plain));
    const wb = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
    zip.file("xl/workbook.xml", wb.replace(/<sheet\b([^>]*?)\s*\/>/g, "<sheet$1></sheet>"));
    const book = join(dir, "end-tags.xlsx");
    writeFileSync(book, await zip.generateAsync({ type: "nodebuffer" }));
    const sheetsOf = async (path: string): Promise<{ name: string; id: string }[]> => {
      const xml =
        (await (
          await JSZip.loadAsync(readFileSync(path))
        )
          .file("xl/workbook.xml")
          ?.async("string")) ?? "";
      return [...xml.matchAll(/<sheet\b[^>]*>/g)].map((m) => ({
        name: /\bname="([^"]*)"/.exec(m[0])?.[1] ?? "",
        id: /\bsheetId="([^"]*)"/.exec(m[0])?.[1] ?? "",
      }));
    };
    expect((await sheetsOf(book)).map((s) => s.name)).toEqual(["Azure", "Licences", "Skills"]);
    const once = join(dir, "end-tags-1.xlsx");
    const twice = join(dir, "end-tags-2.xlsx");
    expect((await runCli(["score", "--workbook", book, "--out", once])).code).toBe(0);
    expect((await runCli(["score", "--workbook", once, "--out", twice])).code).toBe(0);
    for (const path of [once, twice]) {
      const sheets = await sheetsOf(path);
      expect(new Set(sheets.map((s) => s.id)).size).toBe(sheets.length);
      expect(sheets.map((s) => s.name).slice(0, 4)).toEqual([
        "Azure",
        "Licences",
        "Skills",
        "Security Scorecard",
      ]);
      expect(sheets).toHaveLength(3 + 7);
    }
  });

  it("numbers its cell formats after the ones a workbook's styles hold, even when their count attributes are stale", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Azure");
    ws.addRow(["Month", "CustomerTenantId", "CustomerName", "Service", "ACR_USD"]);
    for (let m = 0; m < 24; m++) {
      const row = ws.addRow([
        new Date(Date.UTC(2023, 6 + m, 1)),
        "AAA-1",
        "Alpha",
        "Azure Sentinel",
        1100,
      ]);
      row.getCell(1).numFmt = "yyyy-mm-dd";
      row.getCell(5).numFmt = "#,##0.00";
      row.getCell(3).font = { bold: true, italic: true };
    }
    const fresh = join(dir, "stale-source.xlsx");
    await wb.xlsx.writeFile(fresh);
    const zip = await JSZip.loadAsync(readFileSync(fresh));
    const styles = (await zip.file("xl/styles.xml")?.async("string")) ?? "";
    expect(styles).toMatch(/<cellXfs count="[2-9]"/);
    zip.file(
      "xl/styles.xml",
      styles
        .replace(/(<cellXfs\b[^>]*count=")\d+"/, '$11"')
        .replace(/(<fonts\b[^>]*count=")\d+"/, '$11"')
    );
    const book = join(dir, "stale.xlsx");
    writeFileSync(book, await zip.generateAsync({ type: "nodebuffer" }));
    const out = join(dir, "stale-out.xlsx");
    expect((await runCli(["score", "--workbook", book, "--out", out])).code).toBe(0);
    const card = recalculate(out, true).get("Security Scorecard") ?? [];
    // Shown in the scorecard's own formats, not in a format of the user's that shares its number.
    expect(card.find((r) => r[0] === "As of")?.[1]).toBe("June 2025");
    expect(card.find((r) => r[0] === "Net customer adds")?.[2]).toBe("0.0");
    expect(card.find((r) => r[0] === "Generated")?.[1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  }, 60_000);

  it("says when formulas in an input sheet have no saved results (a file no spreadsheet calculated)", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Azure");
    ws.addRow(["Month", "CustomerTenantId", "Service", "Units", "Price", "ACR_USD"]);
    for (let m = 0; m < 6; m++) {
      const row = ws.addRow([new Date(Date.UTC(2025, m, 1)), "AAA-1", "Azure Sentinel", 10, 50]);
      row.getCell(6).value = { formula: `D${row.number}*E${row.number}`, date1904: false };
    }
    const book = join(dir, "uncalculated.xlsx");
    await wb.xlsx.writeFile(book);
    const res = await runCli(["score", "--workbook", book, "--json"]);
    const issues = JSON.parse(res.out).issues as {
      severity: string;
      table: string;
      row: number;
      message: string;
    }[];
    expect(issues).toContainEqual({
      severity: "warning",
      table: "Azure",
      row: 2,
      message:
        "6 cells hold formulas whose result was never saved (first F2): the file was written by a program that does not calculate, and such cells read as blank. Open the workbook in Excel or LibreOffice, save it, and score it again.",
    });
  });

  it("reads error cells (a formula's #N/A, #DIV/0!) as row errors, never as a customer", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Azure");
    ws.addRow(["Month", "CustomerTenantId", "ServiceName", "ACR_USD"]);
    ws.addRow(["2025-06", "t1", "Key Vault", 700]);
    ws.addRow(["2025-06", "", "Key Vault", 900]).getCell(2).value = {
      formula: 'VLOOKUP("x",A1:A2,1,FALSE)',
      result: { error: "#N/A" },
      date1904: false,
    };
    ws.addRow(["2025-06", "t2", "Key Vault", 0]).getCell(4).value = {
      formula: "1/0",
      result: { error: "#DIV/0!" },
      date1904: false,
    };
    const book = join(dir, "error-cells.xlsx");
    await wb.xlsx.writeFile(book);
    const res = await runCli(["score", "--workbook", book, "--json"]);
    const json = JSON.parse(res.out) as {
      customers: { tenant: string }[];
      issues: { severity: string; row: number; message: string }[];
    };
    expect(json.customers.map((c) => c.tenant)).toEqual(["t1"]);
    expect(
      json.issues.filter((i) => i.severity === "error").map((i) => [i.row, i.message])
    ).toEqual([
      [
        3,
        'CustomerTenantId "#N/A" is an Excel error value, not a value: the formula in that cell failed (#N/A: usually a lookup that found nothing); correct the formula or enter the value, then score again.',
      ],
      [
        4,
        'ACR_USD "#DIV/0!" is an Excel error value, not a value: the formula in that cell failed; correct the formula or enter the value, then score again.',
      ],
    ]);
  });

  it("refuses to overwrite an existing output unless --force", async () => {
    const book = join(dir, "again.xlsx");
    copyFileSync(sample, book);
    const out = join(dir, "again-out.xlsx");
    writeFileSync(out, "keep me");
    const refused = await runCli(["score", "--workbook", book, "--out", out]);
    expect(refused.code).toBe(2);
    expect(refused.err).toBe(
      `security-pcs: ${out}: already exists; use --force to overwrite it, or choose another --out`
    );
    expect(readFileSync(out, "utf8")).toBe("keep me");
    const forced = await runCli(["score", "--workbook", book, "--out", out, "--force"]);
    expect(forced.code).toBe(0);
    expect(forced.out).toContain(`Scorecard written to ${out}`);
  });

  it("never writes over the input, even with --force", async () => {
    const book = join(dir, "self.xlsx");
    copyFileSync(sample, book);
    const res = await runCli(["score", "--workbook", book, "--out", book, "--force"]);
    expect(res.code).toBe(2);
    expect(res.err).toBe(
      `security-pcs: ${book}: is an input file; the input is never modified, so choose another --out`
    );
  });

  it("replaces its own scorecard when scoring its own output, and names a new one beside a user's sheet", async () => {
    const first = join(dir, "first.xlsx");
    const second = join(dir, "second.xlsx");
    await runCli(["score", "--workbook", sample, "--out", first]);
    expect((await runCli(["score", "--workbook", first, "--out", second])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(second);
    expect(wb.worksheets.filter((w) => w.name.startsWith("Security Scorecard"))).toHaveLength(1);

    const mine = join(dir, "mine.xlsx");
    const user = new ExcelJS.Workbook();
    await user.xlsx.readFile(sample);
    user.addWorksheet("Security Scorecard").addRow(["the board's own notes"]);
    await user.xlsx.writeFile(mine);
    const out = join(dir, "mine-out.xlsx");
    expect((await runCli(["score", "--workbook", mine, "--out", out])).code).toBe(0);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(out);
    expect(back.getWorksheet("Security Scorecard")?.getCell("A1").value).toBe(
      "the board's own notes"
    );
    expect(back.getWorksheet("Security Scorecard (2)")?.getCell("A1").value).toBe(
      "Solutions Partner for Security: capability score"
    );
  });

  it("writes a scorecard workbook from CSV inputs with --out", async () => {
    const csv = join(dir, "az.csv");
    writeFileSync(csv, "Month,Tenant,Service,ACR\n2025-06,t1,Key Vault,700\n");
    const out = join(dir, "from-csv.xlsx");
    const res = await runCli(["score", "--azure", csv, "--out", out]);
    expect(res.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Azure",
      "Security Scorecard",
      ...Object.values(DETAIL_SHEETS).map((d) => d.sheet),
    ]);
    expect(wb.getWorksheet("Azure")?.getCell("D2").value).toBe(700);
  });

  it.each([
    [
      ["score", "--workbook", join(dir, "none.xlsx")],
      (p: string) => `security-pcs: ${p}: file not found`,
    ],
    [
      ["score", "--workbook", __filename],
      (p: string) =>
        `security-pcs: ${p}: not a readable .xlsx workbook (save it as an Excel Workbook, .xlsx); it is a text file (a CSV?): CSV files are given with --azure, --m365 or --certs`,
    ],
  ])("reports a bad workbook in one line (%p)", async (argv, message) => {
    const res = await runCli(argv as string[]);
    expect(res.code).toBe(2);
    expect(res.err).toBe(message((argv as string[])[2] ?? ""));
  });

  it("says when a workbook has no input tables", async () => {
    const empty = join(dir, "empty.xlsx");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Notes").addRow(["nothing here"]);
    await wb.xlsx.writeFile(empty);
    const res = await runCli(["score", "--workbook", empty]);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(
      /no sheet or table with Azure consumption \(ACR column\), Microsoft 365 licences \(paid-licences column\) or certification headers$/
    );
  });

  it("uses every table of a kind, numbers rows as the sheet does, and reports a sheet it cannot read", async () => {
    const book = join(dir, "several.xlsx");
    const wb = new ExcelJS.Workbook();
    const o365 = wb.addWorksheet("Office 365");
    o365.addRow(["Office 365 licence usage report, June 2025"]);
    o365.addRow([]);
    o365.addRow([
      "Month",
      "CustomerTenantId",
      "WorkloadName",
      "PaidAvailableUnits",
      "MonthlyActiveUsers",
    ]);
    o365.addRow(["2025-06", "T1", "Intune", 200, 40]);
    o365.addRow(["2025-06", "T1", "Intune", "lots", 40]);
    const ems = wb.addWorksheet("EMS");
    ems.addRow([
      "Month",
      "CustomerTenantId",
      "SKU",
      "IntunePaidAvailableUnits",
      "IntuneMonthlyActiveUsers",
    ]);
    ems.addRow(["2025-06", "T1", "EMS E3", 150, 30]);
    wb.addWorksheet("Azure").addRow(["Month", "Service", "ACR_USD"]);
    await wb.xlsx.writeFile(book);
    const res = await runCli(["score", "--workbook", book, "--json"]);
    expect(res.code).toBe(0);
    const r = JSON.parse(res.out);
    expect(r.inputs.map((i: { table: string }) => i.table)).toEqual(["Office 365", "EMS"]);
    // The same tenant, workload and month in both reports: the larger (200 / 40) counts, not 350.
    expect(r.customers[0].m365.workloads).toEqual([
      expect.objectContaining({ workload: "Intune", paid: 200, active: 40 }),
    ]);
    expect(r.issues).toContainEqual(
      expect.objectContaining({ table: "Office 365", row: 5, severity: "error" })
    );
    expect(r.issues).toContainEqual({
      severity: "warning",
      table: "Azure",
      row: null,
      message:
        "Azure was not used: the Azure consumption table has no tenant column. Add a column with one of these headers: CustomerTenantId, Customer Tenant ID, Tenant ID, TenantId, Tenant.",
    });
  });
});
