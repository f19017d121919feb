import { HeaderRow } from "../../src/scoring/headers";
import { findTable, recogniseTable } from "../../src/scoring/find-table";
import { isInputError } from "../../src/scoring/errors";
import { score } from "../helpers/tables";

describe("header recognition", () => {
  it("compares headers without case, spaces or punctuation", () => {
    const h = new HeaderRow(["Customer Tenant ID", "ACR (USD)"]);
    expect(h.find(["CustomerTenantId"])).toBe(0);
    expect(h.find(["ACR_USD"])).toBe(1);
  });
  it("uses the leftmost of two columns with the same normalised name", () => {
    const h = new HeaderRow(["Tenant", "TENANT"]);
    expect(h.find(["Tenant"])).toBe(0);
  });
  it("tries aliases in order: the first alias present wins", () => {
    const h = new HeaderRow(["Tenant", "TenantId"]);
    expect(h.find(["TenantId", "Tenant"])).toBe(1);
  });
  it("recognises table kinds by their columns", () => {
    const kind = (header: string[]): string | null => recogniseTable([header])?.kind ?? null;
    expect(kind(["Month", "Tenant", "Service", "ACR"])).toBe("azure");
    expect(kind(["Month", "Tenant", "Workload", "Paid Licenses"])).toBe("m365");
    expect(kind(["Email", "Exam"])).toBe("certifications");
    expect(kind(["IndividualFirstName", "IndividualLastName", "TrainingTitle"])).toBe(
      "certifications"
    );
    expect(kind(["Month", "Tenant"])).toBeNull();
    expect(kind(["Month", "Tenant", "Service", "ACR", "Workload", "Paid"])).toBeNull();
  });
});

describe("input errors", () => {
  const message = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      if (isInputError(e)) return e.message;
      throw e;
    }
    throw new Error("no error");
  };
  it("says when a usage range is neither Azure nor Microsoft 365, naming both columns it could have", () => {
    expect(message(() => findTable([["Month", "Tenant"]], "usage", { usageOnly: true }))).toBe(
      "usage: the table is neither Azure consumption nor Microsoft 365 licences: it needs an ACR column (ACR_USD, ACR (USD), ACR, AzureConsumedRevenueUSD, TotalACR, Consumed Revenue) or a paid-licences column (PaidAvailableUnits, Paid Licenses, Paid Licences, Paid Seats, Paid)."
    );
  });
  it("says when a range has both an ACR and a paid-licences column", () => {
    expect(
      message(() => findTable([["Month", "Tenant", "Service", "ACR", "Workload", "Paid"]], "usage"))
    ).toMatch(/both an ACR column and a paid-licences column/);
  });
  it.each([
    ["month", ["CustomerTenantId", "Service", "ACR_USD"], "Month, Usage Month, UsageDate, Date"],
    [
      "tenant",
      ["Month", "Service", "ACR_USD"],
      "CustomerTenantId, Customer Tenant ID, Tenant ID, TenantId, Tenant",
    ],
    [
      "service",
      ["Month", "Tenant", "ACR_USD"],
      "ServiceName, Service Name, Service, ServiceLevel2, ServiceLevel3, ServiceLevel4, ServiceLevel1, Meter Category, MeterCategory, Product",
    ],
  ])("names the missing Azure %s column and the headers it accepts", (label, header, accepted) => {
    expect(message(() => score({ azure: [header] }))).toBe(
      `Azure: the Azure consumption table has no ${label} column. Add a column with one of these headers: ${accepted}.`
    );
  });
  it("names a missing Microsoft 365 workload column", () => {
    expect(message(() => score({ m365: [["Month", "Tenant", "Paid"]] }))).toBe(
      "M365: the Microsoft 365 licences table has no workload column. Add a column with one of these headers: Workload, WorkloadName, Workload Name, Product."
    );
  });
  it("names a missing Microsoft 365 paid-licences column", () => {
    expect(message(() => score({ m365: [["Month", "Tenant", "Workload"]] }))).toMatch(
      /no paid licences column\. Add a column with one of these headers: PaidAvailableUnits/
    );
  });
  it("names a missing certification or person column", () => {
    expect(message(() => score({ certs: [["Person", "Earned"]] }))).toMatch(
      /^Certs: the certifications table has no certification column\. Add a column with one of these headers: Certification, Certification Name, Exam, TrainingTitle, Credential\.$/
    );
    expect(message(() => score({ certs: [["Certification", "IndividualFirstName"]] }))).toMatch(
      /no person column\. .*MCPID, CorpEmail, Person, Email, Name; or both IndividualFirstName and IndividualLastName/
    );
  });
});
