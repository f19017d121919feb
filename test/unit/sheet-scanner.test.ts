import fc from "fast-check";
import {
  SheetDtdError,
  SheetScanner,
  SheetSyntaxError,
  SheetValue,
} from "../../src/cli/xlsx/sheet-scanner";
import { rowsBySaxes } from "../helpers/saxes-sheet";

// The worksheet tokenizer against saxes (a conforming XML parser) on generated sheets, fed in
// pieces cut anywhere: the same rows and values, and a refusal wherever saxes refuses.

const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

function scan(
  xml: string,
  shared: readonly string[],
  cuts: number[] = []
): [number, SheetValue[]][] {
  const rows: [number, SheetValue[]][] = [];
  writeInPieces(new SheetScanner(shared, (n, cells) => rows.push([n, cells])), xml, cuts);
  return rows;
}

/** Gives `xml` to the scanner cut at `cuts` (any order), then ends the part. */
function writeInPieces(scanner: SheetScanner, xml: string, cuts: number[]): void {
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    scanner.write(xml.slice(at, Math.max(at, cut)));
    at = Math.max(at, cut);
  }
  scanner.write(xml.slice(at));
  scanner.end();
}

/** Text escaped as a writer might: references for the reserved characters, sometimes numeric. */
function escape(text: string, style: number): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (ch === "&") out += style === 0 ? "&amp;" : "&#38;";
    else if (ch === "<") out += style === 1 ? "&#x3C;" : "&lt;";
    // ">" may stand unescaped, except after "]]" (XML forbids "]]>" in text).
    else if (ch === ">") out += style === 2 && !out.endsWith("]]") ? ">" : "&gt;";
    else if (ch === '"') out += style === 0 ? "&quot;" : '"';
    else if (ch === "'") out += style === 1 ? "&apos;" : "'";
    else if (style === 2 && code > 127) out += `&#${code};`;
    else out += ch;
  }
  return out;
}

const text = fc.string({
  unit: fc.constantFrom(
    "a",
    "Z",
    "0",
    "9",
    " ",
    "&",
    "<",
    ">",
    '"',
    "'",
    "\r\n",
    "\n",
    "\t",
    "é",
    "€",
    "😀",
    ";",
    "#",
    "]]"
  ),
  maxLength: 12,
});
const space = fc.constantFrom("", " ", "\n  ", "\t");
const quote = fc.constantFrom('"', "'");
const between = fc.constantFrom("", "", "", "<!-- note -->", "<?pi data?>", "\n");
const letters = (col: number): string =>
  col < 26
    ? String.fromCharCode(65 + col)
    : letters(Math.floor(col / 26) - 1) + String.fromCharCode(65 + (col % 26));

const cell = fc.record({
  col: fc.option(fc.integer({ min: 0, max: 40 })),
  type: fc.constantFrom(undefined, "n", "s", "b", "str", "inlineStr", "e", "d"),
  value: text,
  number: fc.oneof(
    fc.integer({ min: -5, max: 60000 }),
    fc.double({ noNaN: true, noDefaultInfinity: true })
  ),
  shared: fc.nat(4),
  formula: fc.option(text),
  empty: fc.boolean(),
  cdata: fc.boolean(),
  style: fc.nat(2),
  sp: space,
  q: quote,
});

type Cell = typeof cell extends fc.Arbitrary<infer T> ? T : never;

function cellXml(c: Cell, row: number): string {
  const ref = c.col === null ? "" : ` r=${c.q}${letters(c.col)}${row}${c.q}`;
  const t = c.type === undefined ? "" : `${c.sp} t=${c.q}${c.type}${c.q}`;
  const open = `<c${ref}${t}${c.sp} s="1"`;
  if (c.empty) return `${open}${c.sp}/>`;
  const f = c.formula === null ? "" : `<f>${escape(c.formula, c.style)}</f>`;
  let body: string;
  if (c.type === "inlineStr")
    body = `<is><t xml:space="preserve">${c.cdata && !c.value.includes("]]>") ? `<![CDATA[${c.value}]]>` : escape(c.value, c.style)}</t></is>`;
  else if (c.type === "s") body = `<v>${c.shared}</v>`;
  else if (c.type === "b") body = `<v>${c.number % 2 === 0 ? 0 : 1}</v>`;
  else if (c.type === undefined || c.type === "n")
    body = `<v>${c.cdata ? escape(c.value, c.style) : c.number}</v>`;
  else body = `<v>${escape(c.value, c.style)}</v>`;
  return `${open}>${f}${body}</c>`;
}

const sheet = fc.record({
  rows: fc.array(
    fc.record({
      r: fc.option(fc.integer({ min: 1, max: 1_048_576 })),
      cells: fc.array(cell, { maxLength: 6 }),
      between,
      sp: space,
    }),
    { maxLength: 8 }
  ),
  shared: fc.array(text, { minLength: 5, maxLength: 5 }),
  prefix: fc.constantFrom(
    "",
    '<sheetPr/><dimension ref="A1"/>',
    "<cols><col min='1' max='2' width=\"9\"/></cols>"
  ),
});

type Sheet = typeof sheet extends fc.Arbitrary<infer T> ? T : never;

function sheetXml(s: Sheet): string {
  const rows = s.rows
    .map((r, k) => {
      const n = r.r ?? k + 1;
      const attr = r.r === null ? "" : ` r="${n}"`;
      const open = `<row${attr}${r.sp} spans="1:3"`;
      return r.cells.length === 0
        ? `${r.between}${open}/>`
        : `${r.between}${open}>${r.cells.map((c) => cellXml(c, n)).join("")}</row${r.sp}>`;
    })
    .join("");
  return `${HEAD}<worksheet ${NS}>${s.prefix}<sheetData>${rows}</sheetData><pageMargins left="0.7"/></worksheet>`;
}

