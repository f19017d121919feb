import fc from "fast-check";
import { aggregateM365 } from "../../src/scoring/aggregate";
import { classifyM365 } from "../../src/scoring/classify";
import { parseInputs } from "../../src/scoring";
import { M365Table } from "../../src/scoring/parse-m365";
import { RULES_2025 } from "../../src/scoring/rules/2025";
import { m365Row, m365Table } from "../helpers/tables";

/**
 * The Microsoft 365 building blocks (scoring-rules §3 and §1.2): paid and active licences per
 * tenant, workload and month, summed per source (table and association type) and the largest
 * source kept. Checked against a plain string-keyed grouping of the same parsed rows.
 */

const MONTHS = ["2024-05", "2024-06", "2025-01", "2025-06", "2025-07"];
const WORKLOADS = [
  "Intune",
  "Azure ATP",
  "MDO",
  "Microsoft 365 E5",
  "Exchange Online",
  "Entra ID P1",
];
const ASSOCIATIONS = ["CPOR", "CSP Tier 1", "PAL", "Reseller"];

const row = fc.tuple(
  fc.constantFrom(...MONTHS),
  fc.constantFrom("m", "n", "o", "p", "q"),
  fc.constantFrom(...WORKLOADS),
  fc.integer({ min: -5, max: 900 }),
  fc.integer({ min: -5, max: 900 }),
  fc.constantFrom(...ASSOCIATIONS)
);

/** Parses the tables (every one as Microsoft 365) with the shared registries. */
function parsed(tables: (typeof row extends fc.Arbitrary<infer R> ? R : never)[][]): M365Table[] {
  return parseInputs({
    m365: tables.map((rows, k) => ({
      cells: m365Table(
        rows.map(([month, t, w, paid, active, a]) => m365Row(month, t, w, paid, active, a))
      ),
      name: `M365-${k}`,
    })),
  }).m365;
}

interface Expected {
  entries: Map<string, { paid: number; active: number }>;
  /** Per tenant, its group keys in the order of their first row. */
  order: Map<number, string[]>;
  excluded: Map<number, number>;
}

/** The plain reference: string keys, a Map of sums per source, the largest kept. */
function reference(tables: M365Table[], span: { from: number; to: number }): Expected {
  const types = RULES_2025.m365Associations.length;
  const sums = new Map<string, Map<number, { paid: number; active: number }>>();
  const order = new Map<number, string[]>();
  const excluded = new Map<number, number>();
  tables.forEach((table, k) => {
    const cls = classifyM365(table, RULES_2025);
    const r = table.rows;
    for (let i = 0; i < r.count; i++) {
      const cat = r.category[i] as number;
      const t = r.tenant[i] as number;
      if (cls.reason[cat] !== 0) {
        excluded.set(t, (excluded.get(t) ?? 0) + 1);
        continue;
      }
      const m = r.month[i] as number;
      if (m < span.from || m > span.to) continue;
      const key = `${t}|${cls.workload[cat]}|${m}`;
      if (!sums.has(key)) {
        sums.set(key, new Map());
        order.set(t, [...(order.get(t) ?? []), key]);
      }
      const bySource = sums.get(key) as Map<number, { paid: number; active: number }>;
      const source = k * types + (cls.type[cat] as number);
      const s = bySource.get(source) ?? { paid: 0, active: 0 };
      bySource.set(source, {
        paid: s.paid + (r.paid[i] as number),
        active: s.active + (r.active[i] as number),
      });
    }
  });
  const entries = new Map<string, { paid: number; active: number }>();
  for (const [key, bySource] of sums) {
    const values = [...bySource.values()];
    entries.set(key, {
      paid: Math.max(0, ...values.map((v) => v.paid)),
      active: Math.max(0, ...values.map((v) => v.active)),
    });
  }
  return { entries, order, excluded };
}

describe("the Microsoft 365 building blocks", () => {
  it("give each tenant, workload and month the largest paid and the largest active across association types ([decision] §3) and tables, never their sum ([decision] §1.2), as a plain grouping does", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(row, { maxLength: 40 }), { minLength: 1, maxLength: 3 }),
        fc.constantFrom(0, 5, 13),
        (rows, back) => {
          const tables = parsed(rows);
          const to = 2025 * 12 + 5;
          const span = { from: to - back, to };
          const tenants = 5;
          const excluded = new Int32Array(tenants);
          const classes = tables.map((t) => classifyM365(t, RULES_2025));
          const { monthly } = aggregateM365(
            tables,
            classes,
            RULES_2025.m365Associations.length,
            span,
            excluded
          );
          const expected = reference(tables, span);

          const got = new Map<string, { paid: number; active: number }>();
          const order = new Map<number, string[]>();
          for (let e = 0; e < monthly.count; e++) {
            const t = monthly.tenant[e] as number;
            const key = `${t}|${monthly.workload[e]}|${monthly.month[e]}`;
            got.set(key, { paid: monthly.paid[e] as number, active: monthly.active[e] as number });
            order.set(t, [...(order.get(t) ?? []), key]);
          }
          expect(got).toEqual(expected.entries);
          expect(order).toEqual(expected.order);
          expect(monthly.tenant.length).toBe(monthly.count);
          for (let t = 0; t < tenants; t++) expect(excluded[t]).toBe(expected.excluded.get(t) ?? 0);
        }
      ),
      { numRuns: 300 }
    );
  });

  it("gives no entries when no row is eligible in the span", () => {
    const tables = parsed([[["2024-05", "m", "Intune", 300, 200, "CPOR"]]]);
    const { monthly } = aggregateM365(
      tables,
      tables.map((t) => classifyM365(t, RULES_2025)),
      RULES_2025.m365Associations.length,
      { from: 2025 * 12, to: 2025 * 12 + 5 },
      new Int32Array(1)
    );
    expect(monthly.count).toBe(0);
  });
});
