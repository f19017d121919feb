/**
 * Dense numbers for distinct byte strings (the values of one CSV column), found by hashing the
 * bytes in place: a million rows of a column make no JavaScript string except one per distinct
 * value, which is what keeps reading a 10-million-row file fast and small.
 */
export class ByteDictionary {
  private mask = 1023;
  private slots = new Int32Array(1024).fill(-1);
  private hashes: Int32Array = new Int32Array(256);
  private offsets: Int32Array = new Int32Array(256);
  private lengths: Int32Array = new Int32Array(256);
  private bytes = new Uint8Array(4096);
  private used = 0;
  /** Number of distinct values. */
  size = 0;

  /** The number of the bytes `buf[start … end)`, added if new. */
  intern(buf: Uint8Array, start: number, end: number): number {
    let h = end - start;
    for (let j = start; j < end; j++) h = (Math.imul(h, 31) + (buf[j] as number)) | 0;
    h ^= h >>> 15;
    const length = end - start;
    const slots = this.slots;
    let i = h & this.mask;
    for (;;) {
      const id = slots[i] as number;
      if (id < 0) return this.add(buf, start, end, h, i);
      if (this.hashes[id] === h && this.lengths[id] === length) {
        const bytes = this.bytes;
        const at = this.offsets[id] as number;
        let k = 0;
        while (k < length && bytes[at + k] === buf[start + k]) k++;
        if (k === length) return id;
      }
      i = (i + 1) & this.mask;
    }
  }

  /** The bytes of a value (a view: copy it to keep it). */
  valueBytes(id: number): Uint8Array {
    const at = this.offsets[id] as number;
    return this.bytes.subarray(at, at + (this.lengths[id] as number));
  }

  private add(buf: Uint8Array, start: number, end: number, hash: number, slot: number): number {
    const id = this.size++;
    const length = end - start;
    if (id === this.hashes.length) {
      this.hashes = growInt32(this.hashes);
      this.offsets = growInt32(this.offsets);
      this.lengths = growInt32(this.lengths);
    }
    if (this.used + length > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.used + length));
      grown.set(this.bytes.subarray(0, this.used));
      this.bytes = grown;
    }
    this.bytes.set(buf.subarray(start, end), this.used);
    this.hashes[id] = hash;
    this.offsets[id] = this.used;
    this.lengths[id] = length;
    this.used += length;
    this.slots[slot] = id;
    if (this.size * 2 > this.slots.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const capacity = this.slots.length * 2;
    this.mask = capacity - 1;
    this.slots = new Int32Array(capacity).fill(-1);
    for (let id = 0; id < this.size; id++) {
      let i = (this.hashes[id] as number) & this.mask;
      while ((this.slots[i] as number) >= 0) i = (i + 1) & this.mask;
      this.slots[i] = id;
    }
  }
}

function growInt32(a: Int32Array): Int32Array {
  const grown = new Int32Array(a.length * 2);
  grown.set(a);
  return grown;
}
