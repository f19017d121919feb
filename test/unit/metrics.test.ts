import {
  addMonths,
  azureRow,
  azureTable,
  m365Row,
  m365Table,
  score,
  ttmRows,
} from "../helpers/tables";

const M = "2025-06";
const Y = addMonths(M, -12);

describe("net customer adds, Azure", () => {
  it.each([
    [600, 1],
    [599.99, 0],
  ])("counts a tenant with TTM ACR of $%p as %p customer ($600 edge)", (ttm, n) => {
    const r = score({ azure: azureTable([azureRow({ month: M, tenant: "t1", acr: ttm })]) }, M);
    expect(r.tracks.enterprise.netCustomerAdds.azure.current).toBe(n);
  });
  it("sums the twelve months of the window and nothing older", () => {
    const rows = [
      ...ttmRows("t1", M, 50),
      azureRow({ month: addMonths(M, -12), tenant: "t1", acr: 1000 }),
    ];
    const r = score({ azure: azureTable(rows) }, M);
    expect(r.customers[0]?.azure).toEqual({ ttmAcr: 600, ttmAcrYearAgo: 1000 });
  });
  it("gives 2 points per net new customer on Enterprise and 4 on SMB", () => {
    const rows = ["a", "b", "c"].map((t) => azureRow({ month: M, tenant: t, acr: 700 }));
    const r = score({ azure: azureTable(rows) }, M);
    expect(r.tracks.enterprise.netCustomerAdds.points).toBe(6);
    expect(r.tracks.smb.netCustomerAdds.points).toBe(12);
  });
  it("subtracts customers lost since a year ago, and floors the side at 0", () => {
    const rows = [
      azureRow({ month: M, tenant: "a", acr: 700 }),
      azureRow({ month: Y, tenant: "b", acr: 700 }),
      azureRow({ month: Y, tenant: "c", acr: 700 }),
    ];
    const r = score({ azure: azureTable(rows) }, M);
    expect(r.tracks.enterprise.netCustomerAdds.azure).toMatchObject({
      current: 1,
      previous: 2,
      points: 0,
    });
  });
  it("caps at 20 points (ten Enterprise customers, five SMB customers)", () => {
    const rows = Array.from({ length: 11 }, (_, i) =>
      azureRow({ month: M, tenant: `t${i}`, acr: 600 })
    );
    const r = score({ azure: azureTable(rows) }, M);
    expect(r.tracks.enterprise.netCustomerAdds.points).toBe(20);
    expect(r.tracks.smb.netCustomerAdds.points).toBe(20);
  });
});

describe("Microsoft 365 size bands", () => {
  it.each([
    [4, false, false],
    [5, false, true],
    [300, false, true],
    [301, true, false],
  ])("a workload with %p paid licences is Enterprise %p, SMB %p", (paid, ent, smb) => {
    const r = score({ m365: m365Table([m365Row(M, "t1", "Intune", paid, 0)]) }, M);
    expect(r.tracks.enterprise.netCustomerAdds.m365.current).toBe(ent ? 1 : 0);
    expect(r.tracks.smb.netCustomerAdds.m365.current).toBe(smb ? 1 : 0);
  });
  it("counts a tenant in both tracks when it has one workload of each size", () => {
    const r = score(
      {
        m365: m365Table([m365Row(M, "t1", "Intune", 400, 0), m365Row(M, "t1", "Azure ATP", 50, 0)]),
      },
      M
    );
    expect(r.tracks.enterprise.netCustomerAdds.m365.current).toBe(1);
    expect(r.tracks.smb.netCustomerAdds.m365.current).toBe(1);
  });
  it("uses the snapshot of the as-of month and the same month a year earlier", () => {
    const rows = [
      m365Row(addMonths(M, -1), "t1", "Intune", 50, 0),
      m365Row(Y, "t2", "Intune", 50, 0),
      m365Row(addMonths(Y, 1), "t3", "Intune", 50, 0),
    ];
    const r = score({ m365: m365Table(rows) }, M);
    expect(r.tracks.smb.netCustomerAdds.m365).toMatchObject({ current: 0, previous: 1 });
  });
});

