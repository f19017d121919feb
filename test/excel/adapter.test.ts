import { buildScorecard } from "../../src/excel/build-scorecard";
import { blockRows, findCandidates, readCandidate } from "../../src/excel/read-tables";
import {
  formatMatrix,
  formulaMatrix,
  OWNER_PROPERTY,
  STRUCTURE_PROTECTED,
  writeBlocks,
  writeScorecard,
} from "../../src/excel/write-scorecard";
import { buildScorecardLayout } from "../../src/report/layout";
import { scoreTables } from "../../src/scoring";
import { azureCells, certCells, m365Cells } from "../../bench/data";
import { CELL_LIMIT, FakeWorkbook, fakeGlobals, PAYLOAD_LIMIT } from "../fakes/fake-excel";

const ctx = (wb: FakeWorkbook): Excel.RequestContext =>
  wb.context() as unknown as Excel.RequestContext;

function workbook(): FakeWorkbook {
  const wb = new FakeWorkbook();
  (global as any).Excel = fakeGlobals(wb).Excel;
  return wb;
}

function layoutFor(customers: number): ReturnType<typeof buildScorecardLayout> {
  const result = scoreTables({
    azure: { cells: azureCells(customers * 4, customers, 5), name: "Azure" },
  });
  return buildScorecardLayout(result, { generated: new Date(2026, 10, 22, 9, 30) });
}

/** A table of the layout, on whichever sheet it is. */
const tableOf = (layout: ReturnType<typeof layoutFor>, name: string) =>
  layout.sheets.flatMap((s) => s.tables).find((t) => t.name === name);

const SHEETS = [
  "Security Scorecard",
  "Scorecard – Breakdown",
  "Scorecard – Customers",
  "Scorecard – People",
  "Scorecard – Data issues",
  "Scorecard – Outlook",
  "Scorecard – Rules",
];

describe("finding input tables", () => {
  it("takes Excel tables first, else each sheet's used range, and recognises them by their headers", async () => {
    const wb = workbook();
    wb.addSheet("Azure", [
      [""],
      ["", "Month", "Tenant", "Service", "ACR"],
      ["", 45838, "t1", "Key Vault", 700],
    ]);
    wb.addSheet("Licences", m365Cells(3, 2));
    wb.addTable("Licences", "M365Usage", "A1:H4");
    wb.addSheet("Notes", [["just text"]]);
    wb.addSheet("Empty");
    const found = await findCandidates(ctx(wb));
    expect(
      found.map((c) => [c.label, c.kind, c.rowIndex, c.columnIndex, c.rowCount, c.columnCount])
    ).toEqual([
      ["M365Usage (table on Licences)", "m365", 0, 0, 4, 8],
      ["Azure (sheet)", "azure", 1, 1, 2, 4],
      ["Notes (sheet)", null, 0, 0, 1, 1],
    ]);
    expect(wb.syncs).toBe(3);
  });
  it("leaves out a table's total row, which is not a data row", async () => {
    const wb = workbook();
    const cells = m365Cells(3, 2);
    wb.addSheet("Licences", [...cells, ["Total", "", "", "", 1234, 99, "", ""]]);
    wb.addTable("Licences", "M365Usage", "A1:H5", true);
    const [found] = await findCandidates(ctx(wb));
    expect(found).toMatchObject({ label: "M365Usage (table on Licences)", rowCount: 4 });
    const rows = await readCandidate(ctx(wb), found!);
    expect(rows).toHaveLength(4);
    expect(rows.some((r) => r[0] === "Total")).toBe(false);
  });
});

