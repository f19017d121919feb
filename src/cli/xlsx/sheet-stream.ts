import { SaxesParser, SaxesTagPlain } from "saxes";
import { refuseDtd, unreadable, ZipReader } from "./zip-reader";

/**
 * Reading worksheet XML as a stream of rows (SpreadsheetML `<sheetData>`): each `<row>` becomes an
 * array of cell values (text, numbers, booleans; blanks as undefined) with its sheet row number.
 * Nothing but the current row is held, so a 1,048,576-row sheet reads in bounded memory.
 */

/** A cell value as read: dates stay Excel serial numbers (what the engine reads as months). */
export type SheetValue = string | number | boolean | undefined;

/** The 0-based column of a cell reference such as `B12` (-1 when it has no letters). */
export function columnOf(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return i === 0 ? -1 : col - 1;
}

/** The 1-based row of a cell reference such as `B12` (NaN without digits). */
export function rowOf(ref: string): number {
  const m = /(\d+)$/.exec(ref);
  return m ? Number(m[1]) : NaN;
}

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

/** Called with each row: its sheet row number and its cells by 0-based column. */
export type OnRow = (rowNumber: number, cells: SheetValue[]) => void;

/**
 * Streams a worksheet's rows. Cell types: shared string (`s`), inline string, formula string
 * (`str`), boolean (`b`), error (`e`, kept as its text), ISO date (`d`, kept as text), else a
 * number; a formula's cached value is read, never the formula.
 */
export async function streamSheet(
  zip: ZipReader,
  part: string,
  shared: readonly string[],
  onRow: OnRow
): Promise<void> {
  const { parser, feed } = xmlParser(zip.path, part);
  let row: SheetValue[] = [];
  let rowNumber = 0;
  let col = -1;
  let type = "";
  let text = "";
  let inValue = false;
  let inInline = 0;
  parser.on("opentag", (tag: SaxesTagPlain) => {
    switch (tag.name) {
      case "row": {
        const r = Number(tag.attributes.r);
        rowNumber = Number.isFinite(r) && r > 0 ? r : rowNumber + 1;
        row = [];
        col = -1;
        break;
      }
      case "c": {
        const ref = tag.attributes.r;
        col = typeof ref === "string" ? columnOf(ref) : col + 1;
        type = (tag.attributes.t as string | undefined) ?? "n";
        text = "";
        break;
      }
      case "v":
        inValue = true;
        break;
      case "is":
        inInline++;
        break;
      case "t":
        if (inInline > 0) inValue = true;
        break;
    }
  });
  parser.on("text", (t: string) => {
    if (inValue) text += t;
  });
  parser.on("closetag", (tag: SaxesTagPlain) => {
    switch (tag.name) {
      case "v":
      case "t":
        inValue = false;
        break;
      case "is":
        inInline--;
        break;
      case "c":
        if (col >= 0) row[col] = valueOf(type, text, shared);
        break;
      case "row":
        onRow(rowNumber, row);
        break;
    }
  });
  await zip.stream(part, feed);
  parser.close();
}

function valueOf(type: string, text: string, shared: readonly string[]): SheetValue {
  switch (type) {
    case "s":
      return text === "" ? undefined : shared[Number(text)];
    case "inlineStr":
    case "str":
    case "e":
    case "d":
      return text;
    case "b":
      return text === "1" || text.toLowerCase() === "true";
    default: {
      if (text === "") return undefined;
      const n = Number(text);
      return Number.isFinite(n) ? n : text;
    }
  }
}
