import fc from "fast-check";
import { TRACKS } from "../../src/scoring";
import { azureRow, azureTable, certTable, m365Row, m365Table, score } from "../helpers/tables";

const MONTHS = [
  "2023-07",
  "2024-01",
  "2024-06",
  "2024-07",
  "2024-12",
  "2025-01",
  "2025-05",
  "2025-06",
];
const SERVICES = ["Azure Sentinel", "Key Vault", "Virtual Machines", "Azure Firewall", "Storage"];
const ASSOC = ["PAL", "CSP Tier 1", "CSP Tier 2", "Reseller"];
const WORKLOADS = ["Intune", "Azure ATP", "MDO", "Microsoft 365 E5", "Exchange Online"];
const CERTS = ["AZ-500", "SC-200", "SC-100", "SC-300", "SC-400", "SC-401", "AZ-900"];

const azureArb = fc.array(
  fc.record({
    month: fc.constantFrom(...MONTHS),
    tenant: fc.constantFrom("a", "b", "c", "d", "e", "f"),
    acr: fc.oneof(
      fc.integer({ min: -2000, max: 20000 }),
      fc.double({ min: -100, max: 30000, noNaN: true })
    ),
    service: fc.constantFrom(...SERVICES),
    association: fc.constantFrom(...ASSOC),
  }),
  { maxLength: 40 }
);
const m365Arb = fc.array(
  fc.tuple(
    fc.constantFrom(...MONTHS),
    fc.constantFrom("m", "n", "o", "p"),
    fc.constantFrom(...WORKLOADS),
    fc.integer({ min: 0, max: 900 }),
    fc.integer({ min: 0, max: 900 })
  ),
  { maxLength: 30 }
);
const certArb = fc.array(
  fc.tuple(
    fc.constantFrom("p1", "p2", "p3", "p4", "p5"),
    fc.constantFrom(...CERTS),
    fc.constantFrom("", "2024-01-15", "2025-04-01", "2025-09-01")
  ),
  { maxLength: 15 }
);

const build = (
  az: { month: string; tenant: string; acr: number; service: string; association: string }[],
  m: [string, string, string, number, number][],
  c: [string, string, string][]
) => ({
  azure: azureTable(az.map((r) => azureRow(r as Parameters<typeof azureRow>[0]))),
  m365: m365Table(m.map(([month, t, w, paid, active]) => m365Row(month, t, w, paid, active))),
  certs: certTable(c.map(([p, cert, earned]) => [p, cert, earned, ""])),
});

describe("invariants", () => {
  it("keeps every metric within [0, max] and the total within [0, 100], equal to the sum of the metrics", () => {
    fc.assert(
      fc.property(azureArb, m365Arb, certArb, (az, m, c) => {
        const r = score(build(az, m, c), "2025-06");
        for (const t of TRACKS) {
          const tr = r.tracks[t];
          const metrics = [tr.netCustomerAdds, tr.skilling, tr.deployments, tr.usageGrowth];
          for (const metric of metrics) {
            expect(metric.points).toBeGreaterThanOrEqual(0);
            expect(metric.points).toBeLessThanOrEqual(metric.max);
            expect(Number.isInteger(metric.thirds)).toBe(true);
          }
          expect(tr.totalThirds).toBe(metrics.reduce((a, x) => a + x.thirds, 0));
          expect(tr.total).toBeLessThanOrEqual(100);
          expect(tr.qualified).toBe(tr.totalThirds >= 210 && metrics.every((x) => x.thirds >= 3));
        }
        const other = r.bestTrack === "enterprise" ? r.tracks.smb : r.tracks.enterprise;
        if (other.qualified === r.qualified)
          expect(r.tracks[r.bestTrack].totalThirds).toBeGreaterThanOrEqual(other.totalThirds);
        else expect(r.qualified).toBe(true);
      }),
      { numRuns: 150 }
    );
  });

  it("never lowers a score when an eligible customer is added", () => {
    fc.assert(
      fc.property(
        azureArb,
        m365Arb,
        fc.integer({ min: 600, max: 40000 }),
        fc.boolean(),
        (az, m, acr, viaM365) => {
          const before = score(build(az, m, []), "2025-06");
          const added = viaM365
            ? build(
                az,
                [
                  ...m,
                  ["2025-06", "new-tenant", "Intune", Math.floor(acr / 100), Math.floor(acr / 200)],
                ],
                []
              )
            : build(
                [
                  ...az,
                  {
                    month: "2025-06",
                    tenant: "new-tenant",
                    acr,
                    service: "Key Vault",
                    association: "PAL",
                  },
                ],
                m,
                []
              );
          const after = score(added, "2025-06");
          for (const t of TRACKS) {
            for (const k of ["netCustomerAdds", "deployments", "usageGrowth"] as const) {
              expect(after.tracks[t][k].thirds).toBeGreaterThanOrEqual(before.tracks[t][k].thirds);
            }
            expect(after.tracks[t].totalThirds).toBeGreaterThanOrEqual(
              before.tracks[t].totalThirds
            );
          }
        }
      ),
      { numRuns: 150 }
    );
  });

  it("never lowers a score when a certified person is added", () => {
    fc.assert(
      fc.property(
        certArb,
        fc.constantFrom("AZ-500", "SC-200", "SC-100", "SC-300", "SC-401"),
        (c, cert) => {
          const before = score(build([], [], c), "2025-06");
          const after = score(build([], [], [...c, ["new-person", cert, ""]]), "2025-06");
          for (const t of TRACKS)
            expect(after.tracks[t].skilling.thirds).toBeGreaterThanOrEqual(
              before.tracks[t].skilling.thirds
            );
        }
      ),
      { numRuns: 200 }
    );
  });

  it("never throws while parsing random cells in any table", () => {
    const cell = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.date(),
      fc.constant(""),
      fc.constant(0)
    );
    const rows = fc.array(fc.array(cell, { maxLength: 10 }), { maxLength: 20 });
    fc.assert(
      fc.property(rows, rows, rows, (a, m, c) => {
        const azure = [
          [
            "Month",
            "Tenant",
            "Service",
            "ACR",
            "Offer",
            "Association",
            "Subscription",
            "IsDuplicate",
          ],
          ...a,
        ];
        const m365 = [
          ["Month", "Tenant", "Workload", "Paid", "Active", "Association", "IsDuplicate"],
          ...m,
        ];
        const certs = [["Person", "Certification", "Earned", "Expires"], ...c];
        expect(() => score({ azure, m365, certs })).not.toThrow();
      }),
      { numRuns: 200 }
    );
  });
});

