import JSZip from "jszip";
import { a1, SheetLayout } from "../report/layout-model";

/**
 * Adds the scorecard's chart (design section 8) to an .xlsx written by exceljs, which cannot write
 * charts: a clustered bar chart part, a drawing that anchors it, and the relationships and content
 * types that tie them to the scorecard sheet.
 */

const NS = {
  rel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  drawingRel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing",
  chartRel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart",
  package: "http://schemas.openxmlformats.org/package/2006/relationships",
};
const CHART_PART = "xl/charts/chartSecurityScore.xml";
const DRAWING_PART = "xl/drawings/drawingSecurityScore.xml";

function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** Absolute reference to a column block of the sheet, e.g. `'Security Scorecard'!$B$40:$B$43`. */
function ref(sheet: string, col: number, fromRow: number, toRow: number): string {
  const cell = (r: number): string => a1(r, col).replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
  return `'${sheet.replace(/'/g, "''")}'!${cell(fromRow)}${toRow === fromRow ? "" : `:${cell(toRow)}`}`;
}

function chartXml(layout: SheetLayout, sheet: string): string {
  const c = layout.chart;
  const first = c.row + 1;
  const last = c.row + c.rows - 1;
  const categories = Array.from({ length: c.rows - 1 }, (_, k) =>
    String(layout.cells[first + k]?.[c.col]?.value ?? "")
  );
  const strCache = (values: string[]): string =>
    `<c:strCache><c:ptCount val="${values.length}"/>${values.map((v, i) => `<c:pt idx="${i}"><c:v>${escapeXml(v)}</c:v></c:pt>`).join("")}</c:strCache>`;
  const series = [1, 2].map((offset, i) => {
    const col = c.col + offset;
    const name = String(layout.cells[c.row]?.[col]?.value ?? "");
    const values = Array.from({ length: c.rows - 1 }, (_, k) =>
      Number(layout.cells[first + k]?.[col]?.value ?? 0)
    );
    return `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:strRef><c:f>${escapeXml(ref(sheet, col, c.row, c.row))}</c:f>${strCache([name])}</c:strRef></c:tx><c:spPr><a:solidFill><a:srgbClr val="${i === 0 ? "C7E0F4" : "0F6CBD"}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/><c:cat><c:strRef><c:f>${escapeXml(ref(sheet, c.col, first, last))}</c:f>${strCache(categories)}</c:strRef></c:cat><c:val><c:numRef><c:f>${escapeXml(ref(sheet, col, first, last))}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>${values.map((v, k) => `<c:pt idx="${k}"><c:v>${v}</c:v></c:pt>`).join("")}</c:numCache></c:numRef></c:val></c:ser>`;
  });
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${NS.rel}"><c:roundedCorners val="0"/><c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${escapeXml(c.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series.join("")}<c:gapWidth val="80"/><c:axId val="50010"/><c:axId val="50020"/></c:barChart><c:catAx><c:axId val="50010"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="50020"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx><c:valAx><c:axId val="50020"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:majorGridlines/><c:numFmt formatCode="0" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="50010"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx></c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/></c:chart></c:chartSpace>`;
}

function drawingXml(layout: SheetLayout): string {
  const { fromRow, fromCol, toRow, toCol } = layout.chart.anchor;
  const point = (tag: string, col: number, row: number): string =>
    `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:twoCellAnchor>${point("from", fromCol, fromRow)}${point("to", toCol, toRow)}<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Points per metric"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${NS.rel}" r:id="rIdChart1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`;
}

/** Resolves the worksheet part (e.g. `xl/worksheets/sheet4.xml`) of a sheet name. */
async function sheetPart(zip: JSZip, sheet: string): Promise<string> {
  const workbook = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const rels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
  const escaped = escapeXml(sheet);
  const tag = [...workbook.matchAll(/<sheet\b[^>]*>/g)]
    .map((m) => m[0])
    .find((t) => t.includes(`name="${escaped}"`));
  const id = tag ? /r:id="([^"]+)"/.exec(tag)?.[1] : undefined;
  const rel = [...rels.matchAll(/<Relationship\b[^>]*>/g)]
    .map((m) => m[0])
    .find((r) => id !== undefined && r.includes(`Id="${id}"`));
  const target = rel ? /Target="([^"]+)"/.exec(rel)?.[1] : undefined;
  if (!target) throw new Error(`sheet ${sheet} not found in the workbook`);
  return target.startsWith("/") ? target.slice(1) : `xl/${target}`;
}

/**
 * Returns the .xlsx bytes with the scorecard chart added to sheet `sheet`. The chart reads its
 * categories and values from the sheet's chart-data table, so it follows the cells.
 */
export async function addScorecardChart(
  xlsx: Buffer,
  layout: SheetLayout,
  sheet: string
): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  const part = await sheetPart(zip, sheet);
  const relsPath = part.replace(/([^/]+)$/, "_rels/$1.rels");
  zip.file(CHART_PART, chartXml(layout, sheet));
  zip.file(DRAWING_PART, drawingXml(layout));
  zip.file(
    DRAWING_PART.replace(/([^/]+)$/, "_rels/$1.rels"),
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.package}"><Relationship Id="rIdChart1" Type="${NS.chartRel}" Target="../charts/chartSecurityScore.xml"/></Relationships>`
  );
  const relsXml =
    (await zip.file(relsPath)?.async("string")) ??
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.package}"></Relationships>`;
  zip.file(
    relsPath,
    relsXml.replace(
      "</Relationships>",
      `<Relationship Id="rIdSecurityScoreDrawing" Type="${NS.drawingRel}" Target="../drawings/drawingSecurityScore.xml"/></Relationships>`
    )
  );
  // The drawing element goes before legacyDrawing/tableParts/extLst, as the schema orders them.
  const sheetXml = (await zip.file(part)?.async("string")) ?? "";
  const drawing = `<drawing xmlns:r="${NS.rel}" r:id="rIdSecurityScoreDrawing"/>`;
  const at = [
    "<legacyDrawing",
    "<legacyDrawingHF",
    "<picture",
    "<oleObjects",
    "<controls",
    "<webPublishItems",
    "<tableParts",
    "<extLst",
    "</worksheet>",
  ]
    .map((t) => sheetXml.indexOf(t))
    .filter((i) => i >= 0)
    .sort((a, b) => a - b)[0];
  if (at === undefined) throw new Error("unexpected worksheet XML");
  zip.file(part, `${sheetXml.slice(0, at)}${drawing}${sheetXml.slice(at)}`);
  const types = (await zip.file("[Content_Types].xml")?.async("string")) ?? "";
  zip.file(
    "[Content_Types].xml",
    types.replace(
      "</Types>",
      `<Override PartName="/${CHART_PART}" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/><Override PartName="/${DRAWING_PART}" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>`
    )
  );
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}
