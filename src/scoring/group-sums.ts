import { GroupTable } from "./group-table";

/**
 * Sums per group and source, in typed arrays: groups are keyed by four small integers (see
 * {@link GroupTable}), each carries three tag integers (what the caller needs back, e.g. tenant,
 * workload, month), and each of its measures keeps one sum per source (NaN where the source has no
 * row). The association dedupe and "the largest across tables" both read the largest sum.
 */
export class GroupSums {
  private readonly table: GroupTable;
  private capacity: number;
  /** Number of groups. */
  size = 0;
  /** Three tags per group. */
  tags: Int32Array;
  /** Per measure: sums at `[group * sources + source]`. */
  sums: Float64Array[];

  /**
   * @param sources sums kept per group and measure
   * @param measures values summed per row (e.g. ACR)
   * @param expected a hint of how many groups there will be
   */
  constructor(
    readonly sources: number,
    measures: number,
    expected: number
  ) {
    this.table = new GroupTable(expected);
    this.capacity = Math.max(64, expected);
    this.tags = new Int32Array(this.capacity * 3);
    this.sums = Array.from({ length: measures }, () =>
      new Float64Array(this.capacity * sources).fill(NaN)
    );
  }

  /** The group of key `(a, b, c, d)`, created with tags `(x, y, z)` if new. */
  group(a: number, b: number, c: number, d: number, x: number, y: number, z: number): number {
    const g = this.table.intern(a, b, c, d);
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