describe("inputs on hidden sheets", () => {
  it("names a hidden or very hidden sheet in the candidate's label", async () => {
    const wb = workbook();
    wb.addSheet("Azure", azureCells(5, 2, 41));
    wb.addSheet("Old Azure", azureCells(5, 2, 42)).visibility = "Hidden";
    wb.addSheet("Licences", m365Cells(3, 2)).visibility = "VeryHidden";
    wb.addTable("Licences", "M365Usage", "A1:H4");
    const found = await findCandidates(ctx(wb));
    expect(found.map((c) => [c.label, c.visibility])).toEqual([
      ["M365Usage (table on Licences, a very hidden sheet)", "veryHidden"],
      ["Azure (sheet)", "visible"],
      ["Old Azure (hidden sheet)", "hidden"],
    ]);
  });

  it("warns, once per sheet, that rows of a hidden sheet counted in the score", async () => {
    const wb = workbook();
    wb.addSheet("Azure", azureCells(300, 20, 43));
    // Two tables side by side on one hidden sheet: one warning names the sheet.
    const right = azureCells(150, 20, 45);
    const sideBySide = azureCells(150, 20, 44).map((row, r) => [...row, "", ...(right[r] ?? [])]);
    wb.addSheet("Old Azure", sideBySide).visibility = "Hidden";
    wb.addTable("Old Azure", "OldA", "A1:H151");
    wb.addTable("Old Azure", "OldB", "J1:Q151");
    const candidates = await findCandidates(ctx(wb));
    expect(candidates.filter((c) => c.visibility === "hidden" && c.kind === "azure")).toHaveLength(
      2
    );
    const { result } = await buildScorecard(ctx(wb), {
      azure: candidates.filter((c) => c.kind === "azure"),
    });
    const hidden = result.issues.filter((i) => /is hidden in Excel/.test(i.message));
    expect(hidden).toEqual([
      {
        severity: "warning",
        table: "Old Azure",
        row: null,
        message: expect.stringMatching(/^Sheet "Old Azure" is hidden in Excel, .*Unhide/),
      },
    ]);
    const { result: visibleOnly } = await buildScorecard(ctx(wb), {
      azure: candidates.filter((c) => c.kind === "azure" && c.visibility === "visible"),
    });
    expect(visibleOnly.issues.some((i) => /hidden in Excel/.test(i.message))).toBe(false);
  });
});

describe("inputs with hidden rows", () => {
  const HIDDEN_ROWS =
    "Some rows of Azure are hidden, by a filter or by hand, and were read like the others: the score counts every row. To leave rows out, delete them (or copy the visible rows to a sheet of their own); to see them, clear the filter or unhide the rows.";

  it("warns that hidden rows under the header count, among the top rows or further down", async () => {
    for (const hiddenRow of [3, 250]) {
      const wb = workbook();
      const cells = azureCells(300, 20, 46);
      wb.addSheet("Azure", cells).hiddenRows.add(hiddenRow);
      const candidates = await findCandidates(ctx(wb));
      expect(candidates.map((c) => [c.label, c.rowsHidden])).toEqual([
        ["Azure (sheet, some rows hidden)", true],
      ]);
      const { result } = await buildScorecard(ctx(wb), { azure: candidates });
      expect(result.issues.filter((i) => /are hidden/.test(i.message))).toEqual([
        { severity: "warning", table: "Azure", row: null, message: HIDDEN_ROWS },
      ]);
      // Hidden rows are read like the others: the same score as with every row shown.
      expect(result.tracks).toEqual(scoreTables({ azure: { cells, name: "Azure" } }).tracks);
    }
  });

  it("says nothing when only rows above the data (a title, the header) are hidden", async () => {
    const wb = workbook();
    const sheet = wb.addSheet("Azure", [["Azure usage, June"], [], ...azureCells(50, 5, 47)]);
    sheet.hiddenRows.add(0);
    sheet.hiddenRows.add(2);
    const candidates = await findCandidates(ctx(wb));
    expect(candidates.map((c) => [c.label, c.kind, c.rowIndex, c.rowsHidden])).toEqual([
      ["Azure (sheet)", "azure", 2, false],
    ]);
    const { result } = await buildScorecard(ctx(wb), { azure: candidates });
    expect(result.issues.some((i) => /are hidden/.test(i.message))).toBe(false);
  });
});

