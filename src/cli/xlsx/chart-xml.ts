import { a1, SheetLayout } from "../../report/layout-model";
import { escapeXml } from "./xml";

/**
 * The scorecard's chart as DrawingML: a clustered bar chart of points against the maximum per
 * metric, and the drawing that anchors it on the sheet.
 */

const NS = {
  rel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  chartRel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart",
  package: "http://schemas.openxmlformats.org/package/2006/relationships",
};

/** Absolute reference to a column block of the sheet, e.g. `'Security Scorecard'!$B$40:$B$43`. */
function ref(sheet: string, col: number, fromRow: number, toRow: number): string {
  const cell = (r: number): string => a1(r, col).replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
  return `'${sheet.replace(/'/g, "''")}'!${cell(fromRow)}${toRow === fromRow ? "" : `:${cell(toRow)}`}`;
}

/** The bar chart part of a layout's chart spec (its data read from the sheet's chart-data table). */
export function chartXml(layout: SheetLayout, sheet: string): string {
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

/** The drawing part that anchors the chart (relationship id `rIdChart1`). */
export function drawingXml(layout: SheetLayout): string {
  const { fromRow, fromCol, toRow, toCol } = layout.chart.anchor;
  const point = (tag: string, col: number, row: number): string =>
    `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:twoCellAnchor>${point("from", fromCol, fromRow)}${point("to", toCol, toRow)}<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Points per metric"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${NS.rel}" r:id="rIdChart1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`;
}

/** The drawing's relationships part, pointing at its chart part. */
export function drawingRelsXml(chartTarget: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.package}"><Relationship Id="rIdChart1" Type="${NS.chartRel}" Target="${chartTarget}"/></Relationships>`;
}
