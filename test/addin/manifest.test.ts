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
