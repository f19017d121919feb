/**
 * An open-addressing hash table from four small integers to a dense group number, used to group
 * a million rows without building string keys (which cost allocation and garbage collection).
 */
export class GroupTable {
  private keys: Int32Array;
  private slots: Int32Array;
  private mask: number;
  /** Number of groups. */
  size = 0;

  /** @param expected a hint of how many groups there will be */
  constructor(expected = 1024) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.keys = new Int32Array(capacity * 4);
    this.slots = new Int32Array(capacity).fill(-1);
  }

  private static hash(a: number, b: number, c: number, d: number): number {
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77);
    h = Math.imul(h ^ (h >>> 15), 0xc2b2ae3d) ^ Math.imul(c + 0x165667b1, 0x27d4eb2f);
    h = Math.imul(h ^ (h >>> 13), 0x9e3779b1) ^ Math.imul(d + 0x61c88647, 0x85ebca77);
    return (h ^ (h >>> 16)) >>> 0;
  }

  /** The group number of the key, created (as the next number) if new. */
  intern(a: number, b: number, c: number, d: number): number {
    if (this.size * 2 >= this.slots.length) this.grow();
    let i = GroupTable.hash(a, b, c, d) & this.mask;
    for (;;) {
      const group = this.slots[i] ?? -1;
      if (group < 0) {
        const g = this.size++;
        this.slots[i] = g;
        const k = i * 4;
        this.keys[k] = a;
        this.keys[k + 1] = b;
        this.keys[k + 2] = c;
        this.keys[k + 3] = d;
        return g;
      }
      const k = i * 4;
      if (
        this.keys[k] === a &&
        this.keys[k + 1] === b &&
        this.keys[k + 2] === c &&
        this.keys[k + 3] === d
      )
        return group;
      i = (i + 1) & this.mask;
    }
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldSlots = this.slots;
    const capacity = oldSlots.length * 2;
    this.mask = capacity - 1;
    this.keys = new Int32Array(capacity * 4);
    this.slots = new Int32Array(capacity).fill(-1);
    for (let j = 0; j < oldSlots.length; j++) {
      const group = oldSlots[j] ?? -1;
      if (group < 0) continue;
      const k = j * 4;
      const a = oldKeys[k] ?? 0;
      const b = oldKeys[k + 1] ?? 0;
      const c = oldKeys[k + 2] ?? 0;
      const d = oldKeys[k + 3] ?? 0;
      let i = GroupTable.hash(a, b, c, d) & this.mask;
      while ((this.slots[i] ?? -1) >= 0) i = (i + 1) & this.mask;
      this.slots[i] = group;
      const n = i * 4;
      this.keys[n] = a;
      this.keys[n + 1] = b;
      this.keys[n + 2] = c;
      this.keys[n + 3] = d;
    }
  }
}
