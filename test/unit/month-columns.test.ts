import fc from "fast-check";
import { AzureMonthly, M365Monthly } from "../../src/scoring/aggregate";
import { SIDED_METRICS } from "../../src/scoring/metrics";
import {
  columnTotals,
  monthScore,
  scoreMonth,
  tally,
  tenantYears,
  Totals,
  yearColumns,
} from "../../src/scoring/month-score";
import { RULES_VERSIONS } from "../../src/scoring/rules";
import { RulesView } from "../../src/scoring/rules-view";

/**
 * The months scored only for their totals (history, forecast) are tallied from column facts by
 * each metric's `total`; the explanations and the plan read every tenant's `contribution`. These
 * properties hold the two equal on random building blocks around every band edge, under every
 * rules version.
 */

const FROM = 100;
const MONTHS = 30;
const MICRO = 1_000_000;
// TTM sums land on and around the edges of every Azure band ($600, $750, $12,000, …).
const USD_EDGES = [0, 1, 50, 62.5, 599.999999, 600, 749.99, 750, 1000, 12000, 12000.000001, 20000];
// Paid licences around 5 and 300; active from none to all.
const PAID = [0, 1, 4, 5, 6, 20, 299, 300, 301, 1000];

interface Blocks {
  tenants: number;
  acr: number[][];
  present: boolean[][];
  entries: { tenant: number; workload: number; month: number; paid: number; active: number }[];
}

const blocksArb: fc.Arbitrary<Blocks> = fc.integer({ min: 1, max: 8 }).chain((tenants) =>
  fc.record({
    tenants: fc.constant(tenants),
    acr: fc.array(
      fc.array(
        fc.oneof(
          fc.constant(0),
          fc.constantFrom(...USD_EDGES).map((usd) => Math.round((usd * MICRO) / 12)),
          fc.constantFrom(...USD_EDGES).map((usd) => Math.round(usd * MICRO))
        ),
        { minLength: MONTHS, maxLength: MONTHS }
      ),
      { minLength: tenants, maxLength: tenants }
    ),
    present: fc.array(fc.array(fc.boolean(), { minLength: MONTHS, maxLength: MONTHS }), {
      minLength: tenants,
      maxLength: tenants,
    }),
    entries: fc.array(
      fc.record({
        tenant: fc.integer({ min: 0, max: tenants - 1 }),
        workload: fc.integer({ min: 0, max: 3 }),
        // Half the entries at the month mostly scored and a year before it, so that stickiness
        // (a tenant's size now and a year earlier) comes up often.
        month: fc.oneof(
          fc.constantFrom(FROM + 8, FROM + 20),
          fc.integer({ min: FROM, max: FROM + MONTHS - 1 })
        ),
        paid: fc.constantFrom(...PAID),
        active: fc.oneof(fc.constantFrom(...PAID), fc.integer({ min: 0, max: 80 })),
      }),
      { maxLength: 60 }
    ),
  })
);

function viewOf(blocks: Blocks, rulesIndex: number, withAzure: boolean, withM365: boolean) {
  const { tenants } = blocks;
  const azure: AzureMonthly = {
    from: FROM,
    months: MONTHS,
    acr: new Float64Array(tenants * MONTHS),
    present: new Uint8Array(tenants * MONTHS),
    seen: new Uint8Array(tenants),
  };
  for (let t = 0; t < tenants; t++)
    for (let k = 0; k < MONTHS; k++) {
      const on = blocks.present[t]?.[k] ?? false;
      azure.present[t * MONTHS + k] = on ? 1 : 0;
      azure.acr[t * MONTHS + k] = on ? (blocks.acr[t]?.[k] ?? 0) : 0;
      if (on) azure.seen[t] = 1;
    }
  // One entry per tenant, workload and month, as the aggregate leaves them.
  const unique = new Map(blocks.entries.map((e) => [`${e.tenant}/${e.workload}/${e.month}`, e]));
  const list = [...unique.values()];
  const m365: M365Monthly = {
    count: list.length,
    tenant: Int32Array.from(list.map((e) => e.tenant)),
    workload: Int16Array.from(list.map((e) => e.workload)),
    month: Int32Array.from(list.map((e) => e.month)),
    paid: Float64Array.from(list.map((e) => e.paid)),
    active: Float64Array.from(list.map((e) => e.active)),
  };
  const rules = RULES_VERSIONS[rulesIndex] ?? RULES_VERSIONS[0];
  return {
    rules,
    window: { from: FROM, to: FROM + MONTHS - 1 },
    azure: withAzure ? azure : null,
    m365: withM365 ? m365 : null,
  } as unknown as RulesView;
}

