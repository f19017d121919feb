import { createWriteStream, readFileSync, renameSync, rmSync } from "fs";
import { posix } from "path";
import { Readable } from "stream";
import type JSZip from "jszip";
import { SheetLayout } from "../../report/layout-model";
import { OWN_SHEET_NAME } from "../../report/own-sheets";
import { pickScorecardName } from "../../report/sheet-names";
import { chartXml, drawingRelsXml, drawingXml } from "./chart-xml";
import { elementsOf, relsPart, resolveTarget } from "./package-parts";
import { quoteSheet, sheetXml, TableXml } from "./sheet-xml";
import { cellXfsCount, dxfsCount, StyleBook } from "./styles";
import { CONTENT_TYPE, escapeXml, NS, withDefaultMainNamespace, XML_HEAD } from "./xml";

/**
 * Writing the scorecard workbook: a copy of the input package with the scorecard's parts added
 * (every part of the input — sheets, styles, charts, images, pivot tables, defined names, data
 * validation — is copied as it was, its compressed bytes unchanged), the add-in's previous sheets
 * replaced, and the file written under a temporary name first, so a failure leaves no output.
 */

/** A sheet of data to add (a CSV input copied into the workbook), its worksheet XML streamed. */
export interface DataSheet {
  name: string;
  content: () => Readable;
}

/** What to write. */
export interface WorkbookOutput {
  /** The input workbook to copy, or null for a new workbook. */
  base: string | null;
  /** Our previous sheets in the base, replaced. */
  replace: readonly string[];
  /** Data sheets to add before ours (CSV inputs). */
  data: readonly DataSheet[];
  /** Our sheets, in order; the first is where the workbook opens. */
  sheets: readonly SheetLayout[];
}

const FRESH = {
  "[Content_Types].xml": `${XML_HEAD}<Types xmlns="${NS.contentTypes}"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${CONTENT_TYPE.workbook}"/><Override PartName="/xl/styles.xml" ContentType="${CONTENT_TYPE.styles}"/></Types>`,
  "_rels/.rels": `${XML_HEAD}<Relationships xmlns="${NS.package}"><Relationship Id="rId1" Type="${NS.relType("officeDocument")}" Target="xl/workbook.xml"/></Relationships>`,
  "xl/workbook.xml": `${XML_HEAD}<workbook xmlns="${NS.main}" xmlns:r="${NS.rel}"><bookViews><workbookView/></bookViews><sheets></sheets><calcPr fullCalcOnLoad="1"/></workbook>`,
  "xl/_rels/workbook.xml.rels": `${XML_HEAD}<Relationships xmlns="${NS.package}"><Relationship Id="rIdStyles" Type="${NS.relType("styles")}" Target="styles.xml"/></Relationships>`,
};

/** The package being edited, with its small XML parts as text. */
class Package {
  workbookPart = "xl/workbook.xml";
  workbook = "";
  workbookRels = "";
  types = "";

  constructor(readonly zip: JSZip) {}

  async text(name: string): Promise<string | null> {
    const file = this.zip.file(name);
    return file ? file.async("string") : null;
  }

  async load(path: string): Promise<void> {
    const root = (await this.text("_rels/.rels")) ?? "";
    const target = elementsOf(path, "_rels/.rels", root).find((e) =>
      (e.attributes.Type ?? "").endsWith("/officeDocument")
    )?.attributes.Target;
    this.workbookPart = target ? resolveTarget("", target) : "xl/workbook.xml";
    this.workbook = withDefaultMainNamespace((await this.text(this.workbookPart)) ?? "");
    this.workbookRels =
      (await this.text(relsPart(this.workbookPart))) ??
      `${XML_HEAD}<Relationships xmlns="${NS.package}"></Relationships>`;
    this.types = (await this.text("[Content_Types].xml")) ?? "";
  }

  /** Relationships of the workbook part: id, type, target part. */
  rels(path: string): { id: string; type: string; target: string }[] {
    return elementsOf(path, "workbook rels", this.workbookRels)
      .filter((e) => e.name === "Relationship")
      .map((e) => ({
        id: e.attributes.Id ?? "",
        type: (e.attributes.Type ?? "").split("/").pop() ?? "",
        target: resolveTarget(this.workbookPart, e.attributes.Target ?? ""),
      }));
  }