describe("the fast TTM grouping", () => {
  // A plain reference: group by string key, sum per association type, keep the largest.
  const reference = (
    rows: {
      month: string;
      tenant: string;
      acr: number;
      service: string;
      association: string;
      subscription: string;
      offer: string;
    }[],
    asOf: string
  ): Map<string, number> => {
    const eligible = new Set(["Azure Sentinel", "Key Vault", "Azure Firewall"]);
    const type = (a: string): string | null =>
      ({ PAL: "PAL", "CSP Tier 1": "CSP1", "CSP Tier 2": "CSP2" })[a] ?? null;
    const [y, m] = asOf.split("-").map(Number) as [number, number];
    const mi = (s: string): number => {
      const [yy, mm] = s.split("-").map(Number) as [number, number];
      return yy * 12 + mm - 1;
    };
    const M = y * 12 + m - 1;
    const groups = new Map<string, Map<string, number>>();
    for (const r of rows) {
      const ty = type(r.association);
      if (!eligible.has(r.service) || ty === null || r.offer === "Free Trial") continue;
      if (mi(r.month) < M - 11 || mi(r.month) > M) continue;
      const key = [r.tenant, r.subscription, r.month, r.service, r.offer].join("|");
      const g = groups.get(key) ?? new Map<string, number>();
      g.set(ty, (g.get(ty) ?? 0) + Math.round(r.acr * 1e6));
      groups.set(key, g);
    }
    const ttm = new Map<string, number>();
    for (const [key, g] of groups) {
      const tenant = key.split("|")[0] ?? "";
      ttm.set(tenant, (ttm.get(tenant) ?? 0) + Math.max(...g.values()));
    }
    return ttm;
  };
  it("gives the same TTM ACR per tenant as a plain string-keyed grouping", () => {
    const row = fc.record({
      month: fc.constantFrom("2024-07", "2024-12", "2025-03", "2025-06", "2024-06"),
      tenant: fc.constantFrom("a", "b", "c", "d"),
      acr: fc.integer({ min: -500, max: 5000 }),
      service: fc.constantFrom("Azure Sentinel", "Key Vault", "Azure Firewall", "Storage"),
      association: fc.constantFrom("PAL", "CSP Tier 1", "CSP Tier 2", "Reseller"),
      subscription: fc.constantFrom("s1", "s2", "S1 "),
      offer: fc.constantFrom("Azure Plan", "Pay-As-You-Go", "Free Trial"),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), (rows) => {
        const r = score({ azure: azureTable(rows.map((x) => azureRow(x))) }, "2025-06");
        const expected = reference(
          rows.map((x) => ({ ...x, subscription: x.subscription.trim().toLowerCase() })),
          "2025-06"
        );
        for (const c of r.customers) {
          expect(Math.round((c.azure?.ttmAcr ?? 0) * 1e6)).toBe(expected.get(c.tenant) ?? 0);
        }
      }),
      { numRuns: 300 }
    );
  });
});
