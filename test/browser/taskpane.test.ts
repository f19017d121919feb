import { writeFileSync } from "fs";
import { join } from "path";
import { Browser, Page } from "playwright-core";
import { WorkbookSnapshot } from "../fakes/fake-excel";
import {
  buildFakeOffice,
  launch,
  paneWorkbook,
  RESULTS,
  route,
  serveDist,
  Traffic,
} from "./harness";
import { DETAIL_SHEETS } from "../../src/report/layout";

// The built task pane in headless Chromium with the fake Excel host in place of Office.js:
// press the button, check the scorecard the pane wrote into the fake workbook.
const { seed, expected } = paneWorkbook(
  { azureRows: 6000, m365Rows: 2500, tenants: 150, people: 80, seed: 31 },
  "M365Licences"
);

let browser: Browser;
let stop: () => void;
let origin: string;
let fake: string;
let page: Page;
let traffic: Traffic;

const snapshot = (): Promise<WorkbookSnapshot> =>
  page.evaluate(() =>
    (
      globalThis as unknown as { __fakeWorkbook: { snapshot: () => WorkbookSnapshot } }
    ).__fakeWorkbook.snapshot()
  );

beforeAll(async () => {
  fake = await buildFakeOffice();
  const served = await serveDist();
  origin = served.origin;
  stop = () => served.server.close();
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 360, height: 760 } });
  traffic = await route(page, served.origin, (path) => (path === "office.js" ? fake : null));
  await page.addInitScript({ content: `window.__seed = ${JSON.stringify(seed)};` });
  await page.goto(`${served.origin}/taskpane.html`);
}, 60000);
afterAll(async () => {
  await browser?.close();
  stop?.();
});