/** The totals as plain numbers, `metric/side/track: [now, before]`. */
function plain(totals: Totals): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const metric of SIDED_METRICS)
    for (const side of ["azure", "m365"] as const)
      for (const track of ["enterprise", "smb"] as const)
        out[`${metric.key}/${side}/${track}`] = totals.get(metric)?.[side][track] ?? [NaN, NaN];
  return out;
}

describe("month totals from column facts", () => {
  it("equal the sum of every tenant's contributions, for every metric, side, track and month", () => {
    fc.assert(
      fc.property(
        blocksArb,
        fc.integer({ min: 0, max: RULES_VERSIONS.length - 1 }),
        fc.oneof(fc.constant(FROM + 20), fc.integer({ min: FROM, max: FROM + MONTHS + 3 })),
        fc.boolean(),
        fc.boolean(),
        (blocks, r, m, withAzure, withM365) => {
          const view = viewOf(blocks, r, withAzure, withM365);
          const byTenant = tally(tenantYears(view, blocks.tenants, m), view.rules);
          const byColumn = columnTotals(yearColumns(view, blocks.tenants, m), view.rules);
          expect(plain(byColumn)).toEqual(plain(byTenant));
        }
      ),
      { numRuns: 600 }
    );
  });

  it("gives the history's month score the same score as the full month with its facts", () => {
    fc.assert(
      fc.property(
        blocksArb,
        fc.integer({ min: FROM + 12, max: FROM + MONTHS - 1 }),
        (blocks, m) => {
          for (let r = 0; r < RULES_VERSIONS.length; r++) {
            const view = viewOf(blocks, r, true, true);
            expect(monthScore(view, blocks.tenants, [], m)).toEqual(
              scoreMonth(view, blocks.tenants, [], m).score
            );
          }
        }
      ),
      { numRuns: 200 }
    );
  });

  it("counts an SMB-floor deployment only for a tenant kept in SMB by stickiness ([decision] §8.4 'previous year' is M-12; [decision] §4.3 per workload)", () => {
    // 400 paid, 60 active (15%) now: Enterprise-size; 100 paid a year earlier: SMB-size.
    const blocks: Blocks = {
      tenants: 1,
      acr: [new Array<number>(MONTHS).fill(0)],
      present: [new Array<boolean>(MONTHS).fill(false)],
      entries: [
        { tenant: 0, workload: 0, month: FROM + 20, paid: 400, active: 60 },
        { tenant: 0, workload: 0, month: FROM + 8, paid: 100, active: 20 },
      ],
    };
    const smbDeployments = (r: number, now = blocks): number => {
      const view = viewOf(now, r, false, true);
      const totals = columnTotals(yearColumns(view, 1, FROM + 20), view.rules);
      return totals.get(SIDED_METRICS[1] as (typeof SIDED_METRICS)[number])?.m365.smb[0] ?? NaN;
    };
    expect(RULES_VERSIONS.map((r) => r.smbStickiness)).toEqual([false, true]);
    expect([smbDeployments(0), smbDeployments(1)]).toEqual([0, 1]);
    // The same tenant with 10 of 400 active now: kept in SMB, but no workload deploys.
    const idle = {
      ...blocks,
      entries: blocks.entries.map((e, i) => (i === 0 ? { ...e, active: 10 } : e)),
    };
    expect(smbDeployments(1, idle)).toBe(0);
  });
});