describe("what the pane offers as inputs", () => {
  it("never offers the add-in's own scorecard or its tables, only the user's inputs", async () => {
    const wb = workbook();
    wb.addSheet("Azure", azureCells(200, 20, 3));
    const before = await findCandidates(ctx(wb));
    await buildScorecard(ctx(wb), { azure: before.filter((c) => c.kind === "azure") });
    expect(wb.snapshot().tables.some((t) => t.name === "ScoreSummary")).toBe(true);
    const after = await findCandidates(ctx(wb));
    expect(after.map((c) => c.label)).toEqual(["Azure (sheet)"]);
  });
  it("recognises a wide licence table as Microsoft 365 and names its layout", async () => {
    const wb = workbook();
    wb.addSheet("EMS", [
      ["Licence usage, June"],
      ["Month", "CustomerTenantId", "SKU", "AADPPaidAvailableUnits", "IntunePaidAvailableUnits"],
      ["2025-06", "t1", "EMS E3", 10, 20],
    ]);
    const [c] = await findCandidates(ctx(wb));
    expect(c).toMatchObject({
      kind: "m365",
      rowIndex: 1,
      layout: "Enterprise Mobility licence usage report (Partner Center), wide: 2 workloads",
    });
  });
  it("reports rows by their sheet row number", async () => {
    const wb = workbook();
    wb.addSheet("Azure", [
      ["Consumption export"],
      [""],
      ["Month", "Tenant", "Service", "ACR"],
      ["2025-06", "t1", "Key Vault", 700],
      ["2025-06", "t1", "Key Vault", "n/a"],
    ]);
    const found = await findCandidates(ctx(wb));
    const { result } = await buildScorecard(ctx(wb), { azure: found });
    expect(result.issues.find((i) => i.severity === "error")?.row).toBe(5);
  });

  it("makes rows whose tenant Excel hands over as an error value row errors, never a customer", async () => {
    const wb = workbook();
    wb.addSheet("Azure", [
      ["Month", "Tenant", "Service", "ACR"],
      ["2025-06", "t1", "Key Vault", 700],
      ["2025-06", "#N/A", "Key Vault", 700],
      ["2025-06", "#N/A", "Key Vault", 900],
    ]);
    const found = await findCandidates(ctx(wb));
    const { result } = await buildScorecard(ctx(wb), { azure: found });
    expect(result.customers.map((c) => c.tenant)).toEqual(["t1"]);
    expect(result.issues.filter((i) => i.severity === "error").map((i) => i.row)).toEqual([3, 4]);
  });
});

describe("reading large ranges", () => {
  it("reads N rows in ceil(N / block) syncs, every request under 5 MB and every read under 5 million cells", async () => {
    const wb = workbook();
    const cells = azureCells(100_000, 500, 9);
    wb.addSheet("Azure", cells);
    const [candidate] = await findCandidates(ctx(wb));
    const before = wb.syncs;
    const progress: number[] = [];
    const read = await readCandidate(ctx(wb), candidate!, (n) => progress.push(n));
    const block = blockRows(8);
    expect(wb.syncs - before).toBe(Math.ceil(100_001 / block));
    expect(read).toEqual(cells);
    expect(Math.max(...wb.reads.slice(-progress.length).map((r) => r.rows))).toBe(block);
    expect(Math.max(...wb.responseBytes)).toBeLessThan(PAYLOAD_LIMIT);
    expect(Math.max(...wb.reads.map((r) => r.rows * r.cols))).toBeLessThanOrEqual(CELL_LIMIT);
    expect(progress[progress.length - 1]).toBe(100_001);
  });
  it("halves the block and carries on when a block of long text still exceeds the payload limit", async () => {
    const wb = workbook();
    const long = "x".repeat(2000);
    const rows = [
      ["Month", "Tenant", "Service", "ACR"],
      ...Array.from({ length: 4000 }, (_, i) => [45838, `t${i}`, long, 1]),
    ];
    wb.addSheet("Azure", rows);
    const [candidate] = await findCandidates(ctx(wb));
    const read = await readCandidate(ctx(wb), candidate!);
    expect(read).toHaveLength(4001);
    expect(wb.responseBytes.some((b) => b > PAYLOAD_LIMIT)).toBe(true);
    expect(read[4000]?.[1]).toBe("t3999");
  });
});

