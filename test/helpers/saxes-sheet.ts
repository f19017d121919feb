import { SaxesParser, SaxesTagPlain } from "saxes";
import { columnOf, SheetValue } from "../../src/cli/xlsx/sheet-scanner";

/**
 * The reference reading of worksheet XML: saxes, a conforming XML parser, with the cell rules the
 * command line used before it had its own tokenizer. Tests hold the tokenizer to it.
 */
export function rowsBySaxes(
  xml: string,
  shared: readonly string[]
): { rows: [number, SheetValue[]][]; error: string | null } {
  const rows: [number, SheetValue[]][] = [];
  const parser = new SaxesParser();
  let row: SheetValue[] = [];
  let rowNumber = 0;
  let col = -1;
  let type = "";
  let text = "";
  let inValue = false;
  let inInline = 0;
  parser.on("opentag", (tag: SaxesTagPlain) => {
    if (tag.name === "row") {
      const r = Number(tag.attributes.r);
      rowNumber = Number.isFinite(r) && r > 0 ? r : rowNumber + 1;
      row = [];
      col = -1;
    } else if (tag.name === "c") {
      const ref = tag.attributes.r;
      col = typeof ref === "string" ? columnOf(ref) : col + 1;
      type = (tag.attributes.t as string | undefined) ?? "n";
      text = "";
    } else if (tag.name === "v") inValue = true;
    else if (tag.name === "is") inInline++;
    else if (tag.name === "t" && inInline > 0) inValue = true;
  });
  parser.on("text", (t: string) => {
    if (inValue) text += t;
  });
  parser.on("cdata", (t: string) => {
    if (inValue) text += t;
  });
  parser.on("closetag", (tag: SaxesTagPlain) => {
    if (tag.name === "v" || tag.name === "t") inValue = false;
    else if (tag.name === "is") inInline--;
    else if (tag.name === "c") {
      if (col >= 0) row[col] = valueOf(type, text, shared);
    } else if (tag.name === "row") rows.push([rowNumber, row]);
  });
  try {
    parser.write(xml);
    parser.close();
    return { rows, error: null };
  } catch (error) {
    return { rows, error: error instanceof Error ? error.message : String(error) };
  }
}

function valueOf(type: string, text: string, shared: readonly string[]): SheetValue {
  if (type === "s") return text === "" ? undefined : shared[Number(text)];
  if (["inlineStr", "str", "e", "d"].includes(type)) return text;
  if (type === "b") return text === "1" || text.toLowerCase() === "true";
  if (text === "") return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : text;
}
