import { IssueLog } from "./issues";

/**
 * Product names that match no alias but look like a renamed eligible product ("possibly a renamed
 * eligible product; not counted"), gathered per name so a million rows give one warning each.
 */
export class SuspiciousNames {
  private readonly byName = new Map<string, { firstRow: number; rows: number; amount: number }>();

  /** Records one row carrying `amount` (USD or licences). */
  add(name: string, row: number, amount: number): void {
    const entry = this.byName.get(name);
    if (entry) {
      entry.rows++;
      entry.amount += amount;
    } else {
      this.byName.set(name, { firstRow: row, rows: 1, amount });
    }
  }

  /** Writes one warning per name into the log. */
  report(log: IssueLog, column: string, describeAmount: (amount: number) => string): void {
    for (const [name, entry] of this.byName) {
      log.add(
        "warning",
        entry.firstRow,
        `${column} "${name}" is not on the eligible list but looks like a Security product (possibly a renamed eligible product; not counted): ${entry.rows} row${entry.rows === 1 ? "" : "s"} carrying ${describeAmount(entry.amount)}. If it is an eligible product under a new name, rename it in the data to the name on Microsoft's list.`
      );
    }
  }
}