describe("writing the scorecard", () => {
  it.each([10, 3000])("writes %p customers in the same 4 syncs", async (customers) => {
    const wb = workbook();
    wb.addSheet("Data");
    const before = wb.syncs;
    const outcome = await writeScorecard(ctx(wb), layoutFor(customers));
    expect(wb.syncs - before).toBe(4);
    expect(outcome).toMatchObject({ sheetName: "Security Scorecard", replaced: null });
    expect(outcome.sheets).toEqual(SHEETS);
    const snap = wb.snapshot();
    expect(snap.sheets.map((s) => s.name)).toEqual(["Data", ...SHEETS]);
    // Every sheet the add-in writes carries its mark; the user's sheet does not.
    for (const s of snap.sheets)
      expect([s.name, s.properties[OWNER_PROPERTY]]).toEqual([
        s.name,
        s.name === "Data" ? undefined : "1",
      ]);
    const sheet = snap.sheets.find((s) => s.name === "Security Scorecard");
    expect(snap.tables.map((t) => [t.sheet, t.name])).toEqual([
      ["Security Scorecard", "ScoreSummary"],
      ["Security Scorecard", "ScoreChartData"],
      ["Scorecard – Breakdown", "ScoreBreakdown"],
      ["Scorecard – Breakdown", "ScoreRowOutcomes"],
      ["Scorecard – Customers", "ScoreCustomers"],
      ["Scorecard – People", "ScorePeople"],
      ["Scorecard – Data issues", "ScoreIssues"],
      ["Scorecard – Outlook", "ScoreHistory"],
      ["Scorecard – Outlook", "ScorePlanEnterprise"],
      ["Scorecard – Outlook", "ScorePlanSMB"],
      ["Scorecard – Rules", "ScoreRulesComparison"],
      ["Scorecard – Rules", "ScoreRulesDifferences"],
    ]);
    const layout = layoutFor(customers);
    const expected = tableOf(layout, "ScoreCustomers")?.rows ?? 0;
    expect(expected).toBeGreaterThan(customers * 0.9);
    expect(snap.tables.find((t) => t.name === "ScoreCustomers")?.rows).toHaveLength(expected - 1);
    expect(sheet?.charts.map((c) => c.type)).toEqual(["BarClustered"]);
    expect(
      snap.sheets.find((s) => s.name === "Scorecard – Outlook")?.charts.map((c) => c.type)
    ).toEqual(["Line"]);
    expect(Math.max(...wb.requestBytes)).toBeLessThan(PAYLOAD_LIMIT);
  });

  it("sets up each sheet for reading and printing: font, frozen header, wrap, print titles, footer", async () => {
    const wb = workbook();
    const layout = layoutFor(12);
    await writeScorecard(ctx(wb), layout);
    const snap = wb.snapshot();
    const summary = snap.sheets.find((s) => s.name === "Security Scorecard")!;
    expect(summary.fonts.A2).toMatchObject({ name: "Calibri", size: 11, bold: true });
    expect(summary.pageLayout).toEqual({
      orientation: "Landscape",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 1 },
      leftFooter: "Security scorecard as of " + layout.sheets[0]!.print.footer.split(" as of ")[1],
      rightFooter: "Page &P of &N",
    });
    expect(summary.freezeRows).toBe(0);
    const customers = snap.sheets.find((s) => s.name === "Scorecard – Customers")!;
    const header = tableOf(layout, "ScoreCustomers")!.row;
    expect(customers.freezeRows).toBe(header + 1);
    expect(customers.pageLayout).toMatchObject({
      orientation: "Landscape",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      printTitleRows: `$${header + 1}:$${header + 1}`,
    });
    // The Reason column wraps, and rows are fitted to the wrapped text.
    expect(customers.wrapped).toContain(`I${header + 2}`);
    expect(customers.autofitRows).toBe(1);
    // A real link to the rules page, and links between the sheets.
    const rules = Object.values(summary.hyperlinks).find((h) => h.address);
    expect(rules?.address).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    expect(
      Object.values(summary.hyperlinks)
        .map((h) => h.documentReference)
        .filter(Boolean)
    ).toContain("'Scorecard – Customers'!A1");
    // Dates, not text: the as-of month and the generation time.
    expect(summary.numberFormats.B2).toBe("mmmm yyyy");
    expect(summary.numberFormats.B4).toBe("yyyy-mm-dd hh:mm");
    expect(summary.values[3]?.[1]).toBeCloseTo(46348 + 9.5 / 24, 6);
  });

  it("colours Qualified, Total and the metrics by conditional formats that follow the cells", async () => {
    const wb = workbook();
    const layout = layoutFor(12);
    await writeScorecard(ctx(wb), layout);
    const summary = wb.snapshot().sheets.find((s) => s.name === "Security Scorecard")!;
    const table = tableOf(layout, "ScoreSummary")!;
    const first = table.row + 2;
    const total = first + 4;
    expect(summary.conditionalFormats).toEqual([
      {
        address: `C${first}:D${first + 3}`,
        type: "Custom",
        formula: `=C${first}<1`,
        font: "#B10E1C",
        fill: "#FDE7E9",
      },
      {
        address: `C${total}:D${total}`,
        type: "Custom",
        formula: `=C${total}>=70`,
        font: "#0E700E",
        fill: "#E7F4E7",
      },
      {
        address: `C${total}:D${total}`,
        type: "Custom",
        formula: `=C${total}<70`,
        font: "#B10E1C",
        fill: "#FDE7E9",
      },
      {
        address: `C${total + 1}:D${total + 1}`,
        type: "Custom",
        formula: `=AND(C$${total}>=70,MIN(C$${first}:C$${first + 3})>=1)`,
        font: "#0E700E",
        fill: "#E7F4E7",
      },
      {
        address: `C${total + 1}:D${total + 1}`,
        type: "Custom",
        formula: `=NOT(AND(C$${total}>=70,MIN(C$${first}:C$${first + 3})>=1))`,
        font: "#B10E1C",
        fill: "#FDE7E9",
      },
    ]);
  });

  it("draws the month-by-month chart with dashed forecast lines, a dotted 70 line and gaps for blanks", async () => {
    const wb = workbook();
    await writeScorecard(ctx(wb), layoutFor(10));
    const sheet = wb.snapshot().sheets.find((s) => s.name === "Security Scorecard");
    const line = wb
      .snapshot()
      .sheets.find((s) => s.name === "Scorecard – Outlook")
      ?.charts.find((c) => c.type === "Line");
    const history = wb.snapshot().tables.find((t) => t.name === "ScoreHistory");
    expect(line?.source).toBe(
      `Scorecard building 6!${history?.address.replace(/[A-Z]+(\d+)$/, "F$1")}`
    );
    expect(line?.displayBlanksAs).toBe("NotPlotted");
    expect(line?.valueAxis).toEqual({ minimum: 0, maximum: 100 });
    expect(Object.values(line?.series ?? {}).map((s) => s.lineStyle)).toEqual([
      "Continuous",
      "Continuous",
      "Dash",
      "Dash",
      "RoundDot",
    ]);
    const bar = sheet?.charts.find((c) => c.type === "BarClustered");
    expect(bar?.reversePlotOrder).toBe(true);
    expect(Object.keys(bar?.series ?? {})).toHaveLength(2);
  });

  it("splits a scorecard too large for one request into blocks, every request under 5 MB", async () => {
    const wb = workbook();
    const layout = layoutFor(16000);
    const before = wb.syncs;
    await writeScorecard(ctx(wb), layout);
    const blocks = layout.sheets.map(
      (sheet) => writeBlocks(formulaMatrix(sheet), formatMatrix(sheet)).length
    );
    expect(Math.max(...blocks)).toBeGreaterThan(1);
    expect(wb.syncs - before).toBe(4 + blocks.reduce((a, n) => a + n - 1, 0));
    expect(Math.max(...wb.requestBytes)).toBeLessThan(PAYLOAD_LIMIT);
    const customers =
      wb.snapshot().tables.find((t) => t.name === "ScoreCustomers")?.rows.length ?? 0;
    expect(customers).toBe((tableOf(layout, "ScoreCustomers")?.rows ?? 0) - 1);
  }, 120000);

  it("never touches a user's sheet of the same name, and a refresh replaces only its own scorecard", async () => {
    const wb = workbook();
    wb.addSheet("Security Scorecard", [["my own notes"]]);
    const first = await writeScorecard(ctx(wb), layoutFor(5));
    expect(first.sheetName).toBe("Security Scorecard (2)");
    const second = await writeScorecard(ctx(wb), layoutFor(7));
    expect(second).toMatchObject({
      sheetName: "Security Scorecard (2)",
      replaced: "Security Scorecard (2)",
    });
    const snap = wb.snapshot();
    expect(snap.sheets.map((s) => s.name)).toEqual([
      "Security Scorecard",
      "Security Scorecard (2)",
      ...SHEETS.slice(1),
    ]);
    expect(snap.sheets[0]?.values).toEqual([["my own notes"]]);
    const expected = (tableOf(layoutFor(7), "ScoreCustomers")?.rows ?? 0) - 1;
    expect(snap.tables.find((t) => t.name === "ScoreCustomers")?.rows).toHaveLength(expected);
  });

  it("replaces a scorecard the command line wrote (its hidden sheet-scoped name), never writing a second one", async () => {
    const wb = workbook();
    wb.addSheet("Azure", azureCells(40, 8, 51));
    // As the command line leaves them: every scorecard sheet carries the hidden name, no property.
    for (const name of SHEETS)
      wb.addSheet(name, [[`${name} from the command line`]]).names.set(
        "SecurityPcsScorecard",
        "TRUE"
      );
    wb.addSheet("Notes", [["mine"]]);
    const candidates = await findCandidates(ctx(wb));
    expect(candidates.map((c) => c.sheet)).toEqual(["Azure", "Notes"]);
    const outcome = await writeScorecard(ctx(wb), layoutFor(5));
    expect(outcome).toMatchObject({
      sheetName: "Security Scorecard",
      replaced: "Security Scorecard",
    });
    const snap = wb.snapshot();
    expect(snap.sheets.map((s) => s.name).sort()).toEqual(["Azure", "Notes", ...SHEETS].sort());
    expect(snap.sheets.find((s) => s.name === "Security Scorecard")?.values[0]?.[0]).not.toMatch(
      /from the command line/
    );
  });

  it("refuses a workbook whose structure is protected before writing anything, saying how to unprotect it", async () => {
    const wb = workbook();
    await writeScorecard(ctx(wb), layoutFor(5));
    wb.structureProtected = true;
    const before = JSON.stringify(wb.snapshot());
    await expect(writeScorecard(ctx(wb), layoutFor(9))).rejects.toThrow(STRUCTURE_PROTECTED);
    expect(STRUCTURE_PROTECTED).toMatch(/Review › Protect Workbook/);
    expect(JSON.stringify(wb.snapshot())).toBe(before);
  });

  it.each(["tables.add", "charts.add", "range.numberFormat"])(
    "leaves the previous scorecard as it was when %s fails half-way",
    async (operation) => {
      const wb = workbook();
      await writeScorecard(ctx(wb), layoutFor(5));
      const before = JSON.stringify(wb.snapshot());
      wb.failWhen = (op) => op === operation;
      await expect(writeScorecard(ctx(wb), layoutFor(9))).rejects.toMatchObject({
        code: "GeneralException",
      });
      wb.failWhen = null;
      expect(JSON.stringify(wb.snapshot())).toBe(before);
    }
  );

  it("keeps a user's own table name free by suffixing ours", async () => {
    const wb = workbook();
    wb.addSheet("Mine", [["a"], ["1"]]);
    wb.addTable("Mine", "ScoreSummary", "A1:A2");
    const outcome = await writeScorecard(ctx(wb), layoutFor(3));
    expect(outcome.tables[0]).toBe("ScoreSummary2");
    expect(wb.snapshot().tables[0]).toMatchObject({ name: "ScoreSummary", sheet: "Mine" });
  });

  it("writes text that Excel would convert (dates, numbers, formulas) as text", async () => {
    const wb = workbook();
    const layout = layoutFor(2);
    layout.sheets[0]!.cells.push([
      { value: '=HYPERLINK("http://x")' },
      { value: "2025-06" },
      { value: "0012" },
    ]);
    await writeScorecard(ctx(wb), layout);
    const values = wb.snapshot().sheets[0]?.values ?? [];
    expect(values[values.length - 1]?.slice(0, 3)).toEqual([
      '=HYPERLINK("http://x")',
      "2025-06",
      "0012",
    ]);
  });
});

