/**
 * Dense numbers for distinct byte strings (the values of one CSV column), found by hashing the
 * bytes in place: a million rows of a column make no JavaScript string except one per distinct
 * value, which is what keeps reading a 10-million-row file fast and small.
 *
 * Laid out for a table that outgrows the processor's caches (60,000 subscriptions): each slot
 * holds its hash beside the value's number, and each value's offset beside its length, so a
 * look-up touches three places in memory, not five.
 */
export class ByteDictionary {
  private mask = 1023;
  /** Pairs `[hash, id + 1]` (0 = empty). */
  private slots = new Int32Array(2048);
  /** Pairs `[offset, length]` into `bytes`, by id. */
  private spans: Int32Array = new Int32Array(512);
  private hashes: Int32Array = new Int32Array(256);
  private bytes = new Uint8Array(4096);
  private stored = new DataView(this.bytes.buffer);
  private used = 0;
  /** Number of distinct values. */
  size = 0;
  // Views of the last two buffers looked up in (a file's chunk and the scratch bytes of a field
  // with doubled quotes alternate): a view is made when the buffer changes, not per look-up.
  private lastBuf: Uint8Array | null = null;
  private lastView: DataView | null = null;
  private otherBuf: Uint8Array | null = null;
  private otherView: DataView | null = null;

  /** The number of the bytes `buf[start … end)`, added if new. */
  intern(buf: Uint8Array, start: number, end: number): number {
    const view = this.viewOf(buf);
    const length = end - start;
    const h = hashOf(buf, view, start, end);
    const slots = this.slots;
    const mask = this.mask;
    let i = h & mask;
    for (;;) {
      const idPlusOne = slots[2 * i + 1] as number;
      if (idPlusOne === 0) return this.add(buf, start, end, h, i);
      if (slots[2 * i] === h) {
        const id = idPlusOne - 1;
        const spans = this.spans;
        if (
          spans[2 * id + 1] === length &&
          this.equal(spans[2 * id] as number, buf, view, start, length)
        )
          return id;
      }
      i = (i + 1) & mask;
    }
  }

  private viewOf(buf: Uint8Array): DataView {
    if (buf === this.lastBuf) return this.lastView as DataView;
    let view: DataView;
    if (buf === this.otherBuf) view = this.otherView as DataView;
    else view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.otherBuf = this.lastBuf;
    this.otherView = this.lastView;
    this.lastBuf = buf;
    this.lastView = view;
    return view;
  }

  /** True when the stored bytes at `at` equal `buf[start … start + length)`, four at a time. */
  private equal(
    at: number,
    buf: Uint8Array,
    view: DataView,
    start: number,
    length: number
  ): boolean {
    const stored = this.stored;
    let k = 0;
    for (; k + 4 <= length; k += 4)
      if (stored.getInt32(at + k, true) !== view.getInt32(start + k, true)) return false;
    const bytes = this.bytes;
    for (; k < length; k++) if (bytes[at + k] !== buf[start + k]) return false;
    return true;
  }

  /** The buffer holding every value's bytes (valid until the next value is added). */
  get store(): Uint8Array {
    return this.bytes;
  }

  /** Where a value's bytes start in {@link store}. */
  offsetOf(id: number): number {
    return this.spans[2 * id] as number;
  }

  /** How many bytes a value has. */
  lengthOf(id: number): number {
    return this.spans[2 * id + 1] as number;
  }

  /** The bytes of a value (a view: copy it to keep it). */
  valueBytes(id: number): Uint8Array {
    const at = this.spans[2 * id] as number;
    return this.bytes.subarray(at, at + (this.spans[2 * id + 1] as number));
  }

  private add(buf: Uint8Array, start: number, end: number, hash: number, slot: number): number {
    const id = this.size++;
    const length = end - start;
    if (id === this.hashes.length) {
      this.hashes = growInt32(this.hashes);
      this.spans = growInt32(this.spans);
    }
    if (this.used + length > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.used + length));
      grown.set(this.bytes.subarray(0, this.used));
      this.bytes = grown;
      this.stored = new DataView(grown.buffer);
    }
    this.bytes.set(buf.subarray(start, end), this.used);
    this.hashes[id] = hash;
    this.spans[2 * id] = this.used;
    this.spans[2 * id + 1] = length;
    this.used += length;
    this.slots[2 * slot] = hash;
    this.slots[2 * slot + 1] = id + 1;
    if (this.size * 2 > this.mask + 1) this.rehash();
    return id;
  }

  private rehash(): void {
    const capacity = (this.mask + 1) * 2;
    this.mask = capacity - 1;
    this.slots = new Int32Array(capacity * 2);
    for (let id = 0; id < this.size; id++) {
      const hash = this.hashes[id] as number;
      let i = hash & this.mask;
      while ((this.slots[2 * i + 1] as number) !== 0) i = (i + 1) & this.mask;
      this.slots[2 * i] = hash;
      this.slots[2 * i + 1] = id + 1;
    }
  }
}

/**
 * A hash of every byte of `buf[start … end)`, read four at a time from a view (V8 compiles each
 * read to one load). Hashing only some bytes would be faster on GUIDs but lets values that share
 * their ends (long names, paths) collide on one slot chain.
 */
function hashOf(buf: Uint8Array, view: DataView, start: number, end: number): number {
  const length = end - start;
  let h = Math.imul(length, 0x9e3779b1);
  if (length < 4) {
    for (let j = start; j < end; j++) h = mix(h, buf[j] as number);
  } else {
    for (let j = start; j + 4 <= end; j += 4) h = mix(h, view.getInt32(j, true));
    // The last word overlaps the one before when the length is not a multiple of four.
    if ((length & 3) !== 0) h = mix(h, view.getInt32(end - 4, true));
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

/** One round of MurmurHash3's 32-bit mixing (public domain design by Austin Appleby). */
function mix(h: number, word: number): number {
  let k = Math.imul(word, 0xcc9e2d51);
  k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function growInt32(a: Int32Array): Int32Array {
  const grown = new Int32Array(a.length * 2);
  grown.set(a);
  return grown;
}
