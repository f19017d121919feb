import { RULES_2025, RULES_2026 } from "../rules";
import { deployments } from "./deployments";
import { azureYear, m365Month, m365Year } from "./test-facts";

describe("deployments (scoring-rules §4.3, §8.4)", () => {
  it("counts Azure deployments by TTM band: above $12,000 Enterprise, $750 to $12,000 SMB", () => {
    const at = (usd: number, track: "enterprise" | "smb") =>
      deployments.contribution(azureYear(usd, 0), "azure", track, 0, RULES_2025).counted;
    expect([at(12000, "enterprise"), at(12000.01, "enterprise")]).toEqual([false, true]);
    expect([at(749.99, "smb"), at(750, "smb"), at(12000, "smb"), at(12000.01, "smb")]).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });
  it("keeps a tenant that grew from the SMB band past $12,000 an SMB deployment under rules 2026", () => {
    const grew = azureYear(15000, 5000);
    expect(deployments.contribution(grew, "azure", "smb", 0, RULES_2025).counted).toBe(false);
    expect(deployments.contribution(grew, "azure", "smb", 0, RULES_2026)).toEqual({
      counted: true,
      value: 1,
      sticky: true,
    });
    // Below $750 a year earlier it was not an SMB deployment, so stickiness does not apply.
    expect(
      deployments.contribution(azureYear(15000, 700), "azure", "smb", 0, RULES_2026).counted
    ).toBe(false);
  });
  it("judges a Microsoft 365 deployment per workload: the track's size and 15% of it active", () => {
    const y = m365Year(m365Month([400, 59], [50, 8]));
    expect(deployments.contribution(y, "m365", "enterprise", 0, RULES_2025).counted).toBe(false);
    expect(deployments.contribution(y, "m365", "smb", 0, RULES_2025).counted).toBe(true);
  });
  it("lets a tenant kept in SMB deploy with any eligible workload of 5+ paid licences and 15% active", () => {
    const grew = m365Year(m365Month([400, 60]), m365Month([100, 20]));
    expect(deployments.contribution(grew, "m365", "smb", 0, RULES_2026)).toMatchObject({
      counted: true,
      sticky: true,
    });
    const idle = m365Year(m365Month([400, 10]), m365Month([100, 20]));
    expect(deployments.contribution(idle, "m365", "smb", 0, RULES_2026).counted).toBe(false);
  });
  it("gives 20/6 points per net deployment, so six give exactly 20", () => {
    expect(deployments.sidePoints(6, 0, "azure", "smb", RULES_2025)).toBe(60);
    expect(deployments.sidePoints(1, 0, "azure", "smb", RULES_2025)).toBe(10);
    expect(deployments.sidePoints(2, 5, "m365", "smb", RULES_2025)).toBe(0);
  });
});
