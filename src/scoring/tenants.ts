import { cellText } from "./cells";

/**
 * Customer tenants seen in any table, compared trimmed and case-insensitively, kept in order of
 * first appearance with the id and customer name as first written.
 */
export class TenantRegistry {
  private readonly byRaw = new Map<unknown, number>();
  private readonly byKey = new Map<string, number>();
  /** Tenant id as first written (trimmed). */
  readonly ids: string[] = [];
  /** Customer name, the first non-blank one seen. */
  readonly names: string[] = [];

  /** The tenant number of a non-blank tenant cell. */
  idOf(raw: unknown): number {
    const cached = this.byRaw.get(raw);
    if (cached !== undefined) return cached;
    const text = cellText(raw);
    const key = text.toLowerCase();
    let id = this.byKey.get(key);
    if (id === undefined) {
      id = this.ids.length;
      this.byKey.set(key, id);
      this.ids.push(text);
      this.names.push("");
    }
    if (typeof raw === "string" || typeof raw === "number") this.byRaw.set(raw, id);
    return id;
  }

  /** Records a customer name if the tenant has none yet. */
  nameTenant(id: number, name: string): void {
    if (name !== "" && this.names[id] === "") this.names[id] = name;
  }

  /** Number of tenants. */
  get size(): number {
    return this.ids.length;
  }
}
