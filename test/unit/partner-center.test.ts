import { catalogueFor } from "../../src/scoring/catalogue";
import { RULES_2025 } from "../../src/scoring";
import { score } from "../helpers/tables";

const errorsOf = (r: ReturnType<typeof score>): { row: number | null; message: string }[] =>
  r.issues.filter((i) => i.severity === "error").map((i) => ({ row: i.row, message: i.message }));

describe("association types by prefix (scoring-rules §2.1, §2.2)", () => {
  const c = catalogueFor(RULES_2025);
  it.each([
    ["Partner Admin Link (PAL)", "PAL"],
    ["PAL", "PAL"],
    ["partner admin link", "PAL"],
    ["CSP Tier 1", "CSP1"],
    ["CSP Tier1", "CSP1"],
    ["CSP Tier 2", "CSP2"],
  ])("reads the Azure association %p as %p", (text, type) => {
    expect(c.azureAssociation(text)).toBe(type);
  });
  it.each([
    ["Claiming Partner of Record (CPOR)", "CPOR"],
    ["CPOR - Competency", "CPOR"],
    ["CPOR RevRec", "CPOR"],
    ["CSP Tier 2", "CSP2"],
  ])("reads the Microsoft 365 association %p as %p", (text, type) => {
    expect(c.m365Association(text)).toBe(type);
  });
  it.each([
    ["Partner of record"],
    ["Transacting partner of record"],
    ["Deal registration"],
    ["DPOR"],
    [""],
  ])("does not count %p", (text) => {
    expect(c.azureAssociation(text)).toBeUndefined();
    expect(c.m365Association(text)).toBeUndefined();
  });
});

describe("the Azure service read from every service column (scoring-rules §1.1)", () => {
  const header = [
    "Month",
    "CustomerTenantId",
    "ServiceLevel1",
    "ServiceLevel2",
    "ServiceLevel3",
    "ServiceLevel4",
    "ACR_USD",
  ];
  it("lets the first cell naming an eligible service decide, in the order ServiceLevel2, 3, 4, 1", () => {
    const r = score(
      {
        azure: [
          header,
          ["2025-06", "t1", "Key Vault", "Compute", "", "", 700], // ServiceLevel1 is read last
          ["2025-06", "t2", "x", "Azure Active Directory", "Azure AD B2C", "", 700],
        ],
      },
      "2025-06"
    );
    expect(r.inputs[0]?.counts).toMatchObject({ counted: 2 });
    expect(r.customers.map((c) => c.azure?.ttmAcr)).toEqual([700, 700]);
  });
  it("reports a row naming no eligible service under its first non-blank cell", () => {
    const r = score(
      {
        azure: [
          header,
          ["2025-06", "t1", "", "Defender EASM", "", "", 10],
          ["2025-06", "t1", "", "Defender EASM", "Plan", "", 5],
        ],
      },
      "2025-06"
    );
    expect(r.inputs[0]?.counts.notEligible).toEqual({ service: 2 });
    const warning = r.issues.find((i) => i.message.includes("possibly a renamed"));
    expect(warning?.message).toMatch(/^Service "Defender EASM" is not on the eligible list/);
    expect(warning?.message).toContain("2 rows carrying $15.00 ACR");
  });
  it("makes a row whose every service cell is blank a row error naming the columns", () => {
    const r = score({ azure: [header, ["2025-06", "t1", "", "", "", "", 10]] }, "2025-06");
    expect(errorsOf(r)).toEqual([
      {
        row: 2,
        message:
          "ServiceLevel2, ServiceLevel3, ServiceLevel4, ServiceLevel1 are all blank: enter the Azure service name.",
      },
    ]);
  });
  it("reads the association from PartnerAttributionType, not the AssociationType beside it", () => {
    const h = [
      "Month",
      "CustomerTenantId",
      "Service",
      "AssociationType",
      "PartnerAttributionType",
      "ACR_USD",
    ];
    const r = score(
      {
        azure: [
          h,
          ["2025-06", "t1", "Key Vault", "Partner Admin Link", "Partner of Record", 700],
          ["2025-06", "t2", "Key Vault", "Reseller", "Partner Admin Link (PAL)", 700],
        ],
      },
      "2025-06"
    );
    expect(r.inputs[0]?.counts).toMatchObject({ counted: 1, notEligible: { association: 1 } });
  });
});

