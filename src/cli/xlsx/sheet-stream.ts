import { SaxesParser, SaxesTagPlain } from "saxes";
import { OnRow, SheetDtdError, SheetScanner, SheetSyntaxError } from "./sheet-scanner";
import { unescapeXstring } from "./xstring";
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

/**
 * Reads the shared-string table (`xl/sharedStrings.xml`): each `<si>`'s text, rich text runs
 * joined, phonetic runs left out, `_xHHHH_` escapes decoded.
 */
export async function readSharedStrings(zip: ZipReader, part: string): Promise<string[]> {
  const strings: string[] = [];
  if (!zip.has(part)) return strings;
  const { parser, feed } = xmlParser(zip.path, part);
  let inT = false;
  let inPhonetic = 0;
  let current = "";
  // Elements by local name: `x:si` as the Open XML SDK writes them is `si`.
  const local = (tag: SaxesTagPlain): string => tag.name.slice(tag.name.indexOf(":") + 1);
  parser.on("opentag", (tag: SaxesTagPlain) => {
    const name = local(tag);
    if (name === "si") current = "";
    else if (name === "t") inT = true;
    else if (name === "rPh") inPhonetic++;
  });
  parser.on("text", (text: string) => {
    if (inT && inPhonetic === 0) current += text;
  });
  parser.on("closetag", (tag: SaxesTagPlain) => {
    const name = local(tag);
    if (name === "t") inT = false;
    else if (name === "rPh") inPhonetic--;
    else if (name === "si") strings.push(unescapeXstring(current));
  });
  await zip.stream(part, feed);
  parser.close();
  return strings;
}

const GT = 0x3e;

/**
 * UTF-8 bytes in chunks to text in pieces that end after a `>`: each chunk is cut after its last
 * `>` (a byte no multi-byte character contains) and the rest carried over as bytes. The scanner
 * then gets whole tags in one flat string rather than a string joined from two pieces, which V8
 * reads character by character far more slowly (the 100,001-row sheet scans 17% faster).
 * @param maxCarry bytes carried over at most: past this (text with no `>` for that long) they go
 *   on as they are, so memory stays bounded
 */
export function tagAlignedText(
  write: (text: string) => void,
  maxCarry = 1 << 20
): { feed: (chunk: Buffer) => void; end: () => void } {
  const decoder = new TextDecoder("utf-8");
  let carry: Buffer | null = null;
  return {
    feed(chunk) {
      const data: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
      const cut = data.lastIndexOf(GT) + 1;
      if (cut === 0 && data.length < maxCarry) {
        carry = Buffer.from(data);
        return;
      }
      const whole = cut === 0 ? data.length : cut;
      write(decoder.decode(data.subarray(0, whole), { stream: true }));
      carry = whole < data.length ? Buffer.from(data.subarray(whole)) : null;
    },
    end() {
      write(decoder.decode(carry ?? new Uint8Array(0)));
      carry = null;
    },
  };
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
  const failed = (error: unknown): never => {
    if (error instanceof SheetDtdError) refuseDtd(zip.path, part, "<!DOCTYPE");
    if (error instanceof SheetSyntaxError)
      throw unreadable(
        zip.path,
        `the workbook's ${part} is not well-formed XML (${error.message}); save it again from Excel`
      );
    throw error;
  };
  const text = tagAlignedText((piece) => scanner.write(piece));
  try {
    await zip.stream(part, text.feed);
    text.end();
    scanner.end();
  } catch (error) {
    failed(error);
  }
}