describe("the pane's whole job", () => {
  it("reads the chosen tables, scores them and writes ScoreSummary with native formulas", async () => {
    const wb = workbook();
    wb.addSheet("Azure", azureCells(2000, 80, 21));
    wb.addSheet("M365", m365Cells(800, 80, 22));
    wb.addSheet("Certs", certCells(40, 23));
    const candidates = await findCandidates(ctx(wb));
    const pick = (kind: string) => candidates.find((c) => c.kind === kind);
    const steps: string[] = [];
    const { result } = await buildScorecard(
      ctx(wb),
      { azure: [pick("azure")!], m365: [pick("m365")!], certifications: [pick("certifications")!] },
      (m) => steps.push(m)
    );
    expect(steps[steps.length - 1]).toBe("Done");
    const summary = wb.snapshot().tables.find((t) => t.name === "ScoreSummary");
    expect(summary?.header).toEqual(["Metric", "Max", "Enterprise", "SMB"]);
    expect(summary?.rows.map((r) => r[0])).toEqual([
      "Net customer adds",
      "Intermediate certifications",
      "Deployments",
      "Usage growth",
      "Total",
      "Qualified",
    ]);
    expect(summary?.rows[0]?.slice(2)).toEqual([
      result.tracks.enterprise.netCustomerAdds.points,
      result.tracks.smb.netCustomerAdds.points,
    ]);
    expect(summary?.rows[4]?.slice(2)).toEqual([
      result.tracks.enterprise.total,
      result.tracks.smb.total,
    ]);
    expect(summary?.rows[5]?.slice(2)).toEqual([
      result.tracks.enterprise.qualified,
      result.tracks.smb.qualified,
    ]);
    const formulas = Object.values(summary?.formulas ?? {});
    expect(formulas).toHaveLength(5);
    expect(
      formulas.filter((f) => /^=ROUND\(SUM\([CD]\d+:[CD]\d+\)\*3,0\)\/3$/.test(f))
    ).toHaveLength(2);
    expect(formulas.filter((f) => /^=AND\([CD]\d+>=70(,[CD]\d+>=1){4}\)$/.test(f))).toHaveLength(2);
  });
});