describe("wide licence tables (scoring-rules §1.2)", () => {
  const header = [
    "Month",
    "CustomerTenantId",
    "SKU",
    "PaidAvailableUnits",
    "AADPPaidAvailableUnits",
    "AADPMonthlyActiveUsers",
    "IntunePaidAvailableUnits",
    "IntuneMonthlyActiveUsers",
    "AATPActiveUsage",
    "IsDuplicate",
  ];
  it("reads each row as one row per workload pair, a blank pair cell being 0", () => {
    const r = score(
      { m365: [header, ["2025-06", "t1", "EMS E3", 999, 320, 60, "", "", 5, 0]] },
      "2025-06"
    );
    expect(r.inputs[0]).toMatchObject({ rows: 1, widePairs: 2, counts: { counted: 2 } });
    expect(r.customers[0]?.m365?.workloads).toEqual([
      expect.objectContaining({ workload: "Intune", paid: 0, active: 0 }),
      expect.objectContaining({ workload: "Microsoft Entra ID P1", paid: 320, active: 60 }),
    ]);
    expect(r.tracks.enterprise.netCustomerAdds.m365.current).toBe(1);
  });
  it("makes a bad number in one pair a row error for the whole source row, counted once, naming the column", () => {
    const r = score(
      {
        m365: [
          header,
          ["2025-06", "t1", "EMS", 9, 10, "many", 20, 5, 0, 0],
          ["", "t2", "EMS", 9, 1, 1, 1, 1, 0, 0],
        ],
      },
      "2025-06"
    );
    expect(r.inputs[0]?.counts).toMatchObject({ dataRows: 2, errors: 2, counted: 0 });
    expect(errorsOf(r)).toEqual([
      {
        row: 2,
        message: 'AADPMonthlyActiveUsers "many" is not a number: enter a whole number of licences.',
      },
      { row: 3, message: "Month is blank: enter the licence month (e.g. 2025-06)." },
    ]);
  });
  it("counts a duplicate-flagged row once per workload row", () => {
    const r = score({ m365: [header, ["2025-06", "t1", "EMS", 9, 10, 1, 20, 5, 0, 1]] }, "2025-06");
    expect(r.inputs[0]?.counts).toMatchObject({ duplicate: 2, counted: 0 });
  });
  it("notes the columns it does not use and a pair without its active column", () => {
    const r = score(
      {
        m365: [
          ["Month", "TenantId", "AADPPaidAvailableUnits", "AATPActiveUsage"],
          ["2025-06", "t1", 10, 3],
        ],
      },
      "2025-06"
    );
    const messages = r.issues.map((i) => i.message);
    expect(messages).toContain("AATPActiveUsage has no paid-licence count, so it is not used.");
    expect(messages.some((m) => m.startsWith("No active-licences column for AADP"))).toBe(true);
  });
});

describe("people in Partner Center's training download (scoring-rules §1.3)", () => {
  const header = [
    "IndividualFirstName",
    "IndividualLastName",
    "Email",
    "CorpEmail",
    "MCPID",
    "TrainingTitle",
    "TrainingType",
  ];
  it("identifies a person by MCPID, CorpEmail, Person, Email, Name in that order, else by name", () => {
    const r = score(
      {
        certs: [
          header,
          ["Ann", "Lee", "", "ann@p.com", "1001", "AZ-500", "Certification"],
          ["Ann", "Lee", "ann@gmail.com", "", "1001", "SC-200", "certification"],
          ["Bob", "Ray", "bob@gmail.com", "bob@p.com", "", "SC-200", "Certification"],
          ["Eve", "Stone", "", "", "", "SC-100", "CERTIFICATION"],
        ],
      },
      "2025-06"
    );
    expect(r.people.map((p) => [p.person, p.name ?? null, p.steps])).toEqual([
      ["1001", "Ann Lee", [1, 2]],
      ["bob@p.com", "Bob Ray", [2]],
      ["Eve Stone", null, [3]],
    ]);
  });
  it("counts only rows whose training type is a certification", () => {
    const r = score(
      {
        certs: [
          header,
          [
            "Ann",
            "Lee",
            "",
            "",
            "1001",
            "Exam AZ-500: Microsoft Azure Security Technologies",
            "Exam",
          ],
          ["Ann", "Lee", "", "", "1001", "Sentinel basics", "Course"],
        ],
      },
      "2025-06"
    );
    expect(r.inputs[0]?.counts).toMatchObject({ counted: 0, notEligible: { "training type": 2 } });
    expect(r.people[0]?.certifications[0]?.note).toBe(
      'training type "Exam" is not a certification (only rows of type certification count)'
    );
    expect(r.tracks.smb.skilling.step1).toBe(0);
  });
  it("reads day-first dates written with dots", () => {
    const r = score(
      {
        certs: [
          ["Person", "Certification", "Earned", "Expires"],
          ["a", "AZ-500", "15.01.2024", "14.01.2025"],
        ],
      },
      "2025-06"
    );
    expect(r.people[0]?.certifications[0]).toMatchObject({
      earned: "2024-01-15",
      expires: "2025-01-14",
      status: "expired",
    });
  });
});
