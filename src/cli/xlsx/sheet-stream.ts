import { SaxesParser, SaxesTagPlain } from "saxes";
import { OnRow, SheetDtdError, SheetScanner, SheetSyntaxError } from "./sheet-scanner";
import { refuseDtd, unreadable, ZipReader } from "./zip-reader";

export { columnOf, rowOf } from "./sheet-scanner";
export type { OnRow, SheetValue } from "./sheet-scanner";

/**
 * Reading a workbook's XML parts as streams: the shared-string table through saxes, worksheets
 * through {@link SheetScanner}. Each `<row>` becomes an array of cell values (text, numbers,
 * booleans; blanks as undefined) with its sheet row number. Nothing but the current row is held,
 * so a 1,048,576-row sheet reads in bounded memory.
 */

/** A parser of XML fed in chunks of bytes; DTDs are refused. */
function xmlParser(
  path: string,
  part: string
): { parser: SaxesParser; feed: (chunk: Buffer) => void } {
  const parser = new SaxesParser();
  const decoder = new TextDecoder("utf-8");
  parser.on("doctype", () => refuseDtd(path, part, "<!DOCTYPE"));
  parser.on("error", (error) => {
    throw unreadable(
      path,
      `the workbook's ${part} is not well-formed XML (${error.message.split("\n")[0]}); save it again from Excel`
    );
  });
  return { parser, feed: (chunk) => parser.write(decoder.decode(chunk, { stream: true })) };
}

/** Reads the shared-string table (`xl/sharedStrings.xml`): each `<si>`'s text, rich text runs joined. */
export async function readSharedStrings(zip: ZipReader, part: string): Promise<string[]> {
  const strings: string[] = [];
  if (!zip.has(part)) return strings;
  const { parser, feed } = xmlParser(zip.path, part);
  let inT = false;
  let inPhonetic = 0;
  let current = "";
  parser.on("opentag", (tag: SaxesTagPlain) => {
    if (tag.name === "si") current = "";
    else if (tag.name === "t") inT = true;
    else if (tag.name === "rPh") inPhonetic++;
  });
  parser.on("text", (text: string) => {
    if (inT && inPhonetic === 0) current += text;
  });
  parser.on("closetag", (tag: SaxesTagPlain) => {
    if (tag.name === "t") inT = false;
    else if (tag.name === "rPh") inPhonetic--;
    else if (tag.name === "si") strings.push(current);
  });
  await zip.stream(part, feed);
  parser.close();
  return strings;
}

/**
 * Streams a worksheet's rows (see {@link SheetScanner} for what is read and why it is not saxes).
 * @throws UsageError naming the workbook and part when the XML is not well-formed or has a DTD
 */
export async function streamSheet(
  zip: ZipReader,
  part: string,
  shared: readonly string[],
  onRow: OnRow
): Promise<void> {
  const scanner = new SheetScanner(shared, onRow);
  const decoder = new TextDecoder("utf-8");
  const failed = (error: unknown): never => {
    if (error instanceof SheetDtdError) refuseDtd(zip.path, part, "<!DOCTYPE");
    if (error instanceof SheetSyntaxError)
      throw unreadable(
        zip.path,
        `the workbook's ${part} is not well-formed XML (${error.message}); save it again from Excel`
      );
    throw error;
  };
  try {
    await zip.stream(part, (chunk) => scanner.write(decoder.decode(chunk, { stream: true })));
    scanner.write(decoder.decode());
    scanner.end();
  } catch (error) {
    failed(error);
  }
}
