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
  private used = 0;
  /** Number of distinct values. */
  size = 0;

  /** The number of the bytes `buf[start … end)`, added if new. */
  intern(buf: Uint8Array, start: number, end: number): number {
    const length = end - start;
    // Short values are hashed whole; long ones (GUIDs, names) by their length and both ends,
    // which tell them apart as well and cost a fixed 16 bytes. Equal hashes still compare all bytes.
    let h = length;
    if (length <= 16) {
      for (let j = start; j < end; j++) h = (Math.imul(h, 31) + (buf[j] as number)) | 0;
    } else {
      for (let j = start; j < start + 8; j++) h = (Math.imul(h, 31) + (buf[j] as number)) | 0;
      for (let j = end - 8; j < end; j++) h = (Math.imul(h, 31) + (buf[j] as number)) | 0;
    }
    h ^= h >>> 15;
    const slots = this.slots;
    const mask = this.mask;
    let i = h & mask;
    for (;;) {
      const idPlusOne = slots[2 * i + 1] as number;
      if (idPlusOne === 0) return this.add(buf, start, end, h, i);
      if (slots[2 * i] === h) {
        const id = idPlusOne - 1;
        const spans = this.spans;
        if (spans[2 * id + 1] === length) {
          const bytes = this.bytes;
          const at = spans[2 * id] as number;
          let k = 0;
          while (k < length && bytes[at + k] === buf[start + k]) k++;
          if (k === length) return id;
        }
      }
      i = (i + 1) & mask;
    }
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

function growInt32(a: Int32Array): Int32Array {
  const grown = new Int32Array(a.length * 2);
  grown.set(a);
  return grown;
}
