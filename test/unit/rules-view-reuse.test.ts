import fc from "fast-check";
import { parseInputs } from "../../src/scoring/parse-inputs";
import { RULES_VERSIONS } from "../../src/scoring/rules";
import { rulesView, RulesView } from "../../src/scoring/rules-view";
import { azureRow, azureTable, m365Row, m365Table } from "../helpers/tables";

/**
 * A rules view takes another version's monthly building blocks when both read every row alike,
 * instead of aggregating the rows again. Whatever the rows, the view must be the one it would
 * have built alone; these services and workloads include ones only one version lists.
 */

const SERVICES = [
  "Azure Sentinel", // both versions, under different canonical names
  "Key Vault",
  "Azure Defender", // two services in 2025, one (Defender for Cloud) in 2026
  "Security Center",
  "Network Watcher", // 2025 only
  "Microsoft Purview", // 2026 only
  "Microsoft Security Copilot", // 2026 only
  "Virtual Machines", // neither
];
const MONTHS = ["2024-06", "2024-12", "2025-03", "2025-06", "2026-01"];
const WORKLOADS = ["Intune", "Microsoft Defender for Endpoint", "Exchange Online"];

const azureArb = fc.array(
  fc.record({
    month: fc.constantFrom(...MONTHS),
    tenant: fc.constantFrom("a", "b", "c", "d"),
    acr: fc.integer({ min: 0, max: 20000 }),
    service: fc.constantFrom(...SERVICES),
    association: fc.constantFrom("PAL", "CSP Tier 1", "Reseller"),
    subscription: fc.constantFrom("s1", "s2"),
  }),
  { maxLength: 30 }
);
const m365Arb = fc.array(
  fc.tuple(
    fc.constantFrom(...MONTHS),
    fc.constantFrom("a", "m", "n"),
    fc.constantFrom(...WORKLOADS),
    fc.integer({ min: 0, max: 500 }),
    fc.integer({ min: 0, max: 500 })
  ),
  { maxLength: 20 }
);

/** What a view holds that the scores read, as plain data. */
function blocks(v: RulesView): unknown {
  return {
    azure: v.azure && { ...v.azure, acr: [...v.azure.acr], present: [...v.azure.present] },
    m365: v.m365 && {
      count: v.m365.count,
      tenant: [...v.m365.tenant],
      workload: [...v.m365.workload],
      month: [...v.m365.month],
      paid: [...v.m365.paid],
      active: [...v.m365.active],
    },
    azureCounts: v.azureCounts,
    m365Counts: v.m365Counts,
    excludedByTenant: [...v.excludedByTenant],
    issues: [...v.issues],
    rules: v.rules.id,
  };
}

const window = { from: 2023 * 12, to: 2026 * 12 + 11 };

/** The 2025 view, and the 2026 view built beside it. */
function views2025And2026(parsed: ReturnType<typeof parseInputs>) {
  const [v2025, v2026] = RULES_VERSIONS;
  if (!v2025 || !v2026) throw new Error("rules 2025 and 2026 expected");
  const other = rulesView(parsed, v2025, window);
  return { other, beside: rulesView(parsed, v2026, window, [other]), v2025 };
}

describe("a rules view built beside another version's", () => {
  it("equals the view built alone, whether it takes the other's building blocks or not", () => {
    let taken = 0;
    let built = 0;
    fc.assert(
      fc.property(azureArb, m365Arb, fc.boolean(), (az, m, reversed) => {
        const parsed = parseInputs({
          azure: { cells: azureTable(az.map((r) => azureRow(r))), name: "Azure" },
          m365: {
            cells: m365Table(
              m.map(([month, t, w, paid, active]) => m365Row(month, t, w, paid, active))
            ),
            name: "M365",
          },
        });
        const [first, second] = reversed ? [...RULES_VERSIONS].reverse() : RULES_VERSIONS;
        if (!first || !second) throw new Error("two rules versions expected");
        const other = rulesView(parsed, first, window);
        const beside = rulesView(parsed, second, window, [other]);
        if (beside.azure === other.azure && other.azure !== null) taken++;
        else built++;
        expect(blocks(beside)).toEqual(blocks(rulesView(parsed, second, window)));
      }),
      { numRuns: 300 }
    );
    // Both paths came up: rows every version reads alike, and rows they read differently.
    expect(taken).toBeGreaterThan(20);
    expect(built).toBeGreaterThan(20);
  });

  it("aggregates again when one version groups two services the other keeps apart ([decision] §3 one consumption under several association types: the largest sum; [decision] Defender for Cloud keeps its former names)", () => {
    // Azure Defender and Security Center: two services in 2025, one (Defender for Cloud) in 2026.
    // One customer reported under two association types, each carrying one of them: apart, each
    // group counts its own largest source ($200); grouped, the largest source counts ($100).
    const row = (service: string, association: string) =>
      azureRow({
        month: "2025-06",
        tenant: "a",
        acr: 100,
        service,
        association,
        subscription: "s1",
      });
    const parsed = parseInputs({
      azure: {
        cells: azureTable([row("Azure Defender", "PAL"), row("Security Center", "CSP Tier 1")]),
        name: "Azure",
      },
    });
    const { other, beside, v2025 } = views2025And2026(parsed);
    const june = (v: RulesView) => v.azure?.acr[2025 * 12 + 5 - window.from];
    expect([june(other), june(beside)]).toEqual([200_000_000, 100_000_000]);
    // And the other way round: 2025 beside 2026 keeps them apart again.
    expect(june(rulesView(parsed, v2025, window, [beside]))).toBe(200_000_000);
  });

  it("aggregates again when one version counts a product the other does not", () => {
    const parsed = parseInputs({
      azure: {
        cells: azureTable([
          azureRow({ month: "2025-06", tenant: "a", acr: 900, service: "Network Watcher" }),
          azureRow({ month: "2025-06", tenant: "a", acr: 100, service: "Key Vault" }),
        ]),
        name: "Azure",
      },
    });
    const { other, beside } = views2025And2026(parsed);
    expect(beside.azure).not.toBe(other.azure);
    expect(beside.azureCounts[0]?.counted).toBe(1);
    expect(other.azureCounts[0]?.counted).toBe(2);
  });
});