describe("the task pane in Excel (fake host)", () => {
  it("finds and preselects the input tables by their headers", async () => {
    await page.waitForFunction(() =>
      document.getElementById("status")?.textContent?.startsWith("Found")
    );
    expect(await page.textContent("#status")).toBe(
      "Found 3 input tables. Check them and press Build scorecard."
    );
    const ticked = (list: string): Promise<string[]> =>
      page.$$eval(`#${list} label`, (labels) =>
        labels
          .filter((l) => (l.querySelector("input") as HTMLInputElement).checked)
          .map((l) => l.textContent ?? "")
      );
    expect(await ticked("azure-list")).toEqual([
      "Azure consumption (sheet) · Azure consumption table",
    ]);
    expect(await ticked("m365-list")).toEqual([
      "M365Licences (table on Licences) · Microsoft 365 licences table",
    ]);
    expect(await ticked("certs-list")).toEqual(["Certifications (sheet) · Certifications table"]);
    expect(await page.$$eval("#rules option", (os) => os.map((o) => o.textContent))).toEqual([
      "Automatic (in force in the as-of month)",
      "2025",
      "2026",
    ]);
  });

  it("builds the scorecard with one button and summarises it", async () => {
    await page.focus("#build");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#summary:not([hidden])");
    expect(await page.textContent("#status")).toBe(
      'Scorecard written to sheet "Security Scorecard".'
    );
    const rows = await page.$$eval("#summary-rows tr", (trs) =>
      trs.map((tr) => [...tr.children].map((c) => c.textContent))
    );
    expect(rows).toEqual([
      [
        "Enterprise",
        expected.tracks.enterprise.total.toFixed(1),
        expected.tracks.enterprise.qualified ? "Yes" : "No",
      ],
      ["SMB", expected.tracks.smb.total.toFixed(1), expected.tracks.smb.qualified ? "Yes" : "No"],
    ]);
    expect(await page.textContent("#best")).toContain(`as of ${expected.asOf}`);
    await page.screenshot({ path: join(RESULTS, "taskpane.png"), fullPage: true });
  });

  it("shows the trend, the first month at risk and the best track's five nearest wins", async () => {
    expect(await page.isVisible("#outlook")).toBe(true);
    const lines = await page.$$eval("#trend-box polyline", (ps) =>
      ps.map((p) => [p.getAttribute("class"), p.getAttribute("points")?.split(" ").length])
    );
    const h = expected.history.length;
    const f = expected.forecast.length;
    expect(lines).toEqual([
      ["enterprise", h],
      ["enterprise forecast", f + 1],
      ["smb", h],
      ["smb forecast", f + 1],
    ]);
    const label = await page.getAttribute("#trend-box svg", "aria-label");
    expect(label).toContain(`through ${expected.asOf}`);
    const risk = (await page.textContent("#risk")) ?? "";
    if (expected.firstMonthAtRisk)
      expect(risk).toContain(`First month at risk: ${expected.firstMonthAtRisk}.`);
    else expect(risk).toMatch(/^No month at risk/);
    const wins = await page.$$eval("#wins li", (lis) => lis.map((li) => li.textContent ?? ""));
    const plan = expected.plan[expected.bestTrack];
    expect(wins).toHaveLength(Math.max(1, Math.min(5, plan.wins.length)));
    plan.wins.slice(0, 5).forEach((w, i) => {
      expect(wins[i]).toContain(w.subject);
      expect(wins[i]).toContain(w.because);
    });
    await page.locator("#outlook").screenshot({ path: join(RESULTS, "taskpane-outlook.png") });
  });

  it("writes the Security Scorecard with ScoreSummary holding the engine's numbers", async () => {
    const snap = await snapshot();
    writeFileSync(join(RESULTS, "scorecard.json"), JSON.stringify(snap, null, 2));
    const summary = snap.tables.find((t) => t.name === "ScoreSummary");
    expect(summary?.sheet).toBe("Security Scorecard");
    expect(summary?.header).toEqual(["Metric", "Max", "Enterprise", "SMB"]);
    const metrics = ["netCustomerAdds", "skilling", "deployments", "usageGrowth"] as const;
    metrics.forEach((m, i) => {
      expect(summary?.rows[i]?.slice(1)).toEqual([
        expected.tracks.enterprise[m].max,
        expected.tracks.enterprise[m].points,
        expected.tracks.smb[m].points,
      ]);
    });
    // Total and Qualified are formulas; the host computes them as Excel would.
    expect(summary?.rows[4]).toEqual([
      "Total",
      100,
      expected.tracks.enterprise.total,
      expected.tracks.smb.total,
    ]);
    expect(summary?.rows[5]?.slice(2)).toEqual([
      expected.tracks.enterprise.qualified,
      expected.tracks.smb.qualified,
    ]);
    expect(Object.keys(summary?.formulas ?? {})).toHaveLength(5);
    expect(snap.tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(["ScoreCustomers", "ScorePeople", "ScoreIssues"])
    );
    expect(snap.tables.find((t) => t.name === "ScoreCustomers")?.rows).toHaveLength(
      expected.customers.length
    );
    expect(
      snap.sheets.find((s) => s.name === "Security Scorecard")?.charts.map((c) => c.type)
    ).toEqual(["BarClustered"]);
    expect(snap.sheets.find((s) => s.name === "Security Scorecard")?.properties).toEqual({
      SecurityPcsScorecard: "1",
    });
  });

  it("replaces only its own scorecard on a second run", async () => {
    await page.click("#build");
    await page.waitForFunction(() =>
      document.getElementById("status")?.textContent?.startsWith("Scorecard written")
    );
    const snap = await snapshot();
    expect(snap.sheets.map((s) => s.name)).toEqual([
      "Azure consumption",
      "Licences",
      "Certifications",
      "Security Scorecard",
      ...Object.values(DETAIL_SHEETS).map((d) => d.sheet),
    ]);
    expect(snap.tables.filter((t) => t.name === "ScoreSummary")).toHaveLength(1);
  });

  it("keeps a user's own Security Scorecard sheet untouched, run after run", async () => {
    const userBook = {
      sheets: [
        ...seed.sheets,
        {
          name: "Security Scorecard",
          cells: [["Our own notes for the board"], ["do not overwrite"]],
        },
      ],
      tables: seed.tables,
    };
    const second = await browser.newPage();
    const extra = await route(second, origin, (path) => (path === "office.js" ? fake : null));
    await second.addInitScript({ content: `window.__seed = ${JSON.stringify(userBook)};` });
    await second.goto(`${origin}/taskpane.html`);
    for (let run = 0; run < 2; run++) {
      await second.waitForFunction(
        (prefix) =>
          !(document.getElementById("build") as HTMLButtonElement).disabled &&
          document.getElementById("status")?.textContent?.startsWith(prefix),
        run === 0 ? "Found" : "Scorecard"
      );
      await second.click("#build");
      await second.waitForFunction(() =>
        document.getElementById("status")?.textContent?.startsWith("Scorecard written")
      );
    }
    expect(await second.textContent("#status")).toBe(
      'Scorecard written to sheet "Security Scorecard (2)".'
    );
    const snap = await second.evaluate(() =>
      (
        globalThis as unknown as { __fakeWorkbook: { snapshot: () => WorkbookSnapshot } }
      ).__fakeWorkbook.snapshot()
    );
    expect(snap.sheets.map((s) => s.name)).toEqual([
      "Azure consumption",
      "Licences",
      "Certifications",
      "Security Scorecard",
      "Security Scorecard (2)",
      ...Object.values(DETAIL_SHEETS).map((d) => d.sheet),
    ]);
    expect(snap.sheets[3]).toMatchObject({
      values: [["Our own notes for the board"], ["do not overwrite"]],
      properties: {},
      formulas: {},
      charts: [],
    });
    expect(snap.tables.filter((t) => t.name === "ScoreSummary").map((t) => t.sheet)).toEqual([
      "Security Scorecard (2)",
    ]);
    expect(extra.blocked).toEqual([]);
    await second.close();
  });

  it("sent no request off the machine and broke no Content-Security-Policy rule", () => {
    expect(traffic.blocked).toEqual([]);
    expect(
      traffic.console.filter((c) => /Content Security Policy|pageerror|error:/.test(c))
    ).toEqual([]);
  });
});
