import fc from "fast-check";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import Papa from "papaparse";
import {
  COMMA,
  CR,
  detectDelimiter,
  detectEncoding,
  detectLineEnd,
  LF,
  SEMICOLON,
  TAB,
} from "../../src/cli/csv-format";
import { eachCsvRow, readCsvTable } from "../../src/cli/csv-reader";
import { CsvRecord, scanRecords } from "../../src/cli/csv-records";
import { sharedRegistries } from "../../src/scoring/parse-inputs";
import { AzureTable } from "../../src/scoring/parse-azure";

const dir = mkdtempSync(join(tmpdir(), "pcs-csv-"));
let n = 0;
const file = (content: string | Buffer): string => {
  const p = join(dir, `f${n++}.csv`);
  writeFileSync(p, content);
  return p;
};
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Splits text into records with the tokenizer, in chunks of `chunk` bytes, as the reader does. */
function tokenize(text: string, delimiter: number, chunk: number, lineEnd = LF): string[][] {
  const all = bytes(text);
  const record = new CsvRecord();
  const decoder = new TextDecoder();
  const out: string[][] = [];
  let buf = new Uint8Array(0);
  for (let at = 0; ; at += chunk) {
    const piece = all.subarray(at, at + chunk);
    const joined = new Uint8Array(buf.length + piece.length);
    joined.set(buf);
    joined.set(piece, buf.length);
    const final = at + chunk >= all.length;
    const next = scanRecords(
      joined,
      0,
      joined.length,
      final,
      delimiter,
      record,
      () => {
        const scratch = { bytes: new Uint8Array(16) };
        const row: string[] = [];
        for (let k = 0; k < record.count; k++) {
          const [b, s, e] = record.field(k, scratch);
          row.push(decoder.decode(b.subarray(s, e)));
        }
        out.push(row);
      },
      lineEnd
    );
    buf = joined.slice(next);
    if (final) break;
  }
  return out;
}

