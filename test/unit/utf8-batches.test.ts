import fc from "fast-check";
import { writeUtf8Batches } from "../../src/cli/utf8-batches";

/** Runs the batching and returns the buffers it handed on (copied, as a stream would queue them). */
function batches(pieces: string[], size: number): Buffer[] {
  const out: Buffer[] = [];
  writeUtf8Batches(pieces, (bytes) => out.push(Buffer.from(bytes)), size);
  return out;
}

describe("text pieces written as UTF-8 batches", () => {
  it("writes exactly the UTF-8 of the joined pieces, each batch whole characters, for any text", () => {
    // Non-ASCII, astral characters (surrogate pairs) and pieces larger than a batch come up.
    const piece = fc.oneof(
      fc.string({ unit: "binary", maxLength: 40 }),
      fc.string({ unit: "grapheme", maxLength: 12 }),
      fc.constantFrom("→", "€ 1.250,50", "😀", "")
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 60 }),
        fc.integer({ min: 4, max: 64 }),
        (pieces, size) => {
          const out = batches(pieces, size);
          expect(Buffer.concat(out).toString("utf8")).toBe(pieces.join(""));
          expect(Buffer.concat(out).equals(Buffer.from(pieces.join(""), "utf8"))).toBe(true);
          // Each batch decodes on its own: no character is cut between two.
          expect(out.map((b) => b.toString("utf8")).join("")).toBe(pieces.join(""));
          for (const b of out) expect(b.length).toBeGreaterThan(0);
        }
      ),
      { numRuns: 400 }
    );
  });

  it("hands a batch on when the next piece might not fit (3 bytes a unit), a larger piece alone", () => {
    const text = (pieces: string[], size: number): string[] =>
      batches(pieces, size).map((b) => b.toString());
    expect(text(["ab", "cd", "ef", "x".repeat(30), "gh"], 12)).toEqual([
      "abcdef",
      "x".repeat(30),
      "gh",
    ]);
    expect(text(["abcd", "efgh"], 12)).toEqual(["abcd", "efgh"]);
    expect(text(["abc", "d"], 12)).toEqual(["abcd"]);
  });

  it("hands on nothing for no pieces", () => {
    expect(batches([], 16)).toEqual([]);
    expect(batches(["", ""], 16)).toEqual([]);
  });

  it("never writes again into a buffer it has handed on", () => {
    const seen: { bytes: Uint8Array; text: string }[] = [];
    writeUtf8Batches(
      Array.from({ length: 50 }, (_, i) => `piece ${i};`),
      (bytes) => seen.push({ bytes, text: Buffer.from(bytes).toString() }),
      32
    );
    for (const s of seen) expect(Buffer.from(s.bytes).toString()).toBe(s.text);
    expect(seen.map((s) => s.text).join("")).toBe(
      Array.from({ length: 50 }, (_, i) => `piece ${i};`).join("")
    );
  });
});
