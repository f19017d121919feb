import { bestTrack, scoreTables } from "../../src/scoring";
import { azureCells, m365Cells } from "../../bench/data";
import { TrackResult } from "../../src/scoring/score";
import { azureRow, azureTable, certTable, m365Row, m365Table, score } from "../helpers/tables";

describe("as-of month", () => {
  it("defaults to the latest month among rows that are not row errors, not-eligible and duplicate rows included", () => {
    const t = azureTable([
      azureRow({ month: "2025-04", tenant: "a", acr: 1 }),
      azureRow({ month: "2025-07", tenant: "a", acr: 1, service: "Virtual Machines" }),
      azureRow({ month: "2025-13", tenant: "a", acr: 1 }),
    ]);
    expect(score({ azure: t }).asOf).toBe("2025-07");
  });
  it("looks at both usage tables", () => {
    const r = score({
      azure: azureTable([azureRow({ month: "2025-04", tenant: "a", acr: 1 })]),
      m365: m365Table([m365Row("2025-05", "b", "Intune", 5, 1)]),
    });
    expect(r.asOf).toBe("2025-05");
    expect(r.evaluationDay).toBe("2025-05-31");
  });
  it("uses the month before today when there is no usage data", () => {
    const r = score({ certs: certTable([["a", "AZ-500", "", ""]]) });
    expect(r.asOf).toBe("2026-10");
    expect(r.issues[0]?.message).toMatch(/the month before today/);
  });
  it("warns when an explicit as-of month is after the data", () => {
    const r = score(
      { azure: azureTable([azureRow({ month: "2025-04", tenant: "a", acr: 1 })]) },
      "2025-06"
    );
    expect(r.issues[0]).toMatchObject({ severity: "warning", table: "as-of" });
    expect(r.issues[0]?.message).toMatch(
      /^The as-of month 2025-06 is after the latest month in the data \(2025-04\)/
    );
  });
  it("warns naming the first missing month when data does not reach back far enough", () => {
    const r = score(
      {
        azure: azureTable([azureRow({ month: "2025-06", tenant: "a", acr: 1 })]),
        m365: m365Table([m365Row("2024-07", "b", "Intune", 5, 1)]),
      },
      "2025-06"
    );
    const msgs = r.issues.filter((i) => i.message.includes("first missing")).map((i) => i.message);
    expect(msgs[0]).toContain("first missing: 2023-07");
    expect(msgs[1]).toContain("first missing: 2024-06");
  });
  it("does not warn when the data reaches back 24 Azure months and 13 Microsoft 365 months", () => {
    const r = score(
      {
        azure: azureTable([azureRow({ month: "2023-07", tenant: "a", acr: 1 })]),
        m365: m365Table([m365Row("2024-06", "b", "Intune", 5, 1)]),
      },
      "2025-06"
    );
    expect(r.issues.some((i) => i.message.includes("first missing"))).toBe(false);
  });
});

describe("qualification", () => {
  const full = (): ReturnType<typeof score> => {
    const azure = azureTable(
      Array.from({ length: 6 }, (_, i) =>
        azureRow({ month: "2025-06", tenant: `t${i}`, acr: 5000 })
      )
    );
    const certs = certTable([
      ["a", "AZ-500", "", ""],
      ["b", "SC-200", "", ""],
      ["c", "SC-100", "", ""],
      ["d", "SC-100", "", ""],
    ]);
    return score({ azure, certs }, "2025-06");
  };
  it("qualifies at exactly 70 points made of thirds (20 + 13.3 + 16.7 + 20)", () => {
    const big = Array.from({ length: 5 }, (_, i) =>
      azureRow({ month: "2025-06", tenant: `big${i}`, acr: 13000 })
    );
    const small = Array.from({ length: 5 }, (_, i) =>
      azureRow({ month: "2025-06", tenant: `small${i}`, acr: 600 })
    );
    const certs = certTable([
      ["a", "AZ-500", "", ""],
      ["b", "AZ-500", "", ""],
      ["a", "SC-200", "", ""],
      ["b", "SC-200", "", ""],
      ["a", "SC-100", "", ""],
      ["b", "SC-300", "", ""],
    ]);
    const e = score({ azure: azureTable([...big, ...small]), certs }, "2025-06").tracks.enterprise;
    expect([
      e.netCustomerAdds.thirds,
      e.skilling.thirds,
      e.deployments.thirds,
      e.usageGrowth.thirds,
    ]).toEqual([60, 40, 50, 60]);
    expect(e.totalThirds).toBe(210);
    expect(e.qualified).toBe(true);
  });
  it("qualifies with a total above 70 and every metric at 1 or more", () => {
    const r = full();
    // SMB: net adds 20, skilling 24, deployments 20, usage growth 20 (30,000 / 750 capped).
    expect(r.tracks.smb.total).toBe(84);
    expect(r.tracks.smb.qualified).toBe(true);
    expect(r.bestTrack).toBe("smb");
    expect(r.qualified).toBe(true);
  });
  it("does not qualify with a 0 metric however high the total", () => {
    const r = full();
    // Enterprise: no Enterprise deployment (5,000 is below 12,000) and skilling gates fail.
    expect(r.tracks.enterprise.qualified).toBe(false);
  });
});

describe("best path", () => {
  const t = (totalThirds: number, qualified: boolean): TrackResult =>
    ({ totalThirds, qualified, total: totalThirds / 3 }) as TrackResult;
  it("prefers a qualifying track over a higher non-qualifying total", () => {
    expect(bestTrack({ enterprise: t(270, false), smb: t(210, true) })).toBe("smb");
  });
  it("then prefers the higher total", () => {
    expect(bestTrack({ enterprise: t(100, false), smb: t(101, false) })).toBe("smb");
  });
  it("then prefers Enterprise on a tie", () => {
    expect(bestTrack({ enterprise: t(210, true), smb: t(210, true) })).toBe("enterprise");
  });
});

describe("scoring without the per-customer explanations (what the custom functions ask for)", () => {
  it("gives the same points and no customer explanations when explain is false", () => {
    const inputs = {
      azure: { cells: azureCells(2000, 80, 61), name: "Azure" },
      m365: { cells: m365Cells(600, 80, 62), name: "M365" },
    };
    const full = scoreTables(inputs, { comparison: false, outlook: false });
    const lean = scoreTables(inputs, { comparison: false, outlook: false, explain: false });
    expect(full.customers.length).toBeGreaterThan(50);
    expect(lean.customers).toEqual([]);
    expect(lean.tracks).toEqual(full.tracks);
    expect(lean.issues).toEqual(full.issues);
  });
});