describe("deployments", () => {
  it.each([
    [12000, 0, 1],
    [12000.01, 1, 0],
    [750, 0, 1],
    [749.99, 0, 0],
  ])(
    "Azure TTM ACR $%p is an Enterprise deployment %p times and an SMB deployment %p times",
    (ttm, ent, smb) => {
      const r = score({ azure: azureTable([azureRow({ month: M, tenant: "t1", acr: ttm })]) }, M);
      expect(r.tracks.enterprise.deployments.azure.current).toBe(ent);
      expect(r.tracks.smb.deployments.azure.current).toBe(smb);
    }
  );
  it.each([
    [15, true],
    [14, false],
  ])(
    "a 100-licence workload with %p active licences is a deployment: %p (15%% edge)",
    (active, yes) => {
      const r = score({ m365: m365Table([m365Row(M, "t1", "Intune", 100, active)]) }, M);
      expect(r.tracks.smb.deployments.m365.current).toBe(yes ? 1 : 0);
    }
  );
  it("judges the 15% per workload, not across the tenant", () => {
    const rows = [
      m365Row(M, "t1", "Intune", 100, 10),
      m365Row(M, "t1", "Azure ATP", 100, 10),
      m365Row(M, "t1", "MDO", 4, 4),
    ];
    expect(score({ m365: m365Table(rows) }, M).tracks.smb.deployments.m365.current).toBe(0);
  });
  it("caps active licences at paid licences", () => {
    const r = score({ m365: m365Table([m365Row(M, "t1", "Intune", 20, 500)]) }, M);
    expect(r.tracks.smb.usageGrowth.m365.current).toBe(20);
  });
  it("gives 20/6 points per net deployment: six deployments make exactly 20", () => {
    const rows = Array.from({ length: 6 }, (_, i) =>
      azureRow({ month: M, tenant: `t${i}`, acr: 13000 })
    );
    const r = score({ azure: azureTable(rows) }, M);
    expect(r.tracks.enterprise.deployments.points).toBe(20);
    const one = score({ azure: azureTable(rows.slice(0, 1)) }, M);
    expect(one.tracks.enterprise.deployments.thirds).toBe(10);
    expect(one.tracks.enterprise.deployments.points).toBeCloseTo(3.3333333, 6);
  });
});

describe("usage growth", () => {
  it("gives whole points per USD 1,250 (Enterprise) of TTM Security ACR growth", () => {
    const rows = [...ttmRows("t1", M, 1100), ...ttmRows("t1", Y, 1000)];
    const r = score({ azure: azureTable(rows) }, M);
    // 13,200 now against 12,000 a year ago: 12,000 is not Enterprise (> 12,000), so growth is 13,200.
    expect(r.tracks.enterprise.usageGrowth.azure).toMatchObject({
      current: 13200,
      previous: 0,
      points: 10,
    });
  });
  it("puts SMB Security ACR in the band above 0 and up to $12,000", () => {
    const rows = [
      azureRow({ month: M, tenant: "a", acr: 12000 }),
      azureRow({ month: M, tenant: "b", acr: 1499.99 }),
      azureRow({ month: M, tenant: "c", acr: -5 }),
    ];
    const r = score({ azure: azureTable(rows) }, M);
    expect(r.tracks.smb.usageGrowth.azure.current).toBe(13499.99);
    expect(r.tracks.smb.usageGrowth.azure.points).toBe(17);
  });
  it("floors growth per side and never goes below 0", () => {
    const rows = [azureRow({ month: M, tenant: "a", acr: 749.99 })];
    expect(score({ azure: azureTable(rows) }, M).tracks.smb.usageGrowth.azure.points).toBe(0);
    const shrink = [azureRow({ month: Y, tenant: "a", acr: 5000 })];
    expect(score({ azure: azureTable(shrink) }, M).tracks.smb.usageGrowth.azure.points).toBe(0);
  });
  it("counts protected users over all eligible workloads of tenants in the band, including smaller workloads", () => {
    const rows = [
      m365Row(M, "t1", "Intune", 400, 200),
      m365Row(M, "t1", "Azure ATP", 50, 50),
      m365Row(M, "t2", "Intune", 100, 100),
    ];
    const r = score({ m365: m365Table(rows) }, M);
    expect(r.tracks.enterprise.usageGrowth.m365).toMatchObject({ current: 250, points: 2 });
    // t1 is in both bands (one workload of each size), so SMB counts all of t1 too.
    expect(r.tracks.smb.usageGrowth.m365).toMatchObject({ current: 350, points: 7 });
  });
});

