import { readFileSync } from "fs";
import { join } from "path";
import { XMLParser } from "fast-xml-parser";

type Node = Record<string, unknown>;
const xml = readFileSync(join(__dirname, "..", "..", "manifest.xml"), "utf8");
const doc = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  isArray: () => false,
}).parse(xml) as Node;
const app = doc.OfficeApp as Node;

/** Every value of `attr` anywhere under `node`, with the element it is on. */
function attributes(node: unknown, attr: string, path = ""): { path: string; value: string }[] {
  if (Array.isArray(node)) return node.flatMap((n, i) => attributes(n, attr, `${path}[${i}]`));
  if (node === null || typeof node !== "object") return [];
  const out: { path: string; value: string }[] = [];
  for (const [key, value] of Object.entries(node as Node)) {
    if (key === `@${attr}`) out.push({ path, value: String(value) });
    else out.push(...attributes(value, attr, `${path}/${key}`));
  }
  return out;
}
const host = ((app.VersionOverrides as Node).Hosts as Node).Host as Node;
const resources = (app.VersionOverrides as Node).Resources as Node;
const ids = new Set(attributes(resources, "id").map((a) => a.value));
const urls = ([] as Node[]).concat((resources.Urls as Node).Url as Node[]);
const urlOf = (id: string): string =>
  String(urls.find((u) => u["@id"] === id)?.["@DefaultValue"] ?? "");

