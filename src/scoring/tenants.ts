import { cellText } from "./cells";

/**
 * Customer tenants seen in any table, compared trimmed and case-insensitively, kept in order of
 * first appearance with the id and customer name as first written.
 */
export class TenantRegistry {
  private readonly byKey = new Map<string, number>();
  /** Tenant id as first written (trimmed). */
  readonly ids: string[] = [];
  /** Customer name, the first non-blank one seen. */
  readonly names: string[] = [];

  /** The tenant number of a non-blank tenant cell. */
  idOf(raw: unknown): number {
    const text = cellText(raw);
    const key = text.toLowerCase();
    let id = this.byKey.get(key);
    if (id === undefined) {
      id = this.ids.length;
      this.byKey.set(key, id);
      this.ids.push(text);
      this.names.push("");
    }
    return id;
  }

  /** Records a customer name if the tenant has none yet. */
  nameTenant(id: number, name: string): void {
    if (name !== "" && this.names[id] === "") this.names[id] = name;
  }

  /** How a tenant is named to people: its customer name, else its id. */
  label(id: number): string {
    return this.names[id] || this.ids[id] || `tenant ${id + 1}`;
  }

  /** Number of tenants. */
  get size(): number {
    return this.ids.length;
  }
}

/**
 * Distinct texts under a key function (e.g. subscriptions compared case-insensitively, offers by
 * normalised name), numbered densely in order of first appearance; shared by every table so that
 * the same subscription in two exports is one subscription.
 */
export class TextRegistry {
  private readonly byKey = new Map<string, number>();
  /** Texts as first written, by number. */
  readonly texts: string[] = [];

  /** @param key the comparison form of a text */
  constructor(private readonly key: (text: string) => string) {}

  /** The number of a text. */
  idOf(text: string): number {
    const k = this.key(text);
    let id = this.byKey.get(k);
    if (id === undefined) {
      id = this.texts.length;
      this.byKey.set(k, id);
      this.texts.push(text);
    }
    return id;
  }

  /** Number of distinct texts. */
  get size(): number {
    return this.texts.length;
  }
}

/**
 * Dense numbers for pairs of small non-negative integers (a row's service cells, offer and
 * association become one category number), without building string keys per row.
 */
export class PairInterner {
  private readonly ids = new Map<number, number>();
  private readonly wide = new Map<string, number>();
  /** The pairs by number. */
  readonly firsts: number[] = [];
  readonly seconds: number[] = [];

  /** The number of the pair `(a, b)`. */
  idOf(a: number, b: number): number {
    // Keys stay exact doubles below 2^53 while b < 2^21; larger ids (never seen in practice) fall back.
    if (b < 0x200000) {
      const key = a * 0x200000 + b;
      let id = this.ids.get(key);
      if (id === undefined) {
        id = this.add(a, b);
        this.ids.set(key, id);
      }
      return id;
    }
    const key = `${a},${b}`;
    let id = this.wide.get(key);
    if (id === undefined) {
      id = this.add(a, b);
      this.wide.set(key, id);
    }
    return id;
  }

  private add(a: number, b: number): number {
    this.firsts.push(a);
    this.seconds.push(b);
    return this.firsts.length - 1;
  }

  /** Number of distinct pairs. */
  get size(): number {
    return this.firsts.length;
  }
}