describe("the worksheet tokenizer reads what saxes reads", () => {
  it("gives the same rows and values as saxes for generated sheets cut into pieces anywhere", () => {
    fc.assert(
      fc.property(sheet, fc.array(fc.nat(4000), { maxLength: 12 }), (s, cuts) => {
        const xml = sheetXml(s);
        const reference = rowsBySaxes(xml, s.shared);
        expect(reference.error).toBeNull();
        expect(scan(xml, s.shared, cuts)).toEqual(reference.rows);
      }),
      { numRuns: 400 }
    );
  });

  it("reads elements with a namespace prefix, as some writers save them", () => {
    const xml = `<x:worksheet xmlns:x="urn:x"><x:sheetData><x:row r="3"><x:c r="B3" t="inlineStr"><x:is><x:t>Fabrikam</x:t></x:is></x:c><x:c r="C3"><x:v>12.5</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    expect(scan(xml, [])).toEqual([[3, [undefined, "Fabrikam", 12.5]]]);
  });

  it('says which rows are hidden (hidden="1" or "true"; a filter hides rows the same way)', () => {
    const xml = `<worksheet ${NS}><sheetData><row r="1" spans="1:2"><c r="A1"><v>1</v></c></row><row r="2" hidden="1" ht="15"><c r="A2"><v>2</v></c></row><row hidden = 'true' r="3"><c r="A3"><v>3</v></c></row><row r="4" hidden="0"><c r="A4"><v>4</v></c></row></sheetData></worksheet>`;
    for (const cuts of [[], [60, 75, 110, 140, 170]]) {
      const hidden: [number, boolean][] = [];
      writeInPieces(new SheetScanner([], (n, _cells, _none, h) => hidden.push([n, h])), xml, cuts);
      expect(hidden).toEqual([
        [1, false],
        [2, true],
        [3, true],
        [4, false],
      ]);
    }
  });

  it("counts the cells holding a formula without a saved result, and where the first is", () => {
    const xml = `<worksheet ${NS}><sheetData><row r="2"><c r="A2"><f>1+1</f><v>2</v></c><c r="B2" t="str"><f>"a"</f><v></v></c></row><row r="5"><c r="C5"><f>D5*E5</f></c><c r="D5" t="str"><f>X</f></c><c r="E5"><v>3</v></c></row></sheetData></worksheet>`;
    for (const cuts of [[], [40, 90, 130, 171, 200, 260]]) {
      const perRow: [number, readonly number[]][] = [];
      const scanner = new SheetScanner([], (n, _cells, none) => perRow.push([n, none]));
      writeInPieces(scanner, xml, cuts);
      // A2 and B2 saved a result (B2's is empty text); C5 and D5 did not.
      expect(scanner.uncalculated).toEqual({ count: 2, row: 5, col: 2 });
      expect(perRow).toEqual([
        [2, []],
        [5, [2, 3]],
      ]);
    }
  });

  it("joins an inline string's rich text runs and leaves out its phonetic runs (rPh)", () => {
    const xml =
      `<worksheet ${NS}><sheetData><row r="1">` +
      '<c r="A1" t="inlineStr"><is><r><t>Con</t></r><r><rPr><b/></rPr><t>toso</t></r><rPh sb="0" eb="1"><t>KANA</t></rPh></is></c>' +
      '<c r="B1" t="inlineStr"><is><t>plain</t><rPh sb="0" eb="5"><t>x</t></rPh><phoneticPr fontId="1"/></is></c>' +
      "</row></sheetData></worksheet>";
    expect(scan(xml, [])).toEqual([[1, ["Contoso", "plain"]]]);
  });

  it("reads a comment at the very end of the part", () => {
    expect(
      scan(`<worksheet><sheetData><row><c><v>1</v></c></row></sheetData></worksheet><!---->`, [])
    ).toEqual([[1, [1]]]);
  });
});

describe("the worksheet tokenizer refuses what is not well-formed", () => {
  const refused: [string, string][] = [
    [
      "a close tag that does not match",
      "<worksheet><sheetData><row><c><v>1</v></row></sheetData></worksheet>",
    ],
    ["a part cut off inside an element", "<worksheet><sheetData><row><c><v>1</v></c>"],
    ["a part cut off inside a tag", '<worksheet><sheetData><row r="1"'],
    [
      "an undefined entity",
      "<worksheet><sheetData><row><c t='str'><v>&nbsp;</v></c></row></sheetData></worksheet>",
    ],
    [
      "a bare ampersand",
      "<worksheet><sheetData><row><c t='str'><v>A & B</v></c></row></sheetData></worksheet>",
    ],
    [
      "an attribute without a quoted value",
      "<worksheet><sheetData><row r=1><c/></row></sheetData></worksheet>",
    ],
    ["a second root element", "<worksheet/><worksheet/>"],
    ["no root element", "  "],
  ];
  it.each(refused)("refuses %s", (_what, xml) => {
    expect(rowsBySaxes(xml, []).error).not.toBeNull();
    expect(() => scan(xml, [])).toThrow(SheetSyntaxError);
  });

  it("refuses a document type declaration, split across pieces or not", () => {
    const xml = `${HEAD}<!DOCTYPE worksheet [<!ENTITY lol "lol">]><worksheet/>`;
    expect(() => scan(xml, [])).toThrow(SheetDtdError);
    expect(() => scan(xml, [], [HEAD.length + 3, HEAD.length + 5])).toThrow(SheetDtdError);
  });
});