  /** A part name not yet used, e.g. `xl/worksheets/sheet7.xml`. */
  freeName(dir: string, stem: string): string {
    for (let n = 1; ; n++) {
      const name = `${dir}/${stem}${n}.xml`;
      if (!this.zip.file(name)) return name;
    }
  }

  /** A relationship id not yet used in the workbook's relationships. */
  freeRelId(): string {
    for (let n = 1; ; n++) if (!this.workbookRels.includes(`Id="rIdPcs${n}"`)) return `rIdPcs${n}`;
  }

  addOverride(part: string, type: string): void {
    this.types = this.types.replace(
      "</Types>",
      `<Override PartName="/${part}" ContentType="${type}"/></Types>`
    );
  }

  removeOverride(part: string): void {
    this.types = this.types.replace(
      new RegExp(`<Override\\b[^>]*PartName="/${escapeRegExp(part)}"[^>]*/>`),
      ""
    );
  }

  /** Removes a part, its relationships part and everything those point to (our own parts only). */
  async removeTree(part: string): Promise<void> {
    const rels = relsPart(part);
    const relsXml = await this.text(rels);
    if (relsXml)
      for (const e of elementsOf("", rels, relsXml))
        if (e.name === "Relationship" && e.attributes.TargetMode !== "External")
          await this.removeTree(resolveTarget(part, e.attributes.Target ?? ""));
    this.zip.remove(part);
    this.zip.remove(rels);
    this.removeOverride(part);
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The `<sheet>` elements of the workbook part, as written: self-closed, or with an end tag (some
 * XML writers never self-close), which a sheet's count and ids must include as well.
 */
function sheetElements(workbook: string): string[] {
  return [...workbook.matchAll(/<sheet\b[^>]*?(?:\/>|>\s*<\/sheet\s*>)/g)].map((m) => m[0]);
}

function attribute(element: string, name: string): string {
  return new RegExp(`\\b${name}="([^"]*)"`).exec(element)?.[1] ?? "";
}

/** Rewrites a defined name's sheet scope after sheets were removed (or drops it, when its sheet went). */
function renumberDefinedNames(workbook: string, removed: readonly number[]): string {
  return workbook.replace(
    /<definedName\b[^>]*>[\s\S]*?<\/definedName>|<definedName\b[^>]*\/>/g,
    (element) => {
      const local = /\blocalSheetId="(\d+)"/.exec(element);
      if (!local) return element;
      const index = Number(local[1]);
      if (removed.includes(index)) return "";
      const shift = removed.filter((r) => r < index).length;
      return element.replace(/\blocalSheetId="\d+"/, `localSheetId="${index - shift}"`);
    }
  );
}

/** Appends elements to `<tag>…</tag>` in the workbook part, creating it after `after` if missing. */
function appendBlock(xml: string, tag: string, items: string, after: string[]): string {
  if (items === "") return xml;
  if (new RegExp(`<${tag}\\s*/>`).test(xml))
    return xml.replace(new RegExp(`<${tag}\\s*/>`), `<${tag}>${items}</${tag}>`);
  if (xml.includes(`</${tag}>`)) return xml.replace(`</${tag}>`, `${items}</${tag}>`);
  for (const anchor of after) {
    const at = xml.indexOf(anchor);
    if (at >= 0)
      return `${xml.slice(0, at + anchor.length)}<${tag}>${items}</${tag}>${xml.slice(at + anchor.length)}`;
  }
  throw new Error(`workbook part: nowhere to put <${tag}>`);
}

/** Our sheets past this size are deflated at level 1. */
const FAST_DEFLATE_BYTES = 1024 * 1024;

/**
 * How a sheet part we write is compressed. jszip deflates in JavaScript: a large sheet (the
 * Customers sheet of 20,000 tenants is some 17 MB of XML) takes a third of the time at level 1,
 * for a part about a third larger; small parts keep the default level.
 */
function sheetCompression(content: string | Readable): JSZip.JSZipFileOptions {
  const big = typeof content !== "string" || content.length > FAST_DEFLATE_BYTES;
  return big ? { compression: "DEFLATE", compressionOptions: { level: 1 } } : {};
}

/**
 * jszip, loaded when a workbook is written: loading it takes about 40 ms, which every command
 * line run paid, including those that only print or write JSON.
 */
function loadJsZip(): typeof JSZip {
  return require("jszip") as typeof JSZip;
}

/** Drops a relationship from the workbook's relationships part. */
function removeRelationship(p: Package, id: string): void {
  p.workbookRels = p.workbookRels.replace(
    new RegExp(`<Relationship\\b[^>]*Id="${escapeRegExp(id)}"[^>]*/>`),
    ""
  );
}

/** Adds a relationship of the workbook part to `part`, under a fresh id; returns the id. */
function addRelationship(p: Package, type: string, part: string): string {
  const id = p.freeRelId();
  p.workbookRels = p.workbookRels.replace(
    "</Relationships>",
    `<Relationship Id="${id}" Type="${NS.relType(type)}" Target="${posix.relative(posix.dirname(p.workbookPart), part)}"/></Relationships>`
  );
  return id;
}

/** The input package (or a new one), its workbook part and relationships read. */
async function openPackage(output: WorkbookOutput, where: string): Promise<Package> {
  const Zip = loadJsZip();
  const zip = output.base ? await Zip.loadAsync(readFileSync(output.base)) : new Zip();
  if (!output.base) for (const [name, text] of Object.entries(FRESH)) zip.file(name, text);
  const p = new Package(zip);
  await p.load(where);
  return p;
}

/**
 * Our previous sheets go, with their tables, drawings and charts, and the defined names scoped to
 * them; calcChain goes too (Excel rebuilds it, and it would name cells of sheets that no longer
 * exist).
 */
async function removeOldSheets(
  p: Package,
  where: string,
  replace: readonly string[]
): Promise<void> {
  const rels = p.rels(where);
  const removed: number[] = [];
  for (const [index, element] of sheetElements(p.workbook).entries()) {
    if (!replace.includes(attribute(element, "name"))) continue;
    const relId = attribute(element, "r:id");
    const rel = rels.find((r) => r.id === relId);
    if (rel) await p.removeTree(rel.target);
    p.workbook = p.workbook.replace(element, "");
    removeRelationship(p, relId);
    removed.push(index);
  }
  p.workbook = renumberDefinedNames(p.workbook, removed);
  const calcChain = rels.find((r) => r.type === "calcChain");
  if (calcChain) {
    p.zip.remove(calcChain.target);
    p.removeOverride(calcChain.target);
    removeRelationship(p, calcChain.id);
  }
}

/** The names of a workbook's sheets, as shown (the attribute's two XML escapes undone). */
function sheetNames(workbook: string): string[] {
  return sheetElements(workbook).map((e) =>
    attribute(e, "name")
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, "&")
  );
}

/**
 * The sheets, tables and styles added to a package: it hands out the sheet ids, sheet names and
 * table names the package does not use yet, and the cell formats after the package's own.
 */
class Additions {
  /** Every sheet's name, in order: the package's, then those added. */
  readonly names: string[];
  private sheetId: number;
  /** Our sheets' marks and print titles (workbook-level defined names). */
  private readonly definedNames: string[] = [];
  private firstOurs = -1;

