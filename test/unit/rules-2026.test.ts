import { catalogueFor } from "../../src/scoring/catalogue";
import { isInputError } from "../../src/scoring/errors";
import { RULES_2025, RULES_2026, rulesFor } from "../../src/scoring/rules";
import { monthIndex } from "../../src/scoring/calendar";
import { scoreTables } from "../../src/scoring";
import { azureTable, certTable, m365Table, m365Row, ttmRows } from "../helpers/tables";

const month = (text: string): number => {
  const [y, m] = text.split("-").map(Number);
  return monthIndex(y ?? 0, m ?? 1);
};

describe("choosing the rules version (scoring-rules §9)", () => {
  it("uses 2025 up to as-of 2026-04 and 2026 from 2026-05, saying why", () => {
    expect(rulesFor(month("2026-04"))).toEqual({
      rules: RULES_2025,
      reason: "in force for 2026-04",
    });
    expect(rulesFor(month("2026-05"))).toEqual({
      rules: RULES_2026,
      reason: "in force for 2026-05",
    });
  });
  it("uses the version named, whatever the month", () => {
    expect(rulesFor(month("2026-10"), "2025")).toEqual({ rules: RULES_2025, reason: "chosen" });
  });
  it("refuses an unknown version, listing the known ones", () => {
    try {
      rulesFor(month("2026-10"), "2027");
      throw new Error("no error");
    } catch (e) {
      expect(isInputError(e) && e.detail).toBe(
        'unknown rules version "2027": use 2025 or 2026 (or leave it out for the version in force in the as-of month).'
      );
    }
  });
});

describe("the 2026 catalogue (scoring-rules §8.1, §8.2)", () => {
  const service = (name: string, rules = RULES_2026): string | null => {
    const m = catalogueFor(rules).matchService(name);
    return m.kind === "eligible" ? (rules.azureServices[m.index]?.canonical ?? null) : null;
  };
  it("no longer counts Network Watcher", () => {
    expect(service("Network Watcher", RULES_2025)).toBe("Network Watcher");
    expect(service("Network Watcher")).toBeNull();
  });
  it.each([
    ["Azure Security Center Standard", "Microsoft Defender for Cloud"],
    ["Azure Defender for Servers", "Microsoft Defender for Cloud"],
    ["SQL Advanced Data Security", "Microsoft Defender for Cloud"],
    ["Advanced Threat Protection", "Microsoft Defender for Cloud"],
    ["Azure Defender for IoT", "Azure IoT Security"],
    ["Azure Active Directory", "Microsoft Entra"],
    ["Azure AD B2C", "Azure Active Directory B2C"],
    ["Microsoft Entra Verified ID", "Microsoft Entra Verified ID"],
    ["Azure Purview", "Microsoft Purview"],
    ["Copilot for Security", "Microsoft Security Copilot"],
    ["Azure Sentinel", "Sentinel"],
  ])("reads %p as %p ([decision] Defender for Cloud keeps its former names)", (name, canonical) => {
    expect(service(name)).toBe(canonical);
  });
  it("flags purview and copilot look-alikes as possibly renamed products", () => {
    expect(catalogueFor(RULES_2026).matchService("Purview Data Map")).toEqual({
      kind: "none",
      suspicious: true,
    });
    expect(catalogueFor(RULES_2025).matchService("Purview Data Map")).toEqual({
      kind: "none",
      suspicious: false,
    });
  });
});

describe("Defender for Endpoint only as P2 (scoring-rules §8.2)", () => {
  const rows = m365Table([
    m365Row("2026-06", "t1", "Microsoft Defender for Endpoint P1", 50, 20),
    m365Row("2026-06", "t2", "Microsoft Defender for Endpoint Plan 2", 50, 20),
    m365Row("2026-06", "t3", "Microsoft Defender for Endpoint", 50, 20),
  ]);
  it("makes P1 rows not eligible (plan) and takes a name without a plan as P2, with a note", () => {
    const r = scoreTables({ m365: { cells: rows, name: "M365" } }, { asOf: month("2026-06") });
    expect(r.rules).toBe("2026");
    expect(r.inputs[0]?.counts).toMatchObject({ counted: 2, notEligible: { plan: 1 } });
    expect(r.issues.map((i) => i.message)).toContain(
      "1 Microsoft Defender for Endpoint row names no plan and is taken as P2 (rules 2026: only P2 counts; a name saying another plan is not eligible)."
    );
    expect(r.tracks.smb.netCustomerAdds.m365.current).toBe(2);
  });
  it("counts every plan under rules 2025", () => {
    const r = scoreTables(
      { m365: { cells: rows, name: "M365" } },
      { asOf: month("2026-06"), rules: "2025" }
    );
    expect(r.tracks.smb.netCustomerAdds.m365.current).toBe(3);
    expect(r.comparison.differences).toContainEqual(
      expect.objectContaining({
        kind: "workload",
        subject: "Microsoft Defender for Endpoint P1",
        outcomes: {
          "2025": "eligible (Microsoft Defender for Endpoint)",
          "2026": "not eligible (plan)",
        },
      })
    );
  });
});

