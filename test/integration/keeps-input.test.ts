import { createHash } from "crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { runCli } from "../helpers/cli";
import { resave } from "../helpers/libreoffice";

// The output workbook is the input package plus the scorecard: nothing the input holds (charts,
// images, defined names, conditional formats, data validation) is lost on the way.
const sample = join(__dirname, "..", "..", "samples", "contoso-security.xlsx");
const icon = join(__dirname, "..", "..", "assets", "icon-32.png");
const dir = mkdtempSync(join(tmpdir(), "pcs-keep-"));

/** A line chart of the user's own, over A1:A5 of the Azure sheet (a part no library of ours wrote). */
const USER_CHART = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>Partner own chart</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:plotArea><c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/><c:val><c:numRef><c:f>'Azure consumption'!$G$2:$G$6</c:f></c:numRef></c:val></c:ser><c:marker val="1"/><c:axId val="1"/><c:axId val="2"/></c:lineChart><c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="2"/></c:catAx><c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="1"/></c:valAx></c:plotArea><c:plotVisOnly val="1"/></c:chart></c:chartSpace>`;

const CHART_ANCHOR = `<xdr:twoCellAnchor><xdr:from><xdr:col>10</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>10</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>16</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>25</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="99" name="Partner chart"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rIdUserChart"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`;

/** The sample workbook with an image, a chart, a defined name, conditional formatting and validation. */
async function richWorkbook(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(sample);
  const ws = wb.getWorksheet("Azure consumption")!;
  const image = wb.addImage({ buffer: readFileSync(icon) as never, extension: "png" });
  ws.addImage(image, "K2:L6");
  wb.definedNames.add("'Azure consumption'!$G$2:$G$6", "PartnerRevenue");
  ws.addConditionalFormatting({
    ref: "G2:G50",
    rules: [
      {
        type: "cellIs",
        operator: "greaterThan",
        formulae: [1000],
        priority: 1,
        style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFC7CE" } } },
      },
    ],
  });
  ws.getCell("J2").dataValidation = {
    type: "list",
    allowBlank: true,
    formulae: ['"Yes,No"'],
  };
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  // exceljs cannot write charts: the chart goes into the image's drawing by hand.
  const drawing = Object.keys(zip.files).find((f) => /^xl\/drawings\/drawing\d+\.xml$/.test(f))!;
  const drawingXml = await zip.file(drawing)!.async("string");
  zip.file(drawing, drawingXml.replace("</xdr:wsDr>", `${CHART_ANCHOR}</xdr:wsDr>`));
  const rels = drawing.replace("drawings/", "drawings/_rels/") + ".rels";
  const relsXml = await zip.file(rels)!.async("string");
  zip.file(
    rels,
    relsXml.replace(
      "</Relationships>",
      `<Relationship Id="rIdUserChart" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/userChart.xml"/></Relationships>`
    )
  );
  zip.file("xl/charts/userChart.xml", USER_CHART);
  const types = await zip.file("[Content_Types].xml")!.async("string");
  zip.file(
    "[Content_Types].xml",
    types.replace(
      "</Types>",
      `<Override PartName="/xl/charts/userChart.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>`
    )
  );
  writeFileSync(path, await zip.generateAsync({ type: "nodebuffer" }));
}

const sha = (b: Buffer | Uint8Array): string => createHash("sha256").update(b).digest("hex");

async function parts(path: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const out = new Map<string, string>();
  for (const name of Object.keys(zip.files))
    if (!zip.files[name]!.dir) out.set(name, sha(await zip.file(name)!.async("uint8array")));
  return out;
}

describe("the written workbook keeps everything the input workbook holds", () => {
  const input = join(dir, "rich.xlsx");
  const output = join(dir, "rich-scorecard.xlsx");
  beforeAll(async () => {
    await richWorkbook(input);
    const res = await runCli(["score", "--workbook", input]);
    expect(res.err).toBe("");
    expect(res.code).toBe(0);
  }, 60000);

  it("copies every part of the input unchanged, except the workbook's index parts", async () => {
    const before = await parts(input);
    const after = await parts(output);
    // The parts that list sheets, styles and content types are extended, never rebuilt.
    const extended = new Set([
      "[Content_Types].xml",
      "xl/workbook.xml",
      "xl/_rels/workbook.xml.rels",
      "xl/styles.xml",
    ]);
    const changed = [...before].filter(
      ([name, hash]) => !extended.has(name) && after.get(name) !== hash
    );
    expect(changed.map(([name]) => name)).toEqual([]);
    expect([...before.keys()].some((p) => /^xl\/media\/.+\.png$/.test(p))).toBe(true);
    expect(after.has("xl/charts/userChart.xml")).toBe(true);
  });

  it("keeps the defined name, the conditional format and the data validation", async () => {
    const zip = await JSZip.loadAsync(readFileSync(output));
    const workbook = await zip.file("xl/workbook.xml")!.async("string");
    expect(workbook.replace(/&apos;/g, "'")).toMatch(
      /<definedName name="PartnerRevenue"[^>]*>'Azure consumption'!\$G\$2:\$G\$6</
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(output);
    const ws = book.getWorksheet("Azure consumption")!;
    expect(
      JSON.stringify((ws as unknown as { conditionalFormattings: unknown }).conditionalFormattings)
    ).toContain("G2:G50");
    expect(ws.getCell("J2").dataValidation?.formulae).toEqual(['"Yes,No"']);
    expect(book.getWorksheet("Security Scorecard")).toBeDefined();
  });

  it("opens in LibreOffice with the user's chart, image and name beside the scorecard's chart", async () => {
    const again = await JSZip.loadAsync(readFileSync(resave(output)));
    const charts = await Promise.all(
      Object.keys(again.files)
        .filter((f) => /^xl\/charts\/chart\d*\.xml$/.test(f))
        .map((f) => again.file(f)!.async("string"))
    );
    expect(charts.some((c) => c.includes("Partner own chart"))).toBe(true);
    expect(charts.some((c) => /Points per metric/.test(c))).toBe(true);
    expect(Object.keys(again.files).some((f) => /^xl\/media\/.+\.png$/.test(f))).toBe(true);
    const workbook = await again.file("xl/workbook.xml")!.async("string");
    expect(workbook).toContain('name="PartnerRevenue"');
  }, 120000);

  it("replaces its own scorecard when the output is scored again, keeping one", async () => {
    const again = join(dir, "rich-scorecard-scorecard.xlsx");
    const res = await runCli(["score", "--workbook", output]);
    expect(res.code).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(again));
    const workbook = await zip.file("xl/workbook.xml")!.async("string");
    expect(workbook.match(/<sheet\b[^>]*name="Security Scorecard[^"]*"/g)).toHaveLength(1);
    // Our two charts (points per metric, month by month), not four: the old ones went with the old sheet.
    expect(
      Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d*\.xml$/.test(f))
    ).toHaveLength(2);
    expect(zip.file("xl/charts/userChart.xml")).not.toBeNull();
  });
});