describe("deduplication across association types", () => {
  it("keeps the largest per-type sum of one tenant, subscription, month, service and offer", () => {
    const rows = [
      azureRow({ month: M, tenant: "t1", acr: 400, association: "PAL" }),
      azureRow({ month: M, tenant: "t1", acr: 100, association: "PAL" }),
      azureRow({ month: M, tenant: "t1", acr: 450, association: "CSP Tier 1" }),
    ];
    expect(score({ azure: azureTable(rows) }, M).customers[0]?.azure?.ttmAcr).toBe(500);
  });
  it("adds up different subscriptions, services and offers", () => {
    const rows = [
      azureRow({ month: M, tenant: "t1", acr: 400, association: "PAL" }),
      azureRow({
        month: M,
        tenant: "t1",
        acr: 300,
        association: "CSP Tier 1",
        subscription: "sub-2",
      }),
      azureRow({
        month: M,
        tenant: "t1",
        acr: 200,
        association: "CSP Tier 2",
        service: "Key Vault",
      }),
      azureRow({
        month: M,
        tenant: "t1",
        acr: 100,
        association: "CSP Tier 2",
        offer: "Pay-As-You-Go",
      }),
    ];
    expect(score({ azure: azureTable(rows) }, M).customers[0]?.azure?.ttmAcr).toBe(1000);
  });
  it("keeps the largest paid and the largest active licences across association types", () => {
    const rows = [
      m365Row(M, "t1", "Intune", 40, 30, "CPOR"),
      m365Row(M, "t1", "Intune", 60, 5, "CSP Tier 1"),
      m365Row(M, "t1", "Microsoft Intune Plan 1", 10, 10, "CSP Tier 1"),
    ];
    const w = score({ m365: m365Table(rows) }, M).customers[0]?.m365?.workloads[0];
    expect(w).toMatchObject({ workload: "Intune", paid: 70, active: 30, activePaid: 30 });
  });
  it("compares tenant ids trimmed and case-insensitively", () => {
    const rows = [
      azureRow({ month: M, tenant: "ABC", acr: 300 }),
      azureRow({ month: M, tenant: " abc ", acr: 300 }),
    ];
    const r = score({ azure: azureTable(rows) }, M);
    expect(r.customers).toHaveLength(1);
    expect(r.tracks.enterprise.netCustomerAdds.azure.current).toBe(1);
  });
});

describe("combining sides", () => {
  it("floors and caps each side before adding, then caps the metric", () => {
    const azure = azureTable(
      Array.from({ length: 8 }, (_, i) => azureRow({ month: M, tenant: `a${i}`, acr: 700 }))
    );
    const m365 = m365Table(
      Array.from({ length: 4 }, (_, i) => m365Row(M, `m${i}`, "Intune", 400, 0))
    );
    const r = score({ azure, m365 }, M);
    expect(r.tracks.enterprise.netCustomerAdds.azure.points).toBe(16);
    expect(r.tracks.enterprise.netCustomerAdds.m365.points).toBe(8);
    expect(r.tracks.enterprise.netCustomerAdds.points).toBe(20);
  });
  it("does not let a negative Azure side take points from Microsoft 365", () => {
    const azure = azureTable([
      azureRow({ month: Y, tenant: "a", acr: 700 }),
      azureRow({ month: Y, tenant: "b", acr: 700 }),
    ]);
    const m365 = m365Table([m365Row(M, "m", "Intune", 400, 0)]);
    expect(score({ azure, m365 }, M).tracks.enterprise.netCustomerAdds.points).toBe(2);
  });
  it("scores a side without an input table as 0", () => {
    const r = score({ m365: m365Table([m365Row(M, "m", "Intune", 400, 0)]) }, M);
    expect(r.tracks.enterprise.netCustomerAdds.azure).toEqual({
      current: 0,
      previous: 0,
      points: 0,
      thirds: 0,
    });
  });
});