describe("certifications under rules 2026 (scoring-rules §8.3, §4.2)", () => {
  it("counts SC-500 in step 1 under 2026 and not under 2025", () => {
    const certs = certTable([["a", "Cloud and AI Security Engineer Associate", "2026-05-20", ""]]);
    const r = scoreTables(
      { certifications: { cells: certs, name: "C" } },
      { asOf: month("2026-06") }
    );
    expect(r.tracks.smb.skilling).toMatchObject({ step1: 1, points: 4 });
    const old = r.comparison.versions.find((v) => v.rules === "2025");
    expect(old?.tracks.smb.skilling).toBe(0);
    expect(r.comparison.differences).toContainEqual(
      expect.objectContaining({
        kind: "person",
        subject: "a",
        outcomes: { "2025": "not counted", "2026": "step 1 (SC-500)" },
      })
    );
  });
  it("keeps AZ-500 until its retirement day, then a year after it was earned", () => {
    const certs = certTable([
      ["early", "AZ-500", "2025-03-14", ""],
      ["late", "AZ-500", "2025-11-02", ""],
      ["undated", "AZ-500", "", ""],
    ]);
    const steps = (asOf: string): number[] => {
      const r = scoreTables({ certifications: { cells: certs, name: "C" } }, { asOf: month(asOf) });
      return r.people.map((p) => p.steps.length);
    };
    expect(steps("2026-08")).toEqual([1, 1, 1]); // before retirement: any unexpired AZ-500
    expect(steps("2026-09")).toEqual([0, 1, 0]); // early's year ended 2026-03-14; undated cannot be shown valid
    expect(steps("2026-11")).toEqual([0, 0, 0]); // late's year ended 2026-11-02
    const r = scoreTables(
      { certifications: { cells: certs, name: "C" } },
      { asOf: month("2026-09") }
    );
    expect(r.people[1]?.certifications[0]?.note).toBe(
      "held: counts in step 1 (AZ-500 retired on 2026-08-31; valid until 2026-11-02, one year after it was earned)"
    );
  });
});

describe("SMB stickiness end to end (scoring-rules §8.4)", () => {
  it("counts a tenant that grew from SMB into Enterprise on both tracks at the as-of month, and says so", () => {
    const azure = azureTable([
      ...ttmRows("grew", "2026-06", 1500),
      ...ttmRows("grew", "2025-06", 100),
    ]);
    const r = scoreTables({ azure: { cells: azure, name: "A" } }, { asOf: month("2026-06") });
    expect(r.tracks.enterprise.deployments.azure).toMatchObject({ current: 1, previous: 0 });
    expect(r.tracks.smb.deployments.azure).toMatchObject({ current: 1, previous: 1 });
    expect(r.customers[0]?.reason).toContain(
      "Counted through SMB stickiness: SMB a year earlier, Enterprise now (rules 2026): Deployment: Azure SMB; Usage: Azure SMB."
    );
    const old = scoreTables(
      { azure: { cells: azure, name: "A" } },
      { asOf: month("2026-06"), rules: "2025" }
    );
    expect(old.tracks.smb.deployments.azure).toMatchObject({ current: 0, previous: 1 });
  });
});

describe("explanations are plain objects", () => {
  it("keep every field through structuredClone and spreading, as JSON does", () => {
    const azure = azureTable(ttmRows("t1", "2026-06", 100));
    const r = scoreTables({ azure: { cells: azure, name: "A" } }, { asOf: month("2026-06") });
    const c = r.customers[0];
    expect(c?.reason).toMatch(/^Azure TTM eligible ACR \$1,200\.00/);
    expect(structuredClone(c)).toEqual(c);
    expect({ ...c }).toEqual(JSON.parse(JSON.stringify(c)));
  });
});
