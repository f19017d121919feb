import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import JSZip from "jszip";
import { runCli } from "../helpers/cli";

// Workbooks that are damaged or built to hurt: each is refused in one line, and no output exists.
const sample = join(__dirname, "..", "..", "samples", "contoso-security.xlsx");
const dir = mkdtempSync(join(tmpdir(), "pcs-hostile-"));

async function sampleWith(edit: (zip: JSZip) => Promise<void> | void): Promise<Buffer> {
  const zip = await JSZip.loadAsync(readFileSync(sample));
  await edit(zip);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** The first worksheet part of the sample. */
const SHEET = "xl/worksheets/sheet1.xml";

/** Rewrites the uncompressed size every header of the zip declares for one part. */
function declareSize(bytes: Buffer, part: string, size: number): Buffer {
  const out = Buffer.from(bytes);
  for (let at = 0; at + 46 < out.length; at++) {
    if (out.readUInt32LE(at) === 0x02014b50) {
      const nameLength = out.readUInt16LE(at + 28);
      const name = out.toString("utf8", at + 46, at + 46 + nameLength);
      if (name !== part) continue;
      out.writeUInt32LE(size, at + 24);
      out.writeUInt32LE(size, out.readUInt32LE(at + 42) + 22);
    }
  }
  return out;
}

async function refused(name: string, bytes: Buffer): Promise<{ err: string; code: number }> {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const res = await runCli(["score", "--workbook", path]);
  expect(res.out).toBe("");
  expect(res.err.split("\n").filter(Boolean)).toHaveLength(1);
  expect(res.err).not.toMatch(/\n\s+at /);
  expect(existsSync(path.replace(/\.xlsx$/, "-scorecard.xlsx"))).toBe(false);
  return res;
}

describe("hostile and damaged workbooks are refused before any output exists", () => {
  it("refuses a file that is not a zip at all", async () => {
    const res = await refused("text.xlsx", Buffer.from("Tenant,ACR\nA,1\n"));
    expect(res.code).toBe(2);
    expect(res.err).toMatch(
      /text\.xlsx: not a readable \.xlsx workbook \(save it as an Excel Workbook, \.xlsx\); it is a text file \(a CSV\?\): CSV files are given with --azure, --m365 or --certs/
    );
  });

  it("says a password-protected workbook needs its password removed, and an .xls saving as .xlsx", async () => {
    // Both are OLE compound files; an encrypted one names its EncryptionInfo stream (UTF-16).
    const magic = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const directory = (names: string[]): Buffer =>
      Buffer.concat(names.map((n) => Buffer.from(n.padEnd(32, "\0"), "utf16le")));
    const padding = Buffer.alloc(3 * 1024 * 1024, 7);
    const encrypted = await refused(
      "locked.xlsx",
      Buffer.concat([magic, padding, directory(["EncryptionInfo", "EncryptedPackage"])])
    );
    expect(encrypted.code).toBe(2);
    expect(encrypted.err).toMatch(
      /locked\.xlsx: not a readable \.xlsx workbook \(save it as an Excel Workbook, \.xlsx\); it is password-protected .*: remove the password \(in Excel: File > Info > Protect Workbook > Encrypt with Password, clear it\)/
    );
    const legacy = await refused(
      "legacy.xlsx",
      Buffer.concat([magic, directory(["Workbook", "SummaryInformation"]), padding])
    );
    expect(legacy.err).toMatch(
      /legacy\.xlsx: not a readable \.xlsx workbook \(save it as an Excel Workbook, \.xlsx\); it is an Excel 97-2003 workbook \(\.xls\) or another older Office file: open it in Excel and save it as an Excel Workbook \(\.xlsx\) without a password to open/
    );
  });

  it("refuses a truncated workbook", async () => {
    const whole = readFileSync(sample);
    const res = await refused("truncated.xlsx", whole.subarray(0, Math.floor(whole.length * 0.6)));
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/truncated\.xlsx: not a readable \.xlsx workbook|damaged or truncated/);
  });

  it("refuses a workbook whose part's bytes are damaged", async () => {
    const bytes = await sampleWith(() => undefined);
    const zip = await JSZip.loadAsync(bytes);
    const sheet = await zip.file(SHEET)!.async("uint8array");
    expect(sheet.length).toBeGreaterThan(1000);
    // Overwrite the middle of the file (compressed sheet data) with noise.
    const damaged = Buffer.from(bytes);
    for (let i = 0; i < 400; i++) damaged[Math.floor(bytes.length * 0.3) + i] = (i * 97) & 0xff;
    const res = await refused("damaged.xlsx", damaged);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(
      /damaged\.xlsx: .*(damaged|not a readable|does not inflate|not well-formed XML)/
    );
  });

  it("refuses a part whose bytes were changed but still read as XML (its checksum does not match)", async () => {
    const zip = await JSZip.loadAsync(readFileSync(sample));
    const xml = await zip.file(SHEET)!.async("string");
    zip.file(SHEET, xml, { compression: "STORE" });
    const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    const at = bytes.indexOf("<v>", bytes.indexOf("<sheetData"));
    expect(at).toBeGreaterThan(0);
    const digit = at + 3;
    bytes[digit] = bytes[digit] === 0x31 ? 0x32 : 0x31;
    const res = await refused("checksum.xlsx", bytes);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(
      /checksum\.xlsx: the workbook's xl\/worksheets\/sheet1\.xml is damaged \(its checksum does not match\); save it again from Excel/
    );
  });

  it("refuses a worksheet that is not well-formed XML, naming the part and the fault", async () => {
    const bytes = await sampleWith(async (zip) => {
      const xml = await zip.file(SHEET)!.async("string");
      zip.file(SHEET, xml.replace(/<\/c><\/row>/, "</row>"));
    });
    const res = await refused("malformed.xlsx", bytes);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(
      /malformed\.xlsx: the workbook's xl\/worksheets\/sheet1\.xml is not well-formed XML \(<\/row> closes <c>\); save it again from Excel/
    );
  });

  it("refuses a zip bomb: a part that inflates hundreds of times its size", async () => {
    const bomb = await sampleWith((zip) => {
      zip.file("xl/media/filler.bin", Buffer.alloc(80 * 1024 * 1024));
    });
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const res = await refused("bomb.xlsx", bomb);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(
      /bomb\.xlsx: refused: xl\/media\/filler\.bin would inflate to more than a workbook can hold \(a zip bomb, or not a real workbook\); nothing was written/
    );
  });

  it("refuses a part that inflates past the size its directory declares", async () => {
    const bytes = await sampleWith(() => undefined);
    const res = await refused("lying.xlsx", declareSize(bytes, SHEET, 100));
    expect(res.code).toBe(2);
    expect(res.err).toMatch(
      /lying\.xlsx: refused: xl\/worksheets\/sheet1\.xml does not inflate to the size its directory declares/
    );
  });

  it.each([
    ["xl/workbook.xml", "workbook"],
    [SHEET, "worksheet"],
    ["xl/sharedStrings.xml", "sst"],
  ])("refuses entity declarations in %s (billion laughs)", async (part, root) => {
    const bytes = await sampleWith(async (zip) => {
      const xml = await zip.file(part)!.async("string");
      const laughs = `<!DOCTYPE ${root} [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>`;
      zip.file(part, xml.replace(/(<\?xml[^>]*\?>)/, `$1${laughs}`));
    });
    const res = await refused(`entities-${root}.xlsx`, bytes);
    expect(res.code).toBe(2);
    expect(res.err).toContain(
      `refused: ${part} declares a DTD or entities, which a real workbook never does; nothing was written`
    );
  });
});
