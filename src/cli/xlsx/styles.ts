import { CellStyle } from "../../report/layout-model";
import { escapeXml, NS, XML_HEAD } from "./xml";

/**
 * The scorecard's cell formats, appended to a workbook's own `styles.xml` (fonts, number formats
 * and cell formats are added after the workbook's; nothing of the workbook's is changed), so the
 * input's sheets keep their look and ours get theirs.
 */

/** The font every scorecard cell names explicitly (other programs would otherwise pick a serif). */
export const FONT = { name: "Calibri", size: 11 };

const FONT_OF: Record<
  CellStyle | "plain",
  { bold?: boolean; italic?: boolean; size?: number; color?: string; underline?: boolean }
> = {
  plain: {},
  title: { bold: true, size: 16, color: "FF0F6CBD" },
  section: { bold: true, size: 13, color: "FF0F6CBD" },
  header: { bold: true },
  label: { bold: true },
  note: { italic: true, color: "FF616161" },
  good: { bold: true, color: "FF0E700E" },
  bad: { bold: true, color: "FFB10E1C" },
  link: { color: "FF0F6CBD", underline: true },
};

/** A cell format: a style, a number format and whether text wraps. */
export interface CellFormat {
  style: CellStyle | "plain";
  numFmt: string;
  wrap: boolean;
}

/** The conditional formats' looks (differential formats): font colour and fill. */
const DXF = {
  good: { font: "FF0E700E", fill: "FFE7F4E7" },
  bad: { font: "FFB10E1C", fill: "FFFDE7E9" },
} as const;

const key = (f: CellFormat): string => `${f.style}|${f.numFmt}|${f.wrap ? 1 : 0}`;

/** Collects the formats the sheets use and gives each its `s` index in the merged styles. */
export class StyleBook {
  private readonly formats: CellFormat[] = [];
  private readonly index = new Map<string, number>();
  private base = 0;
  private dxfBase = 0;

  /** The `s` attribute of a format (valid once {@link merge} has run). */
  styleOf(format: CellFormat): number {
    const k = key(format);
    let i = this.index.get(k);
    if (i === undefined) {
      i = this.formats.push(format) - 1;
      this.index.set(k, i);
    }
    return this.base + i;
  }

  /** The `dxfId` of a conditional format's look (valid once {@link merge} has run). */
  dxfOf(style: keyof typeof DXF): number {
    return this.dxfBase + (style === "good" ? 0 : 1);
  }

  /** Sets where our formats start in the merged cellXfs and dxfs (call before writing sheets). */
  start(existingCellXfs: number, existingDxfs = 0): void {
    this.base = existingCellXfs;
    this.dxfBase = existingDxfs;
  }

  /** A workbook's styles with ours appended (or a fresh styles part when it has none). */
  merge(styles: string | null): string {
    const xml = styles ?? FRESH_STYLES;
    const fonts0 = collectionSize(xml, "fonts", "font");
    const numFmtIds = [...xml.matchAll(/<numFmt\b[^>]*numFmtId="(\d+)"/g)].map((m) => Number(m[1]));
    let nextFmt = Math.max(163, ...numFmtIds) + 1;
    const fmtIds = new Map<string, number>([["General", 0]]);
    const numFmts: string[] = [];
    for (const f of this.formats) {
      if (fmtIds.has(f.numFmt)) continue;
      fmtIds.set(f.numFmt, nextFmt);
      numFmts.push(`<numFmt numFmtId="${nextFmt}" formatCode="${escapeXml(f.numFmt)}"/>`);
      nextFmt++;
    }
    const used = [...new Set(this.formats.map((f) => f.style))];
    const fonts = used.map((s) => fontXml(FONT_OF[s]));
    const fontOf = new Map(used.map((s, i) => [s, fonts0 + i]));
    const xfs = this.formats.map((f) => {
      const fmt = fmtIds.get(f.numFmt) ?? 0;
      const align = f.wrap
        ? '<alignment vertical="top" wrapText="1"/>'
        : '<alignment vertical="top"/>';
      return `<xf numFmtId="${fmt}" fontId="${fontOf.get(f.style) ?? 0}" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" applyAlignment="1">${align}</xf>`;
    });
    let out = appendTo(xml, ["numFmts", "numFmt"], numFmts, () => /<styleSheet\b[^>]*>/);
    out = appendTo(out, ["fonts", "font"], fonts, () => null);
    out = appendTo(out, ["cellXfs", "xf"], xfs, () => null);
    const dxfs = (["good", "bad"] as const).map(
      (k) =>
        `<dxf><font><color rgb="${DXF[k].font}"/></font><fill><patternFill patternType="solid"><bgColor rgb="${DXF[k].fill}"/></patternFill></fill></dxf>`
    );
    // dxfs follow cellStyles in the schema's order.
    const current = out;
    out = appendTo(
      out,
      ["dxfs", "dxf"],
      dxfs,
      () =>
        [/<\/cellStyles>/, /<cellStyles\b[^>]*\/>/, /<\/cellXfs>/].find((r) => r.test(current)) ??
        null
    );
    return out;
  }
}

