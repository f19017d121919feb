import { a1, a1Range, LayoutCell, SheetLayout } from "../../report/layout-model";
import { StyleBook } from "./styles";
import { escapeXml, NS, XML_HEAD } from "./xml";

/**
 * A scorecard sheet as SpreadsheetML: the layout's cells (text inline, formulas with the value the
 * engine computed), formats, column widths, and its named tables as table parts.
 */

/** A table part to add, with the relationship id the sheet refers to it by. */
export interface TableXml {
  relId: string;
  xml: string;
}

/** What a sheet needs written: its XML and the parts it refers to. */
export interface SheetXml {
  xml: string;
  tables: TableXml[];
  /** The drawing holding the charts, when the sheet has any. */
  drawingRelId: string | null;
  /** Web links, each an external relationship of the sheet. */
  links: { relId: string; url: string }[];
  /** The rows printed at the top of every page (`$5:$5`), or null. */
  printTitles: string | null;
}

/** A sheet name as a formula refers to it: `'Scorecard – Customers'`. */
export const quoteSheet = (name: string): string => `'${name.replace(/'/g, "''")}'`;

/** The frozen rows: a pane below them, scrolled independently. */
function sheetView(layout: SheetLayout): string {
  const n = layout.freezeRows;
  if (n <= 0) return `<sheetView workbookViewId="0" showGridLines="0"/>`;
  const below = a1(n, 0);
  return `<sheetView workbookViewId="0" showGridLines="0"><pane ySplit="${n}" topLeftCell="${below}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="${below}" sqref="${below}"/></sheetView>`;
}

/** Footer text as SpreadsheetML codes: `&` doubled, sections `&L` and `&R`. */
function footerXml(layout: SheetLayout): string {
  const text = layout.print.footer.replace(/&/g, "&&");
  return `<headerFooter><oddFooter>${escapeXml(`&L${text}&RPage &P of &N`)}</oddFooter></headerFooter>`;
}

function cellXml(ref: string, cell: LayoutCell, s: number): string {
  const v = cell.value;
  const style = s > 0 ? ` s="${s}"` : "";
  if (cell.formula !== undefined) {
    const f = `<f>${escapeXml(cell.formula)}</f>`;
    if (typeof v === "number") return `<c r="${ref}"${style}>${f}<v>${v}</v></c>`;
    if (typeof v === "boolean") return `<c r="${ref}"${style} t="b">${f}<v>${v ? 1 : 0}</v></c>`;
    return `<c r="${ref}"${style} t="str">${f}<v>${escapeXml(String(v ?? ""))}</v></c>`;
  }
  if (v === null || v === "") return s > 0 ? `<c r="${ref}"${style}/>` : "";
  if (typeof v === "number")
    return Number.isFinite(v) ? `<c r="${ref}"${style}><v>${v}</v></c>` : `<c r="${ref}"${style}/>`;
  if (typeof v === "boolean") return `<c r="${ref}"${style} t="b"><v>${v ? 1 : 0}</v></c>`;
  return `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${escapeXml(v)}</t></is></c>`;
}

/** Unique column names for a table (Excel refuses two columns of one name). */
function columnNames(layout: SheetLayout, row: number, col: number, cols: number): string[] {
  const seen = new Set<string>();
  return Array.from({ length: cols }, (_, i) => {
    let name =
      String(layout.cells[row]?.[col + i]?.value ?? `Column${i + 1}`).trim() || `Column${i + 1}`;
    for (let k = 2; seen.has(name.toLowerCase()); k++) name = `${name}${k}`;
    seen.add(name.toLowerCase());
    return name;
  });
}

/**
 * Writes a layout as a worksheet.
 * @param tableIds the workbook-wide id and name of each of the layout's tables, in order
 */
