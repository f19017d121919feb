import { createReadStream, existsSync, mkdirSync, statSync } from "fs";
import { createServer, Server } from "http";
import { AddressInfo } from "net";
import { extname, join, normalize } from "path";
import { Browser, chromium, Page } from "playwright-core";
import webpack from "webpack";
import { azureCells, certCells, m365Cells } from "../../bench/data";
import { ScoreResult, scoreTables } from "../../src/scoring";

export const ROOT = join(__dirname, "..", "..");
export const DIST = join(ROOT, "dist");
export const RESULTS = join(ROOT, "test-results");
const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".json": "application/json",
  ".css": "text/css",
  ".png": "image/png",
  ".xml": "application/xml",
};

/** Serves dist/ on 127.0.0.1 (a random free port). */
export async function serveDist(): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? "/").split("?")[0] ?? "/")).replace(
      /^([/\\])+/,
      ""
    );
    const file = join(DIST, path || "taskpane.html");
    if (!file.startsWith(DIST) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Debian's Chromium, headless, with no background traffic. */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

/** Requests the page made that were not answered locally (blocked), and console errors. */
export interface Traffic {
  blocked: string[];
  served: string[];
  console: string[];
}

/**
 * Routes every request: the local server passes, the Office.js CDN is answered by `office`
 * (a function from the CDN path to a local file), everything else is blocked and recorded.
 */
export async function route(
  page: Page,
  origin: string,
  office: (path: string) => string | null
): Promise<Traffic> {
  const traffic: Traffic = { blocked: [], served: [], console: [] };
  page.on("console", (m) => traffic.console.push(`${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => traffic.console.push(`pageerror: ${e.message}`));
  await page.route("**/*", async (r) => {
    const url = r.request().url();
    if (url.startsWith(origin)) return r.continue();
    if (url.startsWith(OFFICE_CDN)) {
      const file = office(url.slice(OFFICE_CDN.length).split("?")[0] ?? "");
      if (file && existsSync(file)) {
        traffic.served.push(url);
        return r.fulfill({ path: file, contentType: "text/javascript" });
      }
    }
    traffic.blocked.push(url);
    return r.abort("blockedbyclient");
  });
  return traffic;
}

/** Builds the fake Office.js host for the browser into test-results/fake-office.js. */
export async function buildFakeOffice(): Promise<string> {
  mkdirSync(RESULTS, { recursive: true });
  const compiler = webpack({
    mode: "development",
    devtool: false,
    target: "web",
    entry: join(ROOT, "test", "fakes", "fake-office-browser.ts"),
    output: { path: RESULTS, filename: "fake-office.js" },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [{ test: /\.ts$/, use: { loader: "ts-loader", options: { transpileOnly: true } } }],
    },
  });
  await new Promise<void>((resolve, reject) =>
    compiler.run((error, stats) => {
      if (error || stats?.hasErrors()) reject(error ?? new Error(stats?.toString("errors-only")));
      else compiler.close(() => resolve());
    })
  );
  return join(RESULTS, "fake-office.js");
}

/** A generated workbook for the pane (three input sheets, the licences optionally as a table) and the engine's score of it. */
export function paneWorkbook(
  size: { azureRows: number; m365Rows: number; tenants: number; people: number; seed: number },
  licencesTable?: string
): {
  seed: { sheets: { name: string; cells: unknown[][] }[]; tables: unknown[] };
  expected: ScoreResult;
} {
  const azure = azureCells(size.azureRows, size.tenants, size.seed);
  const m365 = m365Cells(size.m365Rows, size.tenants, size.seed + 1);
  const certs = certCells(size.people, size.seed + 2);
  const seed = {
    sheets: [
      { name: "Azure consumption", cells: azure },
      { name: "Licences", cells: m365 },
      { name: "Certifications", cells: certs },
    ],
    tables: licencesTable
      ? [{ sheet: "Licences", name: licencesTable, address: `A1:H${m365.length}` }]
      : [],
  };
  const expected = scoreTables({
    azure: { cells: azure, name: "Azure consumption" },
    m365: { cells: m365, name: licencesTable ?? "Licences" },
    certifications: { cells: certs, name: "Certifications" },
  });
  return { seed, expected };
}
