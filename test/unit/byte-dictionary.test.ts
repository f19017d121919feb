import fc from "fast-check";
import { ByteDictionary } from "../../src/cli/byte-dictionary";

/** `values` each copied into one of `buffers` fresh buffers at a random offset (as a file's chunks hold them). */
function placed(
  values: Uint8Array[],
  offsets: number[],
  buffers: number
): { buf: Uint8Array; start: number; end: number }[] {
  return values.map((v, i) => {
    const offset = offsets[i % offsets.length] ?? 0;
    // Every other buffer is a Node Buffer slice, which starts inside a larger ArrayBuffer.
    const backing = Buffer.alloc(offset + v.length + 8 + (i % buffers));
    const buf = i % 2 === 0 ? backing : new Uint8Array(backing.buffer.slice(0));
    buf.set(v, offset);
    return { buf, start: offset, end: offset + v.length };
  });
}

const key = (v: Uint8Array): string => Buffer.from(v).toString("latin1");

describe("numbering the distinct byte values of a CSV column", () => {
  it("numbers equal bytes alike and different bytes apart, in first-seen order, wherever the bytes lie", () => {
    // A small alphabet makes near-equal values (same length, one byte apart; shared ends) common.
    const value = fc.uint8Array({ minLength: 0, maxLength: 80 }).map((a) => a.map((b) => b % 3));
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 300 }),
        fc.array(fc.nat(13), { minLength: 1, maxLength: 7 }),
        fc.integer({ min: 1, max: 4 }),
        (values, offsets, buffers) => {
          const dict = new ByteDictionary();
          const expected = new Map<string, number>();
          placed(values, offsets, buffers).forEach(({ buf, start, end }, i) => {
            const k = key(values[i] as Uint8Array);
            if (!expected.has(k)) expected.set(k, expected.size);
            expect(dict.intern(buf, start, end)).toBe(expected.get(k));
          });
          expect(dict.size).toBe(expected.size);
          for (const [k, id] of expected) {
            expect(key(dict.valueBytes(id))).toBe(k);
            expect(dict.lengthOf(id)).toBe(k.length);
          }
        }
      ),
      { numRuns: 300 }
    );
  });

  it("keeps the numbers when a value is looked up again from another buffer after the table grew", () => {
    const dict = new ByteDictionary();
    const text = (i: number): Uint8Array => Buffer.from(`sub-${i}-${i % 7}`);
    const wrong: number[] = [];
    for (let i = 0; i < 50_000; i++)
      if (dict.intern(text(i), 0, text(i).length) !== i) wrong.push(i);
    expect(wrong).toEqual([]);
    const chunk = Buffer.from(`xx,${"sub-12345-4"},yy`);
    expect(dict.intern(chunk, 3, 3 + 11)).toBe(12345);
    expect(dict.intern(Buffer.from("sub-12345-5"), 0, 11)).toBe(50_000);
  });

  it("tells apart values whose hashes are equal", () => {
    // Equal 32-bit hashes are rare, so find some among 300,000 values of 8 bytes.
    const value = (i: number): Buffer =>
      Buffer.from([i & 255, (i >> 8) & 255, i >> 16, 1, (i * 7) & 255, (i >> 4) & 255, 2, 3]);
    const finder = new ByteDictionary();
    for (let i = 0; i < 300_000; i++) finder.intern(value(i), 0, 7);
    expect(finder.size).toBe(300_000);
    const hashes = (finder as unknown as { hashes: Int32Array }).hashes;
    const firstWith = new Map<number, number>();
    const pairs: [number, number][] = [];
    for (let i = 0; i < 300_000; i++) {
      const other = firstWith.get(hashes[i] as number);
      if (other === undefined) firstWith.set(hashes[i] as number, i);
      else pairs.push([other, i]);
    }
    expect(pairs.length).toBeGreaterThan(0);
    for (const [a, b] of pairs) {
      const dict = new ByteDictionary();
      expect(dict.intern(value(a), 0, 7)).toBe(0);
      expect(dict.intern(value(b), 0, 7)).toBe(1);
      expect(dict.intern(value(a), 0, 7)).toBe(0);
    }
  });

  it("gives values that differ only in their middle different hashes (long names share their ends)", () => {
    const dict = new ByteDictionary();
    for (let i = 0; i < 20_000; i++) {
      const v = Buffer.from(`Contoso Holdings Europe ${i} - Managed Security Services Agreement`);
      dict.intern(v, 0, v.length);
    }
    const hashes = (dict as unknown as { hashes: Int32Array }).hashes.subarray(0, dict.size);
    // 20,000 random 32-bit hashes collide about once; hashing only the ends would give one hash.
    expect(new Set(hashes).size).toBeGreaterThan(19_990);
  });
});