export function sheetXml(
  layout: SheetLayout,
  styles: StyleBook,
  tableIds: readonly { id: number; name: string }[],
  hasDrawing: boolean
): SheetXml {
  const rows: string[] = [];
  layout.cells.forEach((row, r) => {
    const cells = row
      .map((cell, c) => {
        if (!cell) return "";
        const s = styles.styleOf({
          style: cell.style ?? "plain",
          numFmt: cell.format ?? "General",
          wrap: cell.wrap === true,
        });
        return cellXml(a1(r, c), cell, s);
      })
      .join("");
    if (cells !== "") rows.push(`<row r="${r + 1}">${cells}</row>`);
  });
  const cols = layout.columnWidths
    .map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`)
    .join("");
  const lastRow = Math.max(1, layout.cells.length);
  const tables: TableXml[] = layout.tables.map((t, i) => {
    const ref = a1Range(t.row, t.col, t.rows, t.cols);
    const { id, name } = tableIds[i] ?? { id: i + 1, name: t.name };
    const columns = columnNames(layout, t.row, t.col, t.cols)
      .map((n, k) => `<tableColumn id="${k + 1}" name="${escapeXml(n)}"/>`)
      .join("");
    return {
      relId: `rIdTable${i + 1}`,
      xml: `${XML_HEAD}<table xmlns="${NS.main}" id="${id}" name="${escapeXml(name)}" displayName="${escapeXml(name)}" ref="${ref}" totalsRowShown="0"><autoFilter ref="${ref}"/><tableColumns count="${t.cols}">${columns}</tableColumns><tableStyleInfo name="TableStyleLight9" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`,
    };
  });
  const drawingRelId = hasDrawing ? "rIdDrawing1" : null;
  const conditional = layout.conditionalFormats
    .map((f, i) => {
      const ref = a1Range(f.row, f.col, f.rows, f.cols);
      return `<conditionalFormatting sqref="${ref}"><cfRule type="expression" dxfId="${styles.dxfOf(f.style)}" priority="${i + 1}"><formula>${escapeXml(f.formula)}</formula></cfRule></conditionalFormatting>`;
    })
    .join("");
  const links: SheetXml["links"] = [];
  const hyperlinks: string[] = [];
  layout.cells.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (!cell?.link) return;
      const display = escapeXml(String(cell.value ?? ""));
      if ("url" in cell.link) {
        const relId = `rIdLink${links.length + 1}`;
        links.push({ relId, url: cell.link.url });
        hyperlinks.push(`<hyperlink ref="${a1(r, c)}" r:id="${relId}" display="${display}"/>`);
      } else {
        const location = escapeXml(`${quoteSheet(cell.link.sheet)}!A1`);
        hyperlinks.push(
          `<hyperlink ref="${a1(r, c)}" location="${location}" display="${display}"/>`
        );
      }
    })
  );
  const title = layout.print.titleRow;
  const xml = [
    XML_HEAD,
    `<worksheet xmlns="${NS.main}" xmlns:r="${NS.rel}">`,
    `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`,
    `<dimension ref="A1:${a1(lastRow - 1, Math.max(0, layout.width - 1))}"/>`,
    `<sheetViews>${sheetView(layout)}</sheetViews>`,
    `<sheetFormatPr defaultRowHeight="15"/>`,
    cols ? `<cols>${cols}</cols>` : "",
    `<sheetData>${rows.join("")}</sheetData>`,
    conditional,
    hyperlinks.length > 0 ? `<hyperlinks>${hyperlinks.join("")}</hyperlinks>` : "",
    `<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>`,
    `<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="${layout.print.onePage ? 1 : 0}"/>`,
    footerXml(layout),
    drawingRelId ? `<drawing r:id="${drawingRelId}"/>` : "",
    tables.length > 0
      ? `<tableParts count="${tables.length}">${tables.map((t) => `<tablePart r:id="${t.relId}"/>`).join("")}</tableParts>`
      : "",
    `</worksheet>`,
  ].join("");
  return {
    xml,
    tables,
    drawingRelId,
    links,
    printTitles: title === null ? null : `$${title + 1}:$${title + 1}`,
  };
}
