import { posix } from "path";
import { SaxesParser, SaxesTagPlain } from "saxes";
import { SheetVisibility } from "../../scoring/issues";
import { refuseDtd, unreadable, ZipReader } from "./zip-reader";

/**
 * The structure of an .xlsx package: the workbook part, its sheets in order with their parts,
 * their Excel tables, and the workbook's defined names. Small parts are read whole (and refused
 * when they declare a DTD); sheets are streamed elsewhere.
 */

/** An element of a small XML part: its attributes and direct text. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  text: string;
}

/** Every element of a small XML part, in document order. */
export function elementsOf(path: string, part: string, xml: string): XmlElement[] {
  refuseDtd(path, part, xml);
  const out: XmlElement[] = [];
  const stack: XmlElement[] = [];
  const parser = new SaxesParser();
  parser.on("error", (error) => {
    throw unreadable(
      path,
      `the workbook's ${part} is not well-formed XML (${error.message.split("\n")[0]}); save it again from Excel`
    );
  });
  parser.on("opentag", (tag: SaxesTagPlain) => {
    // SpreadsheetML may come with a prefix (`x:sheet`, as the Open XML SDK writes): matched by local name.
    const element: XmlElement = {
      name: tag.name.slice(tag.name.indexOf(":") + 1),
      attributes: tag.attributes as Record<string, string>,
      text: "",
    };
    out.push(element);
    stack.push(element);
  });
  parser.on("text", (t: string) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  parser.write(xml).close();
  return out;
}

/** A relationship of a part: its id, type (last path segment) and resolved target part name. */
export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

/** The `_rels` part name of a part. */
export function relsPart(part: string): string {
  const dir = posix.dirname(part);
  return `${dir === "." ? "" : `${dir}/`}_rels/${posix.basename(part)}.rels`;
}

/** Resolves a relationship target against its source part ("/xl/x.xml" is from the root). */
export function resolveTarget(source: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  return posix.normalize(posix.join(posix.dirname(source), target));
}

/** The relationships of a part (none when it has no `_rels` part). */
export async function relationships(zip: ZipReader, part: string): Promise<Relationship[]> {
  const rels = relsPart(part);
  if (!zip.has(rels)) return [];
  return elementsOf(zip.path, rels, await zip.text(rels))
    .filter((e) => e.name === "Relationship")
    .map((e) => {
      const external = e.attributes.TargetMode === "External";
      const target = e.attributes.Target ?? "";
      return {
        id: e.attributes.Id ?? "",
        type: (e.attributes.Type ?? "").split("/").pop() ?? "",
        target: external ? target : resolveTarget(part, target),
        external,
      };
    });
}

/** An Excel table on a sheet. */
export interface TablePart {
  part: string;
  name: string;
  /** Its range, e.g. `A1:H2000`, header and total rows included. */
  ref: string;
  id: number;
  /** Rows of totals at the bottom of the range (0 or 1), which are not data. */
  totalsRows: number;
}

/** A sheet of the workbook, in tab order. */
export interface SheetPart {
  name: string;
  /** 0-based position among the workbook's sheets (what `localSheetId` counts). */
  index: number;
  sheetId: number;
  relId: string;
  part: string;
  tables: TablePart[];
  /** How Excel shows the sheet (`state` in the workbook part). */
  visibility: SheetVisibility;
}

/** What the package holds. */
export interface PackageParts {
  workbook: string;
  sheets: SheetPart[];
  sharedStrings: string | null;
  styles: string | null;
  /** Defined names: name, sheet scope (`localSheetId`) and formula text. */
  definedNames: { name: string; localSheetId: number | null; text: string }[];
  /** The workbook stores dates in the 1904 date system (`<workbookPr date1904="1"/>`). */
  date1904: boolean;
  /**
   * The file name ending Excel requires for this kind of workbook, from its main part's content
   * type: `.xlsm` for a macro-enabled workbook, `.xltx`/`.xltm` for templates, else `.xlsx`. A copy
   * of the package under another ending is a file Excel refuses to open.
   */
  extension: WorkbookExtension;
}

/** File name endings of the workbook kinds (see {@link PackageParts.extension}). */
export type WorkbookExtension = ".xlsx" | ".xlsm" | ".xltx" | ".xltm";

/** A sheet's `state` attribute as a {@link SheetVisibility} (absent or unknown: visible). */
function visibilityOf(state: string | undefined): SheetVisibility {
  if (state === "hidden") return "hidden";
  if (state === "veryHidden") return "veryHidden";
  return "visible";
}

/** The ending of a workbook whose main part has content type `type`. */
function extensionOf(type: string): WorkbookExtension {
  if (/macroEnabledTemplate\.main\+xml$/i.test(type)) return ".xltm";
  if (/macroEnabled\.main\+xml$/i.test(type)) return ".xlsm";
  if (/template\.main\+xml$/i.test(type)) return ".xltx";
  return ".xlsx";
}

/** The content type the package's `[Content_Types].xml` gives part `part` ("" when none). */
async function contentTypeOf(zip: ZipReader, part: string): Promise<string> {
  if (!zip.has("[Content_Types].xml")) return "";
  const types = elementsOf(zip.path, "[Content_Types].xml", await zip.text("[Content_Types].xml"));
  const override = types.find(
    (e) => e.name === "Override" && (e.attributes.PartName ?? "").replace(/^\//, "") === part
  );
  return override?.attributes.ContentType ?? "";
}

/**
 * Reads the package's structure.
 * @throws UsageError when the package has no workbook part or its parts are malformed
 */
export async function readPackageParts(zip: ZipReader): Promise<PackageParts> {
  const root = await relationships(zip, "");
  const workbook =
    root.find((r) => r.type === "officeDocument")?.target ??
    (zip.has("xl/workbook.xml") ? "xl/workbook.xml" : null);
  if (!workbook || !zip.has(workbook))
    throw unreadable(
      zip.path,
      "not an Excel workbook (it has no workbook part); save it as an Excel Workbook, .xlsx"
    );
  const elements = elementsOf(zip.path, workbook, await zip.text(workbook));
  const rels = await relationships(zip, workbook);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheets: SheetPart[] = [];
  // Positions count every sheet, chart sheets too, as a defined name's `localSheetId` does.
  const entries = elements.filter((x) => x.name === "sheet");
  for (const [position, e] of entries.entries()) {
    const relId = e.attributes["r:id"] ?? "";
    const rel = byId.get(relId);
    if (!rel || rel.type !== "worksheet" || !zip.has(rel.target)) continue;
    sheets.push({
      name: e.attributes.name ?? "",
      index: position,
      sheetId: Number(e.attributes.sheetId ?? 0),
      relId,
      part: rel.target,
      tables: [],
      visibility: visibilityOf(e.attributes.state),
    });
  }
  for (const sheet of sheets) {
    for (const rel of await relationships(zip, sheet.part)) {
      if (rel.type !== "table" || !zip.has(rel.target)) continue;
      const table = elementsOf(zip.path, rel.target, await zip.text(rel.target)).find(
        (x) => x.name === "table"
      );
      if (!table) continue;
      sheet.tables.push({
        part: rel.target,
        name: table.attributes.displayName ?? table.attributes.name ?? "",
        ref: table.attributes.ref ?? "",
        id: Number(table.attributes.id ?? 0),
        totalsRows: Number(table.attributes.totalsRowCount ?? 0) || 0,
      });
    }
  }
  return {
    workbook,
    sheets,
    sharedStrings: rels.find((r) => r.type === "sharedStrings")?.target ?? null,
    styles: rels.find((r) => r.type === "styles")?.target ?? null,
    definedNames: elements
      .filter((x) => x.name === "definedName")
      .map((x) => ({
        name: x.attributes.name ?? "",
        localSheetId:
          x.attributes.localSheetId === undefined ? null : Number(x.attributes.localSheetId),
        text: x.text,
      })),
    extension: extensionOf(await contentTypeOf(zip, workbook)),
    date1904: elements.some(
      (x) => x.name === "workbookPr" && /^(1|true)$/i.test(x.attributes.date1904 ?? "")
    ),
  };
}