  private constructor(
    private readonly p: Package,
    private readonly tableNames: Set<string>,
    private tableId: number,
    private readonly stylesPart: string,
    private readonly stylesXml: string | null,
    private readonly stylesKnown: boolean,
    private readonly styles: StyleBook
  ) {
    this.names = sheetNames(p.workbook);
    this.sheetId = Math.max(
      0,
      ...sheetElements(p.workbook).map((e) => Number(attribute(e, "sheetId")) || 0)
    );
  }

  /** Reads what the package already uses: table ids and names, and its styles part. */
  static async of(p: Package, where: string): Promise<Additions> {
    const tableNames = new Set<string>();
    let tableId = 0;
    for (const f of Object.keys(p.zip.files).filter((n) => /^xl\/tables\/[^/]+\.xml$/.test(n))) {
      const xml = (await p.text(f)) ?? "";
      tableId = Math.max(tableId, Number(/\bid="(\d+)"/.exec(xml)?.[1] ?? 0));
      const name = /\bdisplayName="([^"]*)"/.exec(xml)?.[1];
      if (name) tableNames.add(name.toLowerCase());
    }
    const stylesRel = p.rels(where).find((r) => r.type === "styles");
    const stylesPart = stylesRel?.target ?? "xl/styles.xml";
    const stylesText = await p.text(stylesPart);
    const stylesXml = stylesText === null ? null : withDefaultMainNamespace(stylesText);
    const styles = new StyleBook();
    styles.start(cellXfsCount(stylesXml), dxfsCount(stylesXml));
    return new Additions(
      p,
      tableNames,
      tableId,
      stylesPart,
      stylesXml,
      stylesRel !== undefined,
      styles
    );
  }

  /** Adds a worksheet part and lists it in the workbook; returns its position and part name. */
  addSheet(name: string, content: string | Readable): { index: number; part: string } {
    const p = this.p;
    const part = p.freeName("xl/worksheets", "sheet");
    p.zip.file(part, content, sheetCompression(content));
    p.addOverride(part, CONTENT_TYPE.worksheet);
    const relId = addRelationship(p, "worksheet", part);
    p.workbook = appendBlock(
      p.workbook,
      "sheets",
      `<sheet name="${escapeXml(name)}" sheetId="${++this.sheetId}" r:id="${relId}"/>`,
      []
    );
    this.names.push(name);
    return { index: this.names.length - 1, part };
  }

  /** Adds one of our sheets with its tables, links and charts; returns the name it got. */
  addOurSheet(layout: SheetLayout): string {
    const name = pickScorecardName(this.names, layout.name);
    const sheet = sheetXml(layout, this.styles, this.tableIds(layout), layout.charts.length > 0);
    const { index, part } = this.addSheet(name, sheet.xml);
    if (this.firstOurs < 0) this.firstOurs = index;
    this.definedNames.push(
      `<definedName name="${OWN_SHEET_NAME}" localSheetId="${index}" hidden="1">TRUE</definedName>`
    );
    if (sheet.printTitles)
      this.definedNames.push(
        `<definedName name="_xlnm.Print_Titles" localSheetId="${index}">${escapeXml(`${quoteSheet(name)}!${sheet.printTitles}`)}</definedName>`
      );
    const sheetRels = [
      ...sheet.links.map(
        (link) =>
          `<Relationship Id="${link.relId}" Type="${NS.relType("hyperlink")}" Target="${escapeXml(link.url)}" TargetMode="External"/>`
      ),
      ...sheet.tables.map((t) => this.addTable(part, t)),
    ];
    if (sheet.drawingRelId) sheetRels.push(this.addCharts(part, sheet.drawingRelId, layout, name));
    if (sheetRels.length > 0)
      this.p.zip.file(
        relsPart(part),
        `${XML_HEAD}<Relationships xmlns="${NS.package}">${sheetRels.join("")}</Relationships>`
      );
    return name;
  }

  /** Ids and names for a sheet's tables, unused in the package (names compare case-blind). */
  private tableIds(layout: SheetLayout): { id: number; name: string }[] {
    return layout.tables.map((t) => {
      let n = t.name;
      for (let k = 2; this.tableNames.has(n.toLowerCase()); k++) n = `${t.name}${k}`;
      this.tableNames.add(n.toLowerCase());
      return { id: ++this.tableId, name: n };
    });
  }

  /** Adds one of a sheet's tables; returns the sheet's relationship to it. */
  private addTable(sheetPart: string, table: TableXml): string {
    const part = this.p.freeName("xl/tables", "table");
    this.p.zip.file(part, table.xml);
    this.p.addOverride(part, CONTENT_TYPE.table);
    return `<Relationship Id="${table.relId}" Type="${NS.relType("table")}" Target="${posix.relative(posix.dirname(sheetPart), part)}"/>`;
  }

  /** Adds a sheet's drawing and its charts; returns the sheet's relationship to the drawing. */
  private addCharts(sheetPart: string, relId: string, layout: SheetLayout, name: string): string {
    const p = this.p;
    const drawingPart = p.freeName("xl/drawings", "drawing");
    p.zip.file(drawingPart, drawingXml(layout));
    p.addOverride(drawingPart, CONTENT_TYPE.drawing);
    const targets = layout.charts.map((chart) => {
      const chartPart = p.freeName("xl/charts", "chart");
      p.zip.file(chartPart, chartXml(layout, chart, name));
      p.addOverride(chartPart, CONTENT_TYPE.chart);
      return posix.relative(posix.dirname(drawingPart), chartPart);
    });
    p.zip.file(relsPart(drawingPart), drawingRelsXml(targets));
    return `<Relationship Id="${relId}" Type="${NS.relType("drawing")}" Target="${posix.relative(posix.dirname(sheetPart), drawingPart)}"/>`;
  }

  /**
   * Writes the edited index parts: the workbook (our sheets' marks, open on the scorecard,
   * recalculate on load), its relationships, the styles with our formats, the content types.
   */
  finish(): void {
    const p = this.p;
    p.workbook = appendBlock(p.workbook, "definedNames", this.definedNames.join(""), ["</sheets>"]);
    if (this.firstOurs >= 0) p.workbook = openOn(p.workbook, this.firstOurs);
    p.workbook = recalculateOnLoad(p.workbook);
    p.zip.file(p.workbookPart, p.workbook);
    p.zip.file(relsPart(p.workbookPart), p.workbookRels);
    p.zip.file(this.stylesPart, this.styles.merge(this.stylesXml));
    if (!this.stylesKnown) {
      addRelationship(p, "styles", this.stylesPart);
      p.zip.file(relsPart(p.workbookPart), p.workbookRels);
      if (!p.types.includes(`PartName="/${this.stylesPart}"`))
        p.addOverride(this.stylesPart, CONTENT_TYPE.styles);
    }
    p.zip.file("[Content_Types].xml", p.types);
  }
}