function fontXml(f: (typeof FONT_OF)[keyof typeof FONT_OF]): string {
  return `<font>${f.bold ? "<b/>" : ""}${f.italic ? "<i/>" : ""}${f.underline ? "<u/>" : ""}<sz val="${f.size ?? FONT.size}"/>${f.color ? `<color rgb="${f.color}"/>` : '<color theme="1"/>'}<name val="${FONT.name}"/><family val="2"/></font>`;
}

/**
 * Appends elements to a collection (`<fonts count="n">…</fonts>`), setting its count to the
 * elements it then holds; a missing collection is created after what `after` finds.
 */
function appendTo(
  xml: string,
  [tag, child]: [collection: string, element: string],
  items: string[],
  after: () => RegExp | null
): string {
  if (items.length === 0) return xml;
  const block = new RegExp(`<${tag}\\b([^>]*?)(/?)>`).exec(xml);
  if (!block) {
    const anchor = after();
    const m = anchor ? anchor.exec(xml) : null;
    if (!m) throw new Error(`styles: no <${tag}> and nowhere to put one`);
    const at = m.index + m[0].length;
    return `${xml.slice(0, at)}<${tag} count="${items.length}">${items.join("")}</${tag}>${xml.slice(at)}`;
  }
  const attrs = block[1] ?? "";
  const existing = collectionSize(xml, tag, child);
  const newAttrs = /count="\d+"/.test(attrs)
    ? attrs.replace(/count="\d+"/, `count="${existing + items.length}"`)
    : `${attrs} count="${existing + items.length}"`;
  if (block[2] === "/")
    return `${xml.slice(0, block.index)}<${tag}${newAttrs}>${items.join("")}</${tag}>${xml.slice(block.index + block[0].length)}`;
  const close = xml.indexOf(`</${tag}>`, block.index);
  return `${xml.slice(0, block.index)}<${tag}${newAttrs}>${xml.slice(block.index + block[0].length, close)}${items.join("")}${xml.slice(close)}`;
}

/** A styles part for a workbook that has none (the command line's workbooks from CSV files). */
export const FRESH_STYLES = `${XML_HEAD}<styleSheet xmlns="${NS.main}"><fonts count="1"><font><sz val="${FONT.size}"/><color theme="1"/><name val="${FONT.name}"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/**
 * How many `<child>` elements a styles part's `<tag>` collection holds, counted: Excel numbers
 * formats by the elements there are, and a `count` attribute can be stale (ours are numbered after
 * the real ones).
 */
function collectionSize(styles: string | null, tag: string, child: string): number {
  const xml = styles ?? FRESH_STYLES;
  const block = new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`).exec(xml);
  return block ? (block[1]?.match(new RegExp(`<${child}\\b`, "g")) ?? []).length : 0;
}

/** The number of differential formats (conditional formats' looks) a styles part already has. */
export const dxfsCount = (styles: string | null): number => collectionSize(styles, "dxfs", "dxf");

/** The number of cell formats a styles part already has (ours are numbered after them). */
export const cellXfsCount = (styles: string | null): number =>
  collectionSize(styles, "cellXfs", "xf");