describe("manifest.xml", () => {
  it("has a GUID id, an n.n.n.n version, ReadWriteDocument and a real name", () => {
    expect(String(app.Id)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
    );
    expect(String(app.Version)).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(app.Permissions).toBe("ReadWriteDocument");
    expect((app.DisplayName as Node)["@DefaultValue"]).toBe("Security Scorecard");
    expect(String((app.Description as Node)["@DefaultValue"]).length).toBeGreaterThan(40);
  });
  it("resolves every resid in Resources", () => {
    const used = attributes(app.VersionOverrides, "resid");
    expect(used.length).toBeGreaterThan(5);
    for (const r of used)
      expect({ resid: r.value, found: ids.has(r.value) }).toEqual({ resid: r.value, found: true });
  });
  it("wires a shared runtime: one long-lived runtime for the functions page, function file and the button", () => {
    const runtime = (host.Runtimes as Node).Runtime as Node;
    expect(runtime["@lifetime"]).toBe("long");
    const id = String(runtime["@resid"]);
    const cf = (host.AllFormFactors as Node).ExtensionPoint as Node;
    expect(cf["@type"]).toBe("CustomFunctions");
    expect(((cf.Page as Node).SourceLocation as Node)["@resid"]).toBe(id);
    const desktop = host.DesktopFormFactor as Node;
    expect((desktop.FunctionFile as Node)["@resid"]).toBe(id);
    const actions = attributes(desktop, "resid").filter((a) =>
      a.path.endsWith("/Action/SourceLocation")
    );
    expect(actions.map((a) => a.value)).toEqual([id]);
    expect(xml).toMatch(/<Set Name="SharedRuntime" MinVersion="1.1"\/>/);
  });
  it("declares the SECURITY namespace and the functions script and metadata", () => {
    const cf = (host.AllFormFactors as Node).ExtensionPoint as Node;
    const ns = String((cf.Namespace as Node)["@resid"]);
    const strings = ([] as Node[]).concat((resources.ShortStrings as Node).String as Node[]);
    expect(strings.find((s) => s["@id"] === ns)?.["@DefaultValue"]).toBe("SECURITY");
    expect(urlOf(String(((cf.Script as Node).SourceLocation as Node)["@resid"]))).toMatch(
      /\/functions\.js$/
    );
    expect(urlOf(String(((cf.Metadata as Node).SourceLocation as Node)["@resid"]))).toMatch(
      /\/functions\.json$/
    );
  });
  it("puts a button on the Home tab that shows the task pane", () => {
    expect(xml).toMatch(/<OfficeTab id="TabHome">/);
    expect(xml).toMatch(/<Action xsi:type="ShowTaskpane">/);
  });
  it("uses https for every URL and ships every icon it names", () => {
    const urls = [...xml.matchAll(/DefaultValue="(https?:[^"]+)"/g)].map((m) => m[1] ?? "");
    expect(urls.length).toBeGreaterThan(5);
    for (const u of urls) expect(u).toMatch(/^https:\/\//);
    for (const size of [16, 32, 64, 80]) {
      const png = readFileSync(join(__dirname, "..", "..", "assets", `icon-${size}.png`));
      expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
      expect(png.readUInt32BE(16)).toBe(size);
    }
  });
});

describe("the production manifest (dist/manifest.xml)", () => {
  const urls = require("../../scripts/manifest-urls") as {
    DEV_URL: string;
    addinUrl: (env?: Record<string, string>) => string;
    productionManifest: (xml: string, url: string) => string;
  };
  const pkg = require("../../package.json") as { config: { addinUrl: string }; homepage: string };
  const built = readFileSync(join(__dirname, "..", "..", "dist", "manifest.xml"), "utf8");

  it("carries no localhost: every add-in URL is the configured production address", () => {
    expect(built).not.toContain("localhost");
    const addin = [...built.matchAll(/DefaultValue="(https:[^"]+)"/g)]
      .map((m) => m[1] ?? "")
      .filter((u) => !u.includes("learn.microsoft.com") && !u.includes("github.com"));
    expect(addin.length).toBeGreaterThan(5);
    for (const u of addin) expect(u.startsWith(`${pkg.config.addinUrl}/`)).toBe(true);
    expect(built).toContain(`<AppDomain>${new URL(pkg.config.addinUrl).origin}</AppDomain>`);
  });

  it("points SupportUrl at the README's section on the add-in, not at the task pane", () => {
    const support = /<SupportUrl DefaultValue="([^"]+)"/.exec(built)?.[1] ?? "";
    expect(support).toBe(pkg.homepage.replace(/#readme$/, "#load-the-add-in-into-excel"));
  });

  it("declares the ExcelApi set the writer needs (worksheet custom properties: 1.12)", () => {
    expect(built).toMatch(/<Set Name="ExcelApi" MinVersion="1.12"\/>/);
    expect(built).toMatch(/<Set Name="SharedRuntime" MinVersion="1.1"\/>/);
  });

  it("takes the address from --env addinUrl, then ADDIN_URL, and refuses http or localhost", () => {
    expect(urls.addinUrl({ addinUrl: "https://addins.example.org/pcs/" })).toBe(
      "https://addins.example.org/pcs"
    );
    const before = process.env.ADDIN_URL;
    process.env.ADDIN_URL = "https://other.example.org";
    try {
      expect(urls.addinUrl({})).toBe("https://other.example.org");
    } finally {
      if (before === undefined) delete process.env.ADDIN_URL;
      else process.env.ADDIN_URL = before;
    }
    expect(() => urls.addinUrl({ addinUrl: "http://addins.example.org" })).toThrow(
      /must be a public https address/
    );
    expect(() => urls.addinUrl({ addinUrl: "https://localhost:3000" })).toThrow(
      /localhost is for npm start/
    );
    expect(() => urls.addinUrl({ addinUrl: "not a url" })).toThrow(/is not a web address/);
    const xml = urls.productionManifest(
      `<AppDomain>${urls.DEV_URL}</AppDomain><X DefaultValue="${urls.DEV_URL}/taskpane.html"/>`,
      "https://a.example.org/pcs"
    );
    expect(xml).toBe(
      '<AppDomain>https://a.example.org</AppDomain><X DefaultValue="https://a.example.org/pcs/taskpane.html"/>'
    );
  });
});

describe("scripts/check-manifest.js (the offline check CI runs)", () => {
  const { spawnSync } = require("child_process") as typeof import("child_process");
  const script = join(__dirname, "..", "..", "scripts", "check-manifest.js");
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [script, ...args], { encoding: "utf8" });

  it("passes the built manifest and refuses one that still points at localhost", () => {
    expect(run(join(__dirname, "..", "..", "dist", "manifest.xml")).status).toBe(0);
    const dev = run(join(__dirname, "..", "..", "manifest.xml"));
    expect(dev.status).toBe(1);
    expect(dev.stderr).toContain(
      "still points at https://localhost:3000; build it with npm run build"
    );
  });

  it("says which folder lacks the schemas when one is given", () => {
    const r = run(join(__dirname, "..", "..", "dist", "manifest.xml"), "/no/such/folder");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      "/no/such/folder/OfficeAppManifestV1_1.xsd: the manifest schemas are not there"
    );
  });
});
