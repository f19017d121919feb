import { readFileSync } from "fs";
import { join } from "path";
import { Browser } from "playwright-core";
import { DIST, launch, ROOT, route, serveDist } from "./harness";

// The built task pane in headless Chromium with the real Office.js (from node_modules), outside Excel.
let browser: Browser;
let stop: () => void;
let origin: string;

beforeAll(async () => {
  const served = await serveDist();
  origin = served.origin;
  stop = () => served.server.close();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  stop?.();
});

describe("the task pane outside Excel, with the real Office.js", () => {
  it("loads, resolves Office.onReady, explains how to load the add-in, registers every function, and sends nothing off the machine", async () => {
    const page = await browser.newPage();
    const officeDist = join(ROOT, "node_modules", "@microsoft", "office-js", "dist");
    const traffic = await route(page, origin, (path) => join(officeDist, path));
    await page.goto(`${origin}/taskpane.html`);
    const info = await page.evaluate(() =>
      (
        globalThis as unknown as { Office: { onReady: () => Promise<{ host: unknown }> } }
      ).Office.onReady()
    );
    expect(info.host).toBeNull();
    await page.waitForSelector("#outside:not([hidden])");
    expect(await page.textContent("#outside")).toContain("Upload My Add-in");
    expect(await page.isHidden("#form")).toBe(true);
    const ids = JSON.parse(readFileSync(join(DIST, "functions.json"), "utf8")).functions.map(
      (f: { id: string }) => f.id
    ) as string[];
    const associated = await page.evaluate(() =>
      Object.keys(
        (globalThis as unknown as { CustomFunctions: { _association: { mappings: object } } })
          .CustomFunctions._association.mappings
      )
    );
    expect(associated.map((s) => s.toUpperCase()).sort()).toEqual([...ids].sort());
    expect(traffic.served.some((u) => u.endsWith("/office.js"))).toBe(true);
    expect(traffic.blocked).toEqual([]);
    expect(traffic.console.filter((c) => /Content Security Policy|pageerror/.test(c))).toEqual([]);
    await page.close();
  });
});
