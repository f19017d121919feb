import fc from "fast-check";
import { tagAlignedText } from "../../src/cli/xlsx/sheet-stream";

/** Bytes of `text` cut at the given points (sorted, within the length). */
function chunks(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    out.push(bytes.subarray(from, p));
    from = p;
  }
  return out;
}

// Text like a worksheet's: tags, and characters of one to four UTF-8 bytes next to them.
const sheetText = fc
  .array(fc.oneof(fc.constantFrom("<c>", "</v>", ">", "<", "é", "€", "😀", "a"), fc.string()), {
    maxLength: 40,
  })
  .map((parts) => parts.join(""));

describe("worksheet bytes to text cut after tags", () => {
  it("hands over the text exactly, in pieces that end after a '>' while the carry is small", () => {
    fc.assert(
      fc.property(
        sheetText,
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.integer({ min: 1, max: 64 }),
        (text, cuts, maxCarry) => {
          const pieces: string[] = [];
          const stream = tagAlignedText((t) => pieces.push(t), maxCarry);
          for (const chunk of chunks(Buffer.from(text, "utf8"), cuts)) stream.feed(chunk);
          stream.end();
          expect(pieces.join("")).toBe(text);
          // Every piece but the last ends after a ">", unless it was let go past maxCarry bytes.
          for (const piece of pieces.slice(0, -1))
            expect(piece.endsWith(">") || Buffer.byteLength(piece, "utf8") >= maxCarry - 4).toBe(
              true
            );
        }
      ),
      { numRuns: 500 }
    );
  });

  it("holds no more than about maxCarry bytes while no '>' comes", () => {
    const pieces: string[] = [];
    const stream = tagAlignedText((t) => pieces.push(t), 16);
    for (let i = 0; i < 10; i++) stream.feed(Buffer.from("abcdefgh"));
    expect(pieces.join("").length).toBeGreaterThanOrEqual(64);
    stream.end();
    expect(pieces.join("")).toBe("abcdefgh".repeat(10));
  });
});
