import { a1, ChartSeries, ChartSpec, SeriesLine, SheetLayout } from "../../report/layout-model";
import { escapeXml } from "./xml";

/**
 * The scorecard's charts as DrawingML (a clustered bar chart, or a line chart with dashed and
 * dotted series), and the drawing that anchors them on the sheet.
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

const strCache = (values: string[]): string =>
  `<c:strCache><c:ptCount val="${values.length}"/>${values.map((v, i) => `<c:pt idx="${i}"><c:v>${escapeXml(v)}</c:v></c:pt>`).join("")}</c:strCache>`;

/** A number cache; blank cells are left out, so a line has a gap there. */
const numCache = (values: (number | null)[]): string =>
  `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>${values.map((v, k) => (v === null ? "" : `<c:pt idx="${k}"><c:v>${v}</c:v></c:pt>`)).join("")}</c:numCache>`;

const DASH: Record<SeriesLine, string> = { solid: "solid", dash: "dash", dot: "sysDot" };

/** A series' look: a filled bar, or a line of its colour and dash without markers. */
function seriesLook(kind: ChartSpec["kind"], s: ChartSeries): string {
  if (kind === "bar")
    return `<c:spPr><a:solidFill><a:srgbClr val="${s.color}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>`;
  return `<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="${s.color}"/></a:solidFill><a:prstDash val="${DASH[s.line]}"/><a:round/></a:ln></c:spPr><c:marker><c:symbol val="none"/></c:marker>`;
}

/** The axes: categories down the side for bars, along the bottom for lines. */
function axes(c: ChartSpec): string {
  const bar = c.kind === "bar";
  const bounds = c.valueAxis
    ? `<c:max val="${c.valueAxis.max}"/><c:min val="${c.valueAxis.min}"/>`
    : `<c:min val="0"/>`;
  return `<c:catAx><c:axId val="50010"/><c:scaling><c:orientation val="${bar ? "maxMin" : "minMax"}"/></c:scaling><c:delete val="0"/><c:axPos val="${bar ? "l" : "b"}"/><c:numFmt formatCode="General" sourceLinked="0"/><c:tickLblPos val="${bar ? "nextTo" : "low"}"/><c:crossAx val="50020"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx><c:valAx><c:axId val="50020"/><c:scaling><c:orientation val="minMax"/>${bounds}</c:scaling><c:delete val="0"/><c:axPos val="${bar ? "b" : "l"}"/><c:majorGridlines/><c:numFmt formatCode="0" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="50010"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>`;
}

/** A chart part for one of a layout's charts (its data read from the sheet's table). */
export function chartXml(layout: SheetLayout, c: ChartSpec, sheet: string): string {
  const first = c.row + 1;
  const last = c.row + c.rows - 1;
  const categories = Array.from({ length: c.rows - 1 }, (_, k) =>
    String(layout.cells[first + k]?.[c.col]?.value ?? "")
  );
  const series = c.series.map((s, i) => {
    const name = String(layout.cells[c.row]?.[s.col]?.value ?? "");
    const values = Array.from({ length: c.rows - 1 }, (_, k) => {
      const v = layout.cells[first + k]?.[s.col]?.value;
      return typeof v === "number" ? v : null;
    });
    return `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:strRef><c:f>${escapeXml(ref(sheet, s.col, c.row, c.row))}</c:f>${strCache([name])}</c:strRef></c:tx>${seriesLook(c.kind, s)}<c:cat><c:strRef><c:f>${escapeXml(ref(sheet, c.col, first, last))}</c:f>${strCache(categories)}</c:strRef></c:cat><c:val><c:numRef><c:f>${escapeXml(ref(sheet, s.col, first, last))}</c:f>${numCache(values)}</c:numRef></c:val>${c.kind === "line" ? '<c:smooth val="0"/>' : ""}</c:ser>`;
  });
  const plot =
    c.kind === "bar"
      ? `<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series.join("")}<c:gapWidth val="80"/><c:axId val="50010"/><c:axId val="50020"/></c:barChart>`
      : `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series.join("")}<c:marker val="1"/><c:axId val="50010"/><c:axId val="50020"/></c:lineChart>`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${NS.rel}"><c:roundedCorners val="0"/><c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${escapeXml(c.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${plot}${axes(c)}</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`;
}

/** The drawing part that anchors each chart (relationship ids `rIdChart1`, `rIdChart2`, …). */
export function drawingXml(layout: SheetLayout): string {
  const point = (tag: string, col: number, row: number): string =>
    `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  const anchors = layout.charts.map((c, i) => {
    const { fromRow, fromCol, toRow, toCol } = c.anchor;
    return `<xdr:twoCellAnchor>${point("from", fromCol, fromRow)}${point("to", toCol, toRow)}<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${escapeXml(c.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${NS.rel}" r:id="rIdChart${i + 1}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`;
  });
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">${anchors.join("")}</xdr:wsDr>`;
}

/** The drawing's relationships part, pointing at its chart parts in order. */
export function drawingRelsXml(chartTargets: readonly string[]): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.package}">${chartTargets.map((t, i) => `<Relationship Id="rIdChart${i + 1}" Type="${NS.chartRel}" Target="${t}"/>`).join("")}</Relationships>`;
}
