import { catalogueFor } from "../../src/scoring/catalogue";
import { normalizeHeader, normalizeName } from "../../src/scoring/normalize";
import { RULES_2025 } from "../../src/scoring/rules/2025";

const cat = catalogueFor(RULES_2025);
const service = (name: string): string | null => {
  const m = cat.matchService(name);
  return m.kind === "eligible" ? (RULES_2025.azureServices[m.index]?.canonical ?? null) : null;
};
const workload = (name: string): string => {
  const m = cat.matchWorkload(name);
  return m.kind === "eligible" ? (RULES_2025.m365Workloads[m.index]?.canonical ?? "") : m.kind;
};

describe("normalisation", () => {
  it("lower-cases, turns & into and, collapses other characters to one space", () => {
    expect(normalizeName("  Security & Compliance -- Center ")).toBe(
      "security and compliance center"
    );
    expect(normalizeName("Azure Security Center (Standard)")).toBe(
      "azure security center standard"
    );
  });
  it("keeps only ASCII letters and digits in headers", () => {
    expect(normalizeHeader("ACR (USD)")).toBe("acrusd");
    expect(normalizeHeader("Customer Tenant ID")).toBe("customertenantid");
  });
});

describe("Azure services", () => {
  it.each([
    ["Azure Sentinel", "Microsoft Sentinel"],
    ["sentinel", "Microsoft Sentinel"],
    ["Azure Security Center Standard", "Security Center"],
    ["Azure Security Center", "Security Center"],
    ["Application Gateway WAF v2", "Application Gateway"],
    ["Azure Front Door Standard", "Azure Front Door Service"],
    ["Azure Defender for Servers", "Azure Defender"],
    ["Microsoft Defender for Cloud", "Azure Defender"],
    ["Azure AD B2C", "Microsoft Entra ID B2C"],
    ["Azure DDoS Protection", "Azure DDoS Protection"],
    ["KEY-VAULT", "Key Vault"],
  ])("matches %s to %s", (name, canonical) => {
    expect(service(name)).toBe(canonical);
  });
  it("prefers an exact alias over a * alias (Azure Defender for IoT is Azure IoT Security)", () => {
    expect(service("Azure Defender for IoT")).toBe("Azure IoT Security");
  });
  it("matches a * alias only on a word boundary", () => {
    expect(service("Application Gateways")).toBeNull();
    expect(service("Front Doorway")).toBeNull();
  });
  it("does not count services off the list, and flags look-alikes as possibly renamed", () => {
    expect(cat.matchService("Virtual Machines")).toEqual({ kind: "none", suspicious: false });
    expect(cat.matchService("Microsoft Defender EASM")).toEqual({ kind: "none", suspicious: true });
    expect(cat.matchService("Azure Key Vault Managed HSM")).toEqual({
      kind: "none",
      suspicious: true,
    });
  });
  it("picks the longest * prefix", () => {
    expect(service("Azure Front Door Premium")).toBe("Azure Front Door Service");
  });
});

describe("Microsoft 365 workloads", () => {
  it.each([
    ["Intune", "Intune"],
    ["Microsoft Intune Plan 1", "Intune"],
    ["Azure AD Premium P1", "Microsoft Entra ID P1"],
    ["Office 365 ATP", "Microsoft Defender for Office 365"],
    ["Microsoft Defender for Endpoint P2", "Microsoft Defender for Endpoint"],
    ["Azure ATP", "Microsoft Defender for Identity"],
    ["Azure Information Protection Premium P1", "Microsoft Purview Information Protection"],
  ])("matches %s to %s", (name, canonical) => {
    expect(workload(name)).toBe(canonical);
  });
  it("calls bundles bundles, not workloads", () => {
    expect(workload("Microsoft 365 E5")).toBe("bundle");
    expect(workload("EMS E3")).toBe("bundle");
    expect(workload("Microsoft 365 Business Premium")).toBe("bundle");
  });
  it("does not count Entra ID P2", () => {
    expect(workload("Microsoft Entra ID P2")).toBe("none");
  });
});

describe("offers and associations", () => {
  it.each([
    ["Azure Plan", true],
    ["Pay-As-You-Go", true],
    ["Support", false],
    ["Premier Support Plan", false],
    ["Internal Use", false],
    ["Azure Benefit Program", false],
    ["Free Trial", false],
    ["Trials", true],
    ["Supportive", true],
    ["", true],
  ])("offer %p eligible: %p", (offer, ok) => {
    expect(cat.isEligibleOffer(offer)).toBe(ok);
  });
  it("reads Azure association types", () => {
    expect(cat.azureAssociation("PAL")).toBe("PAL");
    expect(cat.azureAssociation("Partner Admin Link")).toBe("PAL");
    expect(cat.azureAssociation("CSP Tier 1")).toBe("CSP1");
    expect(cat.azureAssociation("csp-tier2")).toBe("CSP2");
    expect(cat.azureAssociation("CPOR")).toBeUndefined();
    expect(cat.azureAssociation("")).toBeUndefined();
  });
  it("reads Microsoft 365 association types", () => {
    expect(cat.m365Association("CPOR")).toBe("CPOR");
    expect(cat.m365Association("CPOR (active)")).toBe("CPOR");
    expect(cat.m365Association("Claiming Partner of Record")).toBe("CPOR");
    expect(cat.m365Association("CSP Tier 2")).toBe("CSP2");
    expect(cat.m365Association("PAL")).toBeUndefined();
  });
});

describe("certifications", () => {
  const exam = (text: string): string | null => cat.matchCertification(text).rule?.exam ?? null;
  it.each([
    ["AZ-500", "AZ-500"],
    ["az500", "AZ-500"],
    ["Exam SC-200: Microsoft Security Operations Analyst", "SC-200"],
    ["SC-401", "SC-401"],
    ["Microsoft Certified: Azure Security Engineer Associate", "AZ-500"],
    ["Microsoft Cybersecurity Architect Expert", "SC-100"],
    ["Identity and Access Administrator", "SC-300"],
    [
      "Microsoft Certified: Information Protection and Compliance Administrator Associate",
      "SC-400",
    ],
  ])("recognises %s as %s", (text, code) => {
    expect(exam(text)).toBe(code);
  });
  it("lets the first exam code decide, and an unknown code is not a Security certification", () => {
    expect(exam("AZ-900 then AZ-500")).toBeNull();
    expect(cat.matchCertification("AZ-900").code).toBe("AZ-900");
  });
  it("ignores codes glued to letters or followed by digits", () => {
    expect(exam("XAZ-500")).toBeNull();
    expect(exam("AZ-5000")).toBeNull();
  });
  it("does not match names that are not in the table", () => {
    expect(exam("Azure Fundamentals")).toBeNull();
  });
});

describe("ELIGIBLE names", () => {
  it("gives the canonical name of services and workloads", () => {
    expect(cat.canonicalProduct("Azure Security Center Standard")).toBe("Security Center");
    expect(cat.canonicalProduct("MDE")).toBe("Microsoft Defender for Endpoint");
    expect(cat.canonicalProduct("Virtual Machines")).toBeUndefined();
  });
});
