import { GroupTable } from "./group-table";

/** Largest dense key space (slots of 4 bytes) used before falling back to hashing. */
const DENSE_LIMIT = 1 << 24;

/**
 * Sums per group and source, in typed arrays: groups are keyed by four small integers (see
 * {@link GroupTable}), each carries three tag integers (what the caller needs back, e.g. tenant,
 * workload, month), and each of its measures keeps one sum per source (NaN where the source has no
 * row). The association dedupe and "the largest across tables" both read the largest sum.
 */
export class GroupSums {
  private readonly table: GroupTable | null;
  /** Dense group numbers (+1) by `a * sizes[1] * sizes[2] + b * sizes[2] + c`, when small enough. */
  private readonly dense: Int32Array | null;
  private readonly sizes: readonly [number, number, number] | null;
  private capacity: number;
  /** Number of groups. */
  size = 0;
  /** Three tags per group. */
  tags: Int32Array;
  /** Per measure: sums at `[group * sources + source]`. */
  sums: Float64Array[];

  /**
   * @param denseSizes when the keys `(a, b, c)` (with `d` = 0) lie in `[0, sizes)` and their space
   *   is small, groups are found by direct index instead of hashing
   */
  constructor(
    readonly sources: number,
    measures: number,
    expected: number,
    denseSizes?: readonly [number, number, number]
  ) {
    const space = denseSizes ? denseSizes[0] * denseSizes[1] * denseSizes[2] : Infinity;
    this.sizes = space <= DENSE_LIMIT ? (denseSizes ?? null) : null;
    this.dense = this.sizes ? new Int32Array(space) : null;
    this.table = this.sizes ? null : new GroupTable(expected);
    this.capacity = Math.max(64, expected);
    this.tags = new Int32Array(this.capacity * 3);
    this.sums = Array.from({ length: measures }, () =>
      new Float64Array(this.capacity * sources).fill(NaN)
    );
  }

  /** The group of key `(a, b, c, d)`, created with tags `(x, y, z)` if new. */
  group(a: number, b: number, c: number, d: number, x: number, y: number, z: number): number {
    let g: number;
    if (this.dense !== null && this.sizes !== null) {
      const slot = (a * this.sizes[1] + b) * this.sizes[2] + c;
      g = (this.dense[slot] as number) - 1;
      if (g < 0) {
        g = this.size;
        this.dense[slot] = g + 1;
      }
    } else g = (this.table as GroupTable).intern(a, b, c, d);
    if (g === this.size) {
      if (g === this.capacity) this.grow();
      this.tags[3 * g] = x;
      this.tags[3 * g + 1] = y;
      this.tags[3 * g + 2] = z;
      this.size++;
    }
    return g;
  }

  /** Adds a value to a group's sum of one measure from one source. */
  add(measure: number, g: number, source: number, value: number): void {
    const sums = this.sums[measure] as Float64Array;
    const slot = g * this.sources + source;
    const before = sums[slot] as number;
    sums[slot] = before === before ? before + value : value;
  }

  /** The largest sum of a group's measure across its sources (NaN when no source has a row). */
  largest(measure: number, g: number): number {
    const sums = this.sums[measure] as Float64Array;
    let best = NaN;
    for (let s = g * this.sources, end = s + this.sources; s < end; s++) {
      const v = sums[s] as number;
      if (v === v && !(v <= best)) best = v;
    }
    return best;
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    const tags = new Int32Array(capacity * 3);
    tags.set(this.tags);
    this.tags = tags;
    this.sums = this.sums.map((old) => {
      const grown = new Float64Array(capacity * this.sources).fill(NaN);
      grown.set(old);
      return grown;
    });
    this.capacity = capacity;
  }
}