describe("CSV records", () => {
  it("reads quoted fields with delimiters, doubled quotes and line breaks, CRLF and LF", () => {
    const text = 'a,"b,c","say ""hi""",d\r\n"multi\nline",x,,\n"",last';
    expect(tokenize(text, COMMA, 1 << 20)).toEqual([
      ["a", "b,c", 'say "hi"', "d"],
      ["multi\nline", "x", "", ""],
      ["", "last"],
    ]);
  });
  it("reads the same records whatever the chunk boundaries", () => {
    const text = 'x,"a ""q"" b",y\r\n1,2,3\n"4\r\n5",6,7\r\n';
    for (const chunk of [1, 2, 3, 5, 8, 64])
      expect(tokenize(text, COMMA, chunk)).toEqual(tokenize(text, COMMA, 1 << 20));
  });
  it("agrees with papaparse on any RFC 4180 text", () => {
    const field = fc.oneof(
      fc.stringMatching(/^[a-z0-9 .$-]{0,8}$/),
      fc.string({ unit: fc.constantFrom("a", ",", ";", '"', "\n", "\r\n", " ", "é") }).map((s) => s)
    );
    const quote = (f: string): string =>
      /[",;\n\r]/.test(f) || f.startsWith(" ") ? `"${f.replace(/"/g, '""')}"` : f;
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom(",", ";", "\t"),
        fc.constantFrom("\n", "\r\n", "\r"),
        fc.integer({ min: 1, max: 40 }),
        (rows, d, eol, chunk) => {
          const text = rows.map((r) => r.map((f) => quote(f)).join(d)).join(eol);
          const expected = Papa.parse<string[]>(text, { delimiter: d, newline: eol }).data;
          const lineEnd = eol === "\r" ? CR : LF;
          expect(tokenize(text, d.charCodeAt(0), chunk, lineEnd)).toEqual(expected);
        }
      ),
      { numRuns: 300 }
    );
  });
});

describe("the line end", () => {
  it.each([
    ["LF lines: LF", "a,b\n1,2\n", LF],
    ["CRLF lines: LF (the CR is dropped)", "a,b\r\n1,2\r\n", LF],
    ['lines ending with CR alone (Excel for Mac\'s "CSV (Macintosh)"): CR', "a,b\r1,2\r", CR],
    ["a CR inside quotes, then LF lines: LF", '"a\rb",c\n1,2\n', LF],
    ["a LF inside quotes, then CR lines: CR", '"a\nb",c\r1,2\r', CR],
    ["a CR that ends what was read (it may start a CRLF): LF", "a,b\r", LF],
    ["no line break: LF", "a,b", LF],
  ])("of %s", (_name, text, lineEnd) => {
    expect(detectLineEnd(bytes(text))).toBe(lineEnd);
  });
  it("counts the delimiter over lines ending with CR alone", () => {
    const text = `${"a,b\r".repeat(10)}${"x;y;z;w\r".repeat(50)}`;
    expect(detectDelimiter(bytes(text), 0, CR)).toBe(COMMA);
  });
});

describe("the delimiter", () => {
  it.each([
    ["a,b,c\n1,2,3", COMMA],
    ["a;b;c\n1;2,5;3", SEMICOLON],
    ["a\tb\tc\n1\t2\t3", TAB],
    ['"a;b";c,d\n', COMMA], // quoted semicolon does not count: one comma, one semicolon: tie → comma
    ["a;b\tc\n", SEMICOLON], // tie between semicolon and tab goes to semicolon
  ])("of %p", (text, delimiter) => {
    expect(detectDelimiter(bytes(text))).toBe(delimiter);
  });
  it("counts only the first ten lines", () => {
    const text = `${"a,b\n".repeat(10)}${"x;y;z;w\n".repeat(50)}`;
    expect(detectDelimiter(bytes(text))).toBe(COMMA);
  });
});

describe("reading a CSV file into a table", () => {
  const read = (content: string | Buffer, decimalComma = false): AzureTable =>
    readCsvTable(file(content), sharedRegistries(), {
      expected: "azure",
      decimalComma,
    }) as AzureTable;

  it("finds the header under title lines and numbers rows by record (first record = 1)", () => {
    const t = read(
      'Report of June\n\nMonth,Tenant,Service,ACR\n2025-06,t1,Key Vault,"multi\nline"\n2025-06,t1,Key Vault,x\n'
    );
    expect(t.headerRow).toBe(3);
    expect(t.issues.filter((i) => i.severity === "error").map((i) => i.row)).toEqual([4, 5]);
  });
  it("reads semicolon files with decimal commas and says so", () => {
    const t = read("Month;Tenant;Service;ACR\n2025-06;t1;Key Vault;1.200,50\n");
    expect(t.rows.acrMicro[0]).toBe(1_200_500_000);
    expect(t.issues.map((i) => i.message)).toContain(
      "Read as a semicolon-separated file with decimal commas (1.250,50)."
    );
  });
  it("reads any file with decimal commas when told so", () => {
    const t = read('Month,Tenant,Service,ACR\n2025-06,t1,Key Vault,"700,50"\n', true);
    expect(t.rows.acrMicro[0]).toBe(700_500_000);
  });
  it("reads an amount of spaces, tabs or no-break spaces as blank, and other text as unreadable", () => {
    const t = read(
      "Month,Tenant,Service,ACR\n2025-06,t1,Key Vault, \t\n2025-06,t1,Key Vault,\u00a0\n2025-06,t1,Key Vault,\u00e9\n2025-06,t1,Key Vault,5\n"
    );
    const errors = t.issues.filter((i) => i.severity === "error");
    expect(errors.map((i) => i.row)).toEqual([2, 3, 4]);
    expect(errors[0]?.message).toContain("ACR is blank");
    expect(errors[1]?.message).toContain("ACR is blank");
    expect(errors[2]?.message).not.toContain("is blank");
    expect(t.rows.count).toBe(1);
  });
  it("reads a file whose lines end with CR alone as its LF twin, on one thread, and says so", () => {
    const lines = [
      "Month;Tenant;Service;ACR",
      '2025-06;t1;"Key\rVault";1.200,50',
      '2025-06;"t""2";Key Vault;5',
      "2025-07;t1;Key Vault;x",
    ];
    let splits = 0;
    const options = {
      expected: "azure" as const,
      decimalComma: false,
      splitBytes: 0,
      split: () => {
        splits++;
        throw new Error("no thread in this test");
      },
    };
    const lf = readCsvTable(file(lines.join("\n")), sharedRegistries(), options) as AzureTable;
    splits = 0;
    const cr = readCsvTable(file(lines.join("\r")), sharedRegistries(), options) as AzureTable;
    expect(splits).toBe(0);
    expect(cr.rows.count).toBe(2);
    expect(Array.from(cr.rows.acrMicro.subarray(0, 2))).toEqual([1_200_500_000, 5_000_000]);
    expect(cr.combos.map((c) => c.values)).toEqual(lf.combos.map((c) => c.values));
    expect(cr.issues.filter((i) => i.severity === "error").map((i) => [i.row, i.message])).toEqual(
      lf.issues.filter((i) => i.severity === "error").map((i) => [i.row, i.message])
    );
    expect(cr.issues.map((i) => i.message)).toContain(
      'Lines end with a carriage return alone (what Excel for Mac saves as "CSV (Macintosh)"); read as such.'
    );
    expect(lf.issues.map((i) => i.message).join()).not.toContain("carriage return");
  });
  it("skips a UTF-8 byte-order mark", () => {
    const t = read("\ufeffMonth,Tenant,Service,ACR\n2025-06,t1,Key Vault,5\n");
    expect(t.rows.count).toBe(1);
  });
  it("reads UTF-16 files (Excel's Unicode text) with their byte-order mark", () => {
    const text = "Month\tTenant\tService\tACR\n2025-06\tMüller\tKey Vault\t5\n";
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const shared = sharedRegistries();
    const t = readCsvTable(file(le), shared, { expected: "azure" }) as AzureTable;
    expect(t.rows.count).toBe(1);
    expect(shared.tenants.ids).toEqual(["Müller"]);
  });
  it("reads UTF-16 files without a byte-order mark, either byte order, and says so", () => {
    const text = "Month\tTenant\tService\tACR\n2025-06\tMüller\tKey Vault\t5\n";
    const le = Buffer.from(text, "utf16le");
    const be = Buffer.from(le).swap16();
    for (const [content, order] of [
      [le, "little"],
      [be, "big"],
    ] as const) {
      const shared = sharedRegistries();
      const t = readCsvTable(file(content), shared, { expected: "azure" }) as AzureTable;
      expect(t.rows.count).toBe(1);
      expect(shared.tenants.ids).toEqual(["Müller"]);
      expect(t.issues.map((i) => i.message)).toContain(
        `The file has no byte-order mark but is UTF-16 text (${order}-endian); read as such.`
      );
    }
  });
  it("tells unmarked UTF-16 from UTF-8 and from other binary data", () => {
    const csvText = fc.string({
      unit: fc.constantFrom("a", "Z", "0", ",", ";", "\t", "\n", '"', " ", "é", "ü", "€", "東"),
      minLength: 8,
      maxLength: 200,
    });
    fc.assert(
      fc.property(
        csvText.filter(
          (t) => [...t].filter((c) => c.charCodeAt(0) < 0x100).length * 4 >= t.length * 3
        ),
        (text) => {
          const le = Buffer.from(text, "utf16le");
          expect(detectEncoding(le)).toEqual({ encoding: "utf-16le", bom: 0 });
          expect(detectEncoding(Buffer.from(le).swap16())).toEqual({
            encoding: "utf-16be",
            bom: 0,
          });
          expect(detectEncoding(Buffer.from(text, "utf8"))).toEqual({ encoding: "utf-8", bom: 0 });
        }
      )
    );
    // A zip-like binary head with scattered zero bytes is no UTF-16 text.
    const binary = Buffer.from([
      0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0, 8, 0, 0, 0, 0x21, 0, 0x8a, 0x3c,
    ]);
    expect(detectEncoding(binary)).toEqual({ encoding: "utf-8", bom: 0 });
    expect(() => read(Buffer.concat([Buffer.from("Month,Tenant\n"), Buffer.alloc(64)]))).toThrow(
      /contains binary data/
    );
  });
  it("warns when the month column's slash dates look day-first (UK month starts)", () => {
    const t = read(
      "Month,Tenant,Service,ACR\n01/06/2025,t1,Key Vault,5\n01/07/2025,t1,Key Vault,5\n"
    );
    expect(t.issues.filter((i) => /read month first \(US order\)/.test(i.message))).toHaveLength(1);
  });
  it("reads text that is not UTF-8 as Windows-1252 and says so", () => {
    const latin = Buffer.from(
      "Month,Tenant,Customer,Service,ACR\n2025-06,t1,Caf\xe9 Ltd,Key Vault,5\n",
      "latin1"
    );
    const shared = sharedRegistries();
    const t = readCsvTable(file(latin), shared, { expected: "azure" }) as AzureTable;
    expect(shared.tenants.names).toEqual(["Café Ltd"]);
    expect(
      t.issues.some((i) => /not valid UTF-8 and were read as Windows-1252/.test(i.message))
    ).toBe(true);
  });
  it("reads every record as text for the workbook copy", () => {
    const rows: string[][] = [];
    const format = eachCsvRow(file("a;b\n1,5;x\n"), false, (row) => {
      rows.push(row);
    });
    expect(rows).toEqual([
      ["a", "b"],
      ["1,5", "x"],
    ]);
    expect(format.decimalComma).toBe(true);
  });
  it("stops copying rows when asked to", () => {
    const rows: string[][] = [];
    eachCsvRow(file("a\n1\n2\n3\n"), false, (row) => rows.push(row) < 2);
    expect(rows).toEqual([["a"], ["1"]]);
  });
});
