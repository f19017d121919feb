import { findTable, recogniseTable } from "../../src/scoring/find-table";
import { isInputError } from "../../src/scoring/errors";

const AZURE = ["Month", "CustomerTenantId", "ServiceLevel2", "ACR_USD"];
const message = (run: () => unknown): string => {
  try {
    run();
  } catch (e) {
    if (isInputError(e)) return e.message;
    throw e;
  }
  throw new Error("no error");
};

describe("finding the header row (scoring-rules §1.0)", () => {
  it("takes the first of the top ten rows that holds every required column of a kind", () => {
    const rows = [
      ["Azure usage, June"],
      [],
      ["Exported by Partner Center", "x"],
      AZURE,
      ["2025-06"],
    ];
    expect(findTable(rows, "t")).toMatchObject({ kind: "azure", headerIndex: 3 });
  });
  it("finds a header on the tenth row but not on the eleventh", () => {
    const above = Array.from({ length: 9 }, () => ["note"]);
    expect(findTable([...above, AZURE], "t").headerIndex).toBe(9);
    expect(() => findTable([...above, ["note"], AZURE], "t")).toThrow(
      /no header row .* in the first 10 rows/
    );
  });
  it("looks only for the kind the caller names", () => {
    const rows = [["Person", "Certification"], AZURE];
    expect(findTable(rows, "t").kind).toBe("certifications");
    expect(findTable(rows, "t", { expected: "azure" }).headerIndex).toBe(1);
  });
  it("names every missing column of the expected kind with the headers it accepts", () => {
    expect(
      message(() => findTable([["Month", "Service"]], "azure.csv", { expected: "azure" }))
    ).toBe(
      "azure.csv: the Azure consumption table has no tenant, no ACR column. Add a column for each: tenant (one of CustomerTenantId, Customer Tenant ID, Tenant ID, TenantId, Tenant); ACR (one of ACR_USD, ACR (USD), ACR, AzureConsumedRevenueUSD, TotalACR, Consumed Revenue)."
    );
  });
  it("says when a table given as one kind has the headers of another", () => {
    const azureAsM365 = message(() => findTable([AZURE], "usage.csv", { expected: "m365" }));
    expect(azureAsM365).toMatch(/^usage\.csv: the Microsoft 365 licences table has no workload/);
    expect(azureAsM365).toMatch(
      / Its headers are those of an Azure consumption table: check that it is given as the right kind of input \(command line: --azure, --m365 or --certs\)\.$/
    );
    expect(
      message(() => findTable([["Email", "Certification"]], "c.csv", { expected: "azure" }))
    ).toMatch(/ Its headers are those of a certifications table:/);
    // Headers of no kind: the missing columns alone.
    expect(
      message(() => findTable([["Month", "Service"]], "azure.csv", { expected: "m365" }))
    ).not.toMatch(/Its headers are those of/);
  });
  it("reports the columns missing from the row closest to a header, below a title", () => {
    const rows = [["Licence report"], ["Month", "TenantId", "Workload"]];
    expect(message(() => findTable(rows, "m365.csv", { expected: "m365" }))).toBe(
      "m365.csv: the Microsoft 365 licences table has no paid licences column. Add a column with one of these headers: PaidAvailableUnits, Paid Licenses, Paid Licences, Paid Seats, Paid."
    );
  });
  it("refuses a table with both an ACR and a paid-licences column", () => {
    expect(message(() => findTable([[...AZURE, "Workload", "PaidAvailableUnits"]], "t"))).toMatch(
      /both an ACR column and a paid-licences column/
    );
  });
  it("recognises a wide licence table (no workload column, workload pairs) as Microsoft 365", () => {
    const wide = [
      "Month",
      "CustomerTenantId",
      "SKU",
      "PaidAvailableUnits",
      "AADPPaidAvailableUnits",
      "AADPMonthlyActiveUsers",
      "IntunePaidAvailableUnits",
    ];
    const t = recogniseTable([wide]);
    expect(t?.kind).toBe("m365");
    expect(t?.layout).toBe(
      "Enterprise Mobility licence usage report (Partner Center), wide: 2 workloads"
    );
  });
  it("names Partner Center's layouts", () => {
    const layout = (header: string[]): string | undefined => recogniseTable([header])?.layout;
    expect(
      layout([
        "Month",
        "ServiceLevel1",
        "ServiceLevel2",
        "CustomerTenantId",
        "PartnerAttributionType",
        "ACR_USD",
      ])
    ).toBe("Azure usage report (Partner Center)");
    expect(
      layout([
        "CustomerTenantId",
        "WorkloadName",
        "Month",
        "PaidAvailableUnits",
        "IsDuplicateRowForPGA",
      ])
    ).toBe("Office 365 licence usage report (Partner Center)");
    expect(
      layout([
        "TrainingTitle",
        "TrainingType",
        "IndividualFirstName",
        "IndividualLastName",
        "MCPID",
      ])
    ).toBe("Trainings, exams and certifications (Partner Center)");
    expect(layout(["Month", "Tenant", "Service", "ACR"])).toBe("Azure consumption table");
  });
});
