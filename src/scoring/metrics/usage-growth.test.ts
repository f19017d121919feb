import { MICRO_PER_USD } from "../money";
import { RULES_2025, RULES_2026 } from "../rules";
import { azureYear, m365Month, m365Year } from "./test-facts";
import { usageGrowth } from "./usage-growth";

describe("usage growth (scoring-rules §4.4, §8.4)", () => {
  it("adds a tenant's whole TTM to the Security ACR of its band", () => {
    const y = azureYear(12500, 800);
    expect(usageGrowth.contribution(y, "azure", "enterprise", 0, RULES_2025).value).toBe(
      12500 * MICRO_PER_USD
    );
    expect(usageGrowth.contribution(y, "azure", "smb", 0, RULES_2025).counted).toBe(false);
    expect(usageGrowth.contribution(y, "azure", "smb", 1, RULES_2025).value).toBe(
      800 * MICRO_PER_USD
    );
  });
  it("counts a tenant that grew past $12,000 from above $0 in the SMB total under rules 2026", () => {
    const y = azureYear(12500, 800);
    expect(usageGrowth.contribution(y, "azure", "smb", 0, RULES_2026)).toEqual({
      counted: true,
      value: 12500 * MICRO_PER_USD,
      sticky: true,
    });
    expect(
      usageGrowth.contribution(azureYear(12500, 0), "azure", "smb", 0, RULES_2026).counted
    ).toBe(false);
  });
  it("sums protected users over every eligible workload of a tenant in the band", () => {
    const y = m365Year(m365Month([100, 40], [3, 3]));
    expect(usageGrowth.contribution(y, "m365", "smb", 0, RULES_2025).value).toBe(43);
  });
  it("gives one point per whole step of growth, capped at 20", () => {
    const step = 750 * MICRO_PER_USD;
    expect(usageGrowth.sidePoints(2 * step - 1, 0, "azure", "smb", RULES_2025)).toBe(3);
    expect(usageGrowth.sidePoints(100 * step, 0, "azure", "smb", RULES_2025)).toBe(60);
    expect(usageGrowth.sidePoints(50, 101, "m365", "smb", RULES_2025)).toBe(0);
    expect(usageGrowth.shown(1_500_000, "azure")).toBe(1.5);
  });
});
