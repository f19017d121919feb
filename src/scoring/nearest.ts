/**
 * The `limit` items with the smallest key among those offered, in order of key and, for equal
 * keys, in the order offered: the same items, in the same order, as a stable sort of all of them
 * followed by `slice(0, limit)`, without holding or sorting the rest (the plan looks for the 25
 * customers nearest a threshold among hundreds of thousands).
 */
export class Nearest<T> {
  private readonly items: T[] = [];
  private readonly keys: number[] = [];

  /** @param limit how many items to keep */
  constructor(private readonly limit: number) {}

  /** Offers an item with its key (a finite number); it is kept while among the `limit` smallest. */
  offer(key: number, make: () => T): void {
    const keys = this.keys;
    const n = keys.length;
    // Full and not smaller than the last kept key: an equal key offered later ranks after it.
    if (n === this.limit && key >= (keys[n - 1] as number)) return;
    let at = n;
    while (at > 0 && (keys[at - 1] as number) > key) at--;
    keys.splice(at, 0, key);
    this.items.splice(at, 0, make());
    if (keys.length > this.limit) {
      keys.pop();
      this.items.pop();
    }
  }

  /** The kept items, smallest key first. */
  list(): readonly T[] {
    return this.items;
  }
}