/** The workbook part, set to open on sheet `index` with the first tab in view. */
function openOn(workbook: string, index: number): string {
  const active = /<workbookView\b[^>]*\bactiveTab="\d+"/.test(workbook)
    ? workbook.replace(/(<workbookView\b[^>]*\bactiveTab=")\d+"/, `$1${index}"`)
    : workbook.replace(/<workbookView\b/, `<workbookView activeTab="${index}"`);
  return active.replace(/(<workbookView\b[^>]*\bfirstSheet=")\d+"/, '$10"');
}

/** The workbook part, set to recalculate every formula when opened. */
function recalculateOnLoad(workbook: string): string {
  return /<calcPr\b/.test(workbook)
    ? workbook.replace(
        /<calcPr\b([^>]*?)\s*(\/?)>/,
        (_m, attrs: string, slash: string) =>
          `<calcPr${attrs.replace(/\s*fullCalcOnLoad="[^"]*"/, "")} fullCalcOnLoad="1"${slash}>`
      )
    : workbook.replace(/(<\/definedNames>|<\/sheets>)/, '$1<calcPr fullCalcOnLoad="1"/>');
}

/** Writes the package to `out` through a temporary file beside it, removed on failure. */
async function writeThroughTemp(zip: JSZip, out: string): Promise<void> {
  const temp = `${out}.${process.pid}.tmp`;
  try {
    await new Promise<void>((resolve, reject) => {
      zip
        .generateNodeStream({
          type: "nodebuffer",
          streamFiles: true,
          compression: "DEFLATE",
          compressionOptions: { level: 6 },
        })
        .on("error", reject)
        .pipe(createWriteStream(temp))
        .on("finish", () => resolve())
        .on("error", reject);
    });
    renameSync(temp, out);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Writes the output workbook to `out` (through a temporary file beside it).
 * @returns the names our sheets got (a user's sheet of the same name keeps it; ours get a suffix)
 */
export async function writeWorkbookFile(out: string, output: WorkbookOutput): Promise<string[]> {
  // Where messages about the package's parts point: the input workbook, or the new file.
  const where = output.base ?? out;
  const p = await openPackage(output, where);
  await removeOldSheets(p, where, output.replace);
  const additions = await Additions.of(p, where);
  for (const data of output.data)
    additions.addSheet(pickScorecardName(additions.names, data.name), data.content());
  const ours = output.sheets.map((layout) => additions.addOurSheet(layout));
  additions.finish();
  await writeThroughTemp(p.zip, out);
  return ours;
}
