import { RULES_2025, RULES_2026 } from "../rules";
import { netCustomerAdds } from "./net-customer-adds";
import { azureYear, m365Month, m365Year } from "./test-facts";

const counted = (
  y: Parameters<typeof netCustomerAdds.contribution>[0],
  side: "azure" | "m365",
  track: "enterprise" | "smb",
  which: 0 | 1,
  rules = RULES_2025
) => netCustomerAdds.contribution(y, side, track, which, rules);

describe("net customer adds (scoring-rules §4.1)", () => {
  it("counts an Azure customer from exactly $600 of TTM eligible ACR, on both tracks", () => {
    expect(counted(azureYear(600, 0), "azure", "enterprise", 0).counted).toBe(true);
    expect(counted(azureYear(600, 0), "azure", "smb", 0).counted).toBe(true);
    expect(counted(azureYear(599.999999, 0), "azure", "smb", 0).counted).toBe(false);
    expect(counted(azureYear(0, 700), "azure", "smb", 1).counted).toBe(true);
  });
  it("counts a Microsoft 365 customer by the size of its largest eligible workload on each track", () => {
    const y = m365Year(m365Month([301, 0], [5, 0]));
    expect(counted(y, "m365", "enterprise", 0).counted).toBe(true);
    expect(counted(y, "m365", "smb", 0).counted).toBe(true);
    expect(counted(m365Year(m365Month([4, 4])), "m365", "smb", 0).counted).toBe(false);
  });
  it("keeps an SMB tenant that grew into Enterprise in SMB at the as-of month under rules 2026 only", () => {
    const grew = m365Year(m365Month([400, 100]), m365Month([200, 50]));
    expect(counted(grew, "m365", "smb", 0, RULES_2025).counted).toBe(false);
    expect(counted(grew, "m365", "smb", 0, RULES_2026)).toEqual({
      counted: true,
      value: 1,
      sticky: true,
    });
    expect(counted(grew, "m365", "enterprise", 0, RULES_2026)).toMatchObject({
      counted: true,
      sticky: false,
    });
  });
  it("never applies stickiness a year earlier, nor to a tenant still SMB-size", () => {
    const grew = m365Year(m365Month([400, 100]), m365Month([200, 50]));
    expect(counted(grew, "m365", "smb", 1, RULES_2026)).toMatchObject({
      counted: true,
      sticky: false,
    });
    const both = m365Year(m365Month([400, 100], [20, 5]), m365Month([200, 50]));
    expect(counted(both, "m365", "smb", 0, RULES_2026)).toMatchObject({
      counted: true,
      sticky: false,
    });
  });
  it("gives 2 points per net customer on Enterprise and 4 on SMB, floored at 0 and capped at 20", () => {
    expect(netCustomerAdds.sidePoints(3, 1, "azure", "enterprise", RULES_2025)).toBe(12);
    expect(netCustomerAdds.sidePoints(3, 1, "azure", "smb", RULES_2025)).toBe(24);
    expect(netCustomerAdds.sidePoints(1, 3, "m365", "smb", RULES_2025)).toBe(0);
    expect(netCustomerAdds.sidePoints(30, 0, "m365", "enterprise", RULES_2025)).toBe(60);
  });
  it("words the rule from the rules data", () => {
    expect(netCustomerAdds.measure("azure", "smb", RULES_2025)).toBe(
      "Customers with TTM ACR >= $600.00"
    );
    expect(netCustomerAdds.measure("m365", "smb", RULES_2026)).toMatch(
      /\(or SMB a year earlier\)$/
    );
  });
});