describe("tables changed after the pane looked", () => {
  /** Writes rows into a fake sheet from row `at` (0-based), as a user pasting them. */
  function paste(wb: FakeWorkbook, sheet: string, at: number, rows: unknown[][]): void {
    const model = wb.sheet(sheet);
    if (!model) throw new Error(`no sheet ${sheet}`);
    rows.forEach((row, r) => row.forEach((v, c) => (model.cell(at + r, c).value = v)));
  }

  it("reads rows pasted under a chosen table after the pane looked", async () => {
    const all = azureCells(400, 30, 61);
    const wb = workbook();
    wb.addSheet("Azure", all.slice(0, 201));
    const before = await findCandidates(ctx(wb));
    paste(wb, "Azure", 201, all.slice(201));
    const { result } = await buildScorecard(ctx(wb), { azure: before });
    expect(result.inputs.map((i) => i.rows)).toEqual([400]);
    const fresh = workbook();
    fresh.addSheet("Azure", all);
    const { result: expected } = await buildScorecard(ctx(fresh), {
      azure: await findCandidates(ctx(fresh)),
    });
    expect(result.tracks).toEqual(expected.tracks);
  });

  it("says which chosen table is gone, or lost its headers, and to look again", async () => {
    const wb = workbook();
    wb.addSheet("Azure", azureCells(20, 5, 62));
    const chosen = await findCandidates(ctx(wb));
    paste(wb, "Azure", 0, [["Notes"]]);
    await expect(buildScorecard(ctx(wb), { azure: chosen })).rejects.toThrow(
      "Azure (sheet) no longer has the headers of Azure consumption (changed since the pane looked for tables): press Look for tables again, check the choices and build again."
    );
    wb.sheet("Azure")!.name = "Old";
    await expect(buildScorecard(ctx(wb), { azure: chosen })).rejects.toThrow(
      /^Azure \(sheet\) is no longer in the workbook \(renamed, moved or deleted/
    );
  });
});

describe("the workbook's date system", () => {
  const NOW = new Date(2026, 10, 22, 9, 30);
  /** The days between the 1900 and the 1904 date systems' serials of the same day. */
  const OFFSET = 1462;
  const shifted = (cells: unknown[][], cols: number[]): unknown[][] =>
    cells.map((row, r) =>
      r === 0
        ? row
        : row.map((v, c) => (cols.includes(c) && typeof v === "number" ? v - OFFSET : v))
    );

  /** Scores one workbook through the pane's job; its result and the scorecard's label cells. */
  async function paneJob(
    system: boolean | "unsupported",
    dates: (cells: unknown[][], cols: number[]) => unknown[][]
  ) {
    const wb = workbook();
    wb.date1904 = system;
    wb.addSheet("Azure", dates(azureCells(1500, 60, 31), [0]));
    wb.addSheet("M365", dates(m365Cells(600, 60, 32), [0]));
    wb.addSheet("Certs", dates(certCells(40, 33), [2, 3]));
    const candidates = await findCandidates(ctx(wb));
    const pick = (kind: string) => candidates.filter((c) => c.kind === kind);
    const steps: string[] = [];
    const { result } = await buildScorecard(
      ctx(wb),
      { azure: pick("azure"), m365: pick("m365"), certifications: pick("certifications") },
      (m) => steps.push(m),
      NOW
    );
    const sheet = wb.snapshot().sheets.find((s) => s.name === "Security Scorecard");
    const labelled = (label: string) => sheet?.values.find((row) => row[0] === label)?.[1];
    return { result, steps, asOf: labelled("As of"), generated: labelled("Generated") };
  }

  it("reads date numbers in the 1904 date system when the workbook uses it, and writes the scorecard's dates in it", async () => {
    const mac = await paneJob(true, shifted);
    const windows = await paneJob(false, (cells) => cells);
    const [note, ...rest] = mac.result.issues;
    expect(note).toEqual({
      severity: "info",
      table: "This workbook",
      row: null,
      message: expect.stringMatching(/uses the 1904 date system/),
    });
    expect({ ...mac.result, issues: rest }).toEqual(windows.result);
    expect(mac.result.asOf).toBe("2025-06");
    expect(typeof windows.asOf).toBe("number");
    expect(mac.asOf).toBe((windows.asOf as number) - OFFSET);
    expect(mac.generated).toBe((windows.generated as number) - OFFSET);
  });

  it("reads date numbers as 1900 serials, without a note, when this Excel cannot tell the date system", async () => {
    const old = await paneJob("unsupported", (cells) => cells);
    const windows = await paneJob(false, (cells) => cells);
    expect(old.steps[old.steps.length - 1]).toBe("Done");
    expect(old.result).toEqual(windows.result);
    expect(old.result.issues.some((i) => /1904/.test(i.message))).toBe(false);
    expect(old.asOf).toBe(windows.asOf);
  });
});
