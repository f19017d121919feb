import { parseMonth } from "./cells";

const WINDOW = 1 << 17; // serial numbers around the first one seen: ±179 years

/**
 * Month lookup for a column: integer serial numbers (what Excel passes) through a typed array,
 * anything else through a map, each distinct value parsed once. Returns -1 for unreadable cells.
 */
export class MonthCache {
  private base = -1;
  private readonly table = new Int32Array(WINDOW);
  private readonly other = new Map<unknown, number>();

  /** The month index of a cell, or -1. */
  get(cell: unknown): number {
    if (typeof cell === "number" && (cell | 0) === cell) {
      if (this.base < 0) this.base = Math.max(0, cell - (WINDOW >> 1));
      const i = cell - this.base;
      if (i >= 0 && i < WINDOW) {
        const hit = this.table[i] ?? 0;
        if (hit !== 0) return hit - 1;
        const month = parseMonth(cell);
        this.table[i] = month + 1;
        return month;
      }
    }
    if (typeof cell !== "string" && typeof cell !== "number") return parseMonth(cell);
    const hit = this.other.get(cell);
    if (hit !== undefined) return hit;
    const month = parseMonth(cell);
    this.other.set(cell, month);
    return month;
  }
}
