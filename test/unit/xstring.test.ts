import fc from "fast-check";
import { unescapeXstring } from "../../src/cli/xlsx/xstring";
import { SheetScanner, SheetValue } from "../../src/cli/xlsx/sheet-scanner";

/** Whether a character is written as `_xHHHH_` (control characters but tab and line feed). */
const written = (code: number): boolean => code < 32 && code !== 9 && code !== 10;

/**
 * Escapes text as Excel writes it: `_xHHHH_` for control characters, and for the `_` of a literal
 * `_xHHHH` that the written text would read as an escape (followed by `_`, or by a character that
 * is itself written as an escape, which starts with `_`).
 */
function excelEscape(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const escapes = written(code);
    const looksEscaped =
      /^_x[0-9A-Fa-f]{4}$/.test(text.slice(i, i + 6)) &&
      (text[i + 6] === "_" || written(text.charCodeAt(i + 6)));
    out +=
      escapes || looksEscaped ? `_x${code.toString(16).toUpperCase().padStart(4, "0")}_` : text[i];
  }
  return out;
}

describe("SpreadsheetML text escapes (_xHHHH_)", () => {
  it("decodes a carriage return Excel wrote inside a cell", () => {
    expect(unescapeXstring("ACR_x000D_\n(USD)")).toBe("ACR\r\n(USD)");
  });

  it("reads an escaped underscore as a literal _x sequence, and lower-case hex too", () => {
    expect(unescapeXstring("_x005F_x0041_")).toBe("_x0041_");
    expect(unescapeXstring("a_x000d_b")).toBe("a\rb");
  });

  it("leaves text that only looks partly like an escape as it is", () => {
    for (const t of ["_x00D_", "_x000G_", "_x000D", "tax_x", "Contoso_xyz_", "_X000D_"])
      expect(unescapeXstring(t)).toBe(t);
  });

  it("gives back any text Excel escaped", () => {
    const unit = fc.constantFrom(
      "a",
      "_",
      "x",
      "0",
      "D",
      "_x",
      "_x000D_",
      "\r",
      "\u0001",
      "é",
      " "
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 20 }), (text) => {
        expect(unescapeXstring(excelEscape(text))).toBe(text);
      }),
      { numRuns: 20000 }
    );
  });

  it("decodes inline and formula strings in a sheet, not error values", () => {
    const rows: SheetValue[][] = [];
    const scanner = new SheetScanner([], (_, cells) => rows.push(cells));
    scanner.write(
      '<worksheet><sheetData><row r="1">' +
        '<c r="A1" t="inlineStr"><is><t>Consumed_x000D_\nRevenue</t></is></c>' +
        '<c r="B1" t="str"><f>A1</f><v>Fabrikam_x000D_</v></c>' +
        '<c r="C1" t="e"><v>#N/A</v></c>' +
        "</row></sheetData></worksheet>"
    );
    scanner.end();
    expect(rows).toEqual([["Consumed\r\nRevenue", "Fabrikam\r", "#N/A"]]);
  });
});
