import { join } from "path";
import { Browser, Page } from "playwright-core";
import { TRACKS } from "../../src/scoring";
import { qualificationReason } from "../../src/report/qualification-reasons";
import {
  buildFakeOffice,
  launch,
  paneWorkbook,
  RESULTS,
  route,
  serveDist,
  Traffic,
} from "./harness";

// The pane as a narrow Excel pane shows it (320 × 700): the message bar stays in view, the reasons
// a track does not qualify, Office's dark theme, typed months without a picker, and the messages
// for Office.js not loading and an Excel too old.
const { seed, expected } = paneWorkbook({
  azureRows: 3000,
  m365Rows: 800,
  tenants: 120,
  people: 6,
  seed: 51,
});
const DARK = {
  bodyBackgroundColor: "#1f1f1f",
  bodyForegroundColor: "#ffffff",
  controlBackgroundColor: "#292929",
  controlForegroundColor: "#ffffff",
};

let browser: Browser;
let stop: () => void;
let origin: string;
let fake: string;

beforeAll(async () => {
  fake = await buildFakeOffice();
  const served = await serveDist();
  origin = served.origin;
  stop = () => served.server.close();
  browser = await launch();
}, 60000);
afterAll(async () => {
  await browser?.close();
  stop?.();
});

async function open(
  extra: Record<string, unknown> = {},
  officeScript: string | null = fake
): Promise<{ page: Page; traffic: Traffic }> {
  const page = await browser.newPage({ viewport: { width: 320, height: 700 } });
  const traffic = await route(page, origin, (path) => (path === "office.js" ? officeScript : null));
  await page.addInitScript({
    content: `window.__seed = ${JSON.stringify({ ...seed, ...extra })};`,
  });
  await page.goto(`${origin}/taskpane.html`);
  return { page, traffic };
}

/** Whether the element's box lies inside the 320 × 700 viewport. */
async function inView(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).boundingBox();
  return (
    box !== null &&
    box.y >= 0 &&
    box.y + box.height <= 700 &&
    box.x >= 0 &&
    box.x + box.width <= 320
  );
}

describe("the task pane at 320 × 700", () => {
  it("keeps the status line in view after an error, wherever the pane is scrolled", async () => {
    const { page } = await open();
    await page.waitForSelector("#form:not([hidden])");
    await page.waitForFunction(() =>
      document.getElementById("status")?.textContent?.startsWith("Found")
    );
    for (const box of await page.$$("#form input[type=checkbox]")) await box.uncheck();
    await page.click("#build");
    await page.waitForSelector("#message.error");
    expect(await page.textContent("#status")).toBe(
      "Could not build the scorecard: Choose at least one input table."
    );
    // Fluent UI web components: the message bar, the buttons and the progress bar.
    expect(await page.getAttribute("#message", "intent")).toBe("error");
    expect(
      await page.evaluate(() =>
        ["fluent-message-bar", "fluent-button", "fluent-progress-bar"].map(
          (t) => customElements.get(t) !== undefined
        )
      )
    ).toEqual([true, true, true]);
    await page.mouse.wheel(0, 5000);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    expect(await inView(page, "#status")).toBe(true);
    await page.screenshot({ path: join(RESULTS, "taskpane-320-error.png") });
    await page.close();
  });

  it("says why a track does not qualify: points short of 70 and the metrics below the minimum", async () => {
    const { page } = await open();
    await page.waitForFunction(() =>
      document.getElementById("status")?.textContent?.startsWith("Found")
    );
    await page.click("#build");
    await page.waitForSelector("#summary:not([hidden])");
    const reasons = await page.$$eval("#reasons li", (lis) => lis.map((l) => l.textContent));
    const wanted = TRACKS.map((t) => qualificationReason(expected, t)).filter((r) => r !== null);
    expect(wanted.length).toBeGreaterThan(0);
    expect(reasons).toEqual(wanted);
    for (const r of reasons)
      expect(r).toMatch(/does not qualify: .*(points short of 70|needs 1 or more)/);
    expect(await inView(page, "#status")).toBe(true);
    await page.screenshot({ path: join(RESULTS, "taskpane-320-reasons.png"), fullPage: true });
    await page.close();
  });

  it("follows Office's dark theme", async () => {
    const { page } = await open({ theme: DARK });
    await page.waitForSelector("#form:not([hidden])");
    const look = await page.evaluate(() => ({
      dark: document.documentElement.classList.contains("dark"),
      body: getComputedStyle(document.body).backgroundColor,
      text: getComputedStyle(document.body).color,
    }));
    expect(look).toEqual({ dark: true, body: "rgb(31, 31, 31)", text: "rgb(255, 255, 255)" });
    await page.screenshot({ path: join(RESULTS, "taskpane-320-dark.png"), fullPage: true });
    await page.close();
  });

  it("takes a typed YYYY-MM where there is no month picker, and says so", async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 700 } });
    await route(page, origin, (path) => (path === "office.js" ? fake : null));
    await page.addInitScript({ content: `window.__seed = ${JSON.stringify(seed)};` });
    // WebKit without a picker: an input asked to be a month stays text.
    await page.addInitScript(() => {
      const d = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "type")!;
      Object.defineProperty(HTMLInputElement.prototype, "type", {
        get(this: HTMLInputElement) {
          const t = d.get!.call(this) as string;
          return t === "month" ? "text" : t;
        },
        set(this: HTMLInputElement, v: string) {
          d.set!.call(this, v);
        },
      });
    });
    await page.goto(`${origin}/taskpane.html`);
    await page.waitForFunction(() =>
      document.getElementById("status")?.textContent?.startsWith("Found")
    );
    expect(await page.getAttribute("#asof", "placeholder")).toBe("YYYY-MM");
    expect(await page.textContent("#asof-hint")).toContain("Type the month as YYYY-MM");
    await page.fill("#asof", "2025-13");
    await page.click("#build");
    await page.waitForSelector("#message.error");
    expect(await page.textContent("#status")).toContain(
      'As-of month "2025-13" is not a month: use YYYY-MM.'
    );
    await page.fill("#asof", expected.history[6]!.asOf);
    await page.click("#build");
    await page.waitForSelector("#summary:not([hidden])");
    expect(await page.textContent("#best")).toContain(`as of ${expected.history[6]!.asOf}`);
    await page.close();
  });

  it("says so when Office.js cannot load, instead of a blank pane", async () => {
    const { page, traffic } = await open({}, null);
    await page.waitForSelector("#office-failed:not([hidden])");
    expect(await page.textContent("#office-failed")).toContain("Office could not be reached");
    expect(await page.isHidden("#loading")).toBe(true);
    expect(traffic.blocked.some((u) => u.endsWith("/office.js"))).toBe(true);
    await page.close();
  });

  it("tells a user of an Excel without ExcelApi 1.12 what to do", async () => {
    const { page } = await open({ excelApi: "1.11" });
    await page.waitForSelector("#old-excel:not([hidden])");
    expect(await page.textContent("#old-excel")).toContain("Excel API set 1.12");
    expect(await page.isHidden("#form")).toBe(true);
    await page.close();
  });
});
