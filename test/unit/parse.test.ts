import { MAX_LISTED_ROW_ERRORS } from "../../src/scoring/issues";
import {
  AZURE_HEADER,
  azureRow,
  azureTable,
  certTable,
  M365_HEADER,
  m365Row,
  m365Table,
  score,
} from "../helpers/tables";

const errorsOf = (
  r: ReturnType<typeof score>,
  table: string
): { row: number | null; message: string }[] =>
  r.issues
    .filter((i) => i.table === table && i.severity === "error")
    .map((i) => ({ row: i.row, message: i.message }));

describe("Azure row outcomes", () => {
  const table = azureTable([
    azureRow({ month: "2025-06", tenant: "t1", acr: 100 }), // row 2 counted
    ["", "", "", "", "", "", "", ""], // row 3 empty
    azureRow({ month: "2025-06", tenant: "t1", acr: 100, service: "Virtual Machines" }), // row 4 not eligible: service
    azureRow({ month: "2025-06", tenant: "t1", acr: 100, offer: "Free Trial" }), // row 5 offer
    azureRow({ month: "2025-06", tenant: "t1", acr: 100, association: "Reseller" }), // row 6 association
    azureRow({ month: "2025-13", tenant: "t1", acr: 100 }), // row 7 error: month
    azureRow({ month: "2025-06", tenant: "", acr: "abc" }), // row 8 error: tenant and ACR
    [0, 0, 0, 0, 0, 0, 0, 0], // row 9 empty (Excel blanks as 0)
  ]);
  const r = score({ azure: table }, "2025-06");
  const counts = r.inputs[0]?.counts;

  it("counts every data row in exactly one outcome", () => {
    expect(counts).toEqual({
      dataRows: 8,
      empty: 2,
      counted: 1,
      duplicate: 0,
      errors: 2,
      notEligible: { service: 1, offer: 1, association: 1 },
    });
  });
  it("reports row errors with the sheet row (header = row 1) and the column", () => {
    expect(errorsOf(r, "Azure")).toEqual([
      {
        row: 7,
        message:
          'Month "2025-13" is not a month: use YYYY-MM, M/D/YYYY, D.M.YYYY or an Excel date.',
      },
      {
        row: 8,
        message:
          'CustomerTenantId is blank: enter the customer\'s tenant id; ACR_USD "abc" is not a number: enter an amount such as 1250.50, $1,250.50 or (12.50).',
      },
    ]);
  });
  it("checks row errors before the duplicate flag, and the duplicate flag before eligibility", () => {
    const t = [
      [...AZURE_HEADER, "IsDuplicate"],
      [...azureRow({ month: "2025-06", tenant: "t1", acr: 5, service: "Virtual Machines" }), "1"],
      [...azureRow({ month: "bad", tenant: "t1", acr: 5 }), "1"],
      [...azureRow({ month: "2025-06", tenant: "t1", acr: 5 }), "perhaps"],
      [...azureRow({ month: "2025-06", tenant: "t1", acr: 5 }), "no"],
    ];
    const c = score({ azure: t }, "2025-06").inputs[0]?.counts;
    expect(c).toMatchObject({ duplicate: 1, errors: 2, counted: 1, notEligible: {} });
  });
  it("notes a missing offer or association column instead of failing", () => {
    const t = [
      ["Month", "Tenant", "Service", "ACR"],
      ["2025-06", "t1", "Key Vault", 700],
    ];
    const res = score({ azure: t }, "2025-06");
    expect(res.issues.filter((i) => i.severity === "info").map((i) => i.message)).toEqual([
      "No offer column: every row's offer is taken as eligible.",
      "No association column: every row is taken as eligibly associated (one association type).",
    ]);
    expect(res.inputs[0]?.counts.counted).toBe(1);
  });
  it("warns once per look-alike product name with the ACR it carries", () => {
    const t = azureTable([
      azureRow({ month: "2025-06", tenant: "t1", acr: 100, service: "Microsoft Defender EASM" }),
      azureRow({ month: "2025-05", tenant: "t2", acr: 50.5, service: "Microsoft Defender EASM" }),
    ]);
    const warnings = score({ azure: t }, "2025-06").issues.filter((i) =>
      i.message.includes("possibly a renamed eligible product")
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ row: 2, severity: "warning" });
    expect(warnings[0]?.message).toContain("2 rows carrying $150.50 ACR");
  });
  it("lists the first row errors and summarises the rest so a huge bad file stays readable", () => {
    const rows = Array.from({ length: MAX_LISTED_ROW_ERRORS + 30 }, () =>
      azureRow({ month: "never", tenant: "t", acr: 1 })
    );
    const res = score({ azure: azureTable(rows) }, "2025-06");
    const errs = errorsOf(res, "Azure");
    expect(errs).toHaveLength(MAX_LISTED_ROW_ERRORS + 1);
    expect(errs[errs.length - 1]?.message).toMatch(
      /^30 more rows have errors like the ones above \(from sheet row 502\)/
    );
    expect(res.inputs[0]?.counts.errors).toBe(MAX_LISTED_ROW_ERRORS + 30);
  });
  it("never throws on strange cells", () => {
    const t = azureTable([
      [{}, [], () => 1, Symbol("x"), NaN, Infinity, new Date("x"), BigInt(5)],
      [],
      [undefined],
    ]);
    expect(() => score({ azure: t }, "2025-06")).not.toThrow();
  });
  it("accepts negative ACR (credits) as given", () => {
    const t = azureTable([
      azureRow({ month: "2025-06", tenant: "t1", acr: "(100.00)" }),
      azureRow({ month: "2025-06", tenant: "t1", acr: 800 }),
    ]);
    expect(score({ azure: t }, "2025-06").customers[0]?.azure?.ttmAcr).toBe(700);
  });
});

describe("Microsoft 365 row outcomes", () => {
  it("rejects negative and fractional licence counts and unreadable active licences", () => {
    const t = m365Table([
      m365Row("2025-06", "t1", "Intune", -5, 0),
      m365Row("2025-06", "t1", "Intune", 10.5, 0),
      m365Row("2025-06", "t1", "Intune", 10, "n/a"),
    ]);
    const r = score({ m365: t }, "2025-06");
    expect(errorsOf(r, "M365").map((e) => e.message)).toEqual([
      'PaidAvailableUnits "-5" is negative: licence counts must be 0 or more.',
      'PaidAvailableUnits "10.5" is not a whole number: licence counts are whole numbers.',
      'MonthlyActiveUsers "n/a" is not a number: enter a whole number of licences.',
    ]);
  });
  it("treats a blank active-licences cell as 0", () => {
    const r = score({ m365: m365Table([m365Row("2025-06", "t1", "Intune", 10, "")]) }, "2025-06");
    expect(r.inputs[0]?.counts.counted).toBe(1);
    expect(r.customers[0]?.m365?.workloads[0]).toMatchObject({ paid: 10, active: 0 });
  });
  it("counts bundle rows as not eligible with the reason to list workloads", () => {
    const r = score(
      { m365: m365Table([m365Row("2025-06", "t1", "Microsoft 365 E5", 400, 300)]) },
      "2025-06"
    );
    expect(r.inputs[0]?.counts.notEligible).toEqual({ bundle: 1 });
    expect(
      r.issues.some(
        (i) => i.row === 2 && i.message.includes("bundle: list its workloads as separate rows")
      )
    ).toBe(true);
  });
  it("warns when there is no active-licences column", () => {
    const t = [
      M365_HEADER.filter((h) => h !== "MonthlyActiveUsers"),
      ["2025-06", "t1", "c", "Intune", 10, "CPOR"],
    ];
    expect(
      score({ m365: t }, "2025-06").issues.some(
        (i) => i.severity === "warning" && i.message.startsWith("No active-licences column")
      )
    ).toBe(true);
  });
});

describe("certification row outcomes", () => {
  it("checks the person, the certification and the dates", () => {
    const t = certTable([
      ["", "AZ-500", "", ""],
      ["ann@x.com", "", "", ""],
      ["bob@x.com", "SC-200", "someday", ""],
      ["cat@x.com", "SC-200", "", "soon"],
      ["dan@x.com", "AZ-900", "", ""],
      ["eve@x.com", "SC-100", "2024-01-01", "2026-01-01"],
    ]);
    const r = score({ certs: t }, "2025-06");
    expect(r.inputs[0]?.counts).toMatchObject({
      errors: 4,
      counted: 1,
      notEligible: { certification: 1 },
    });
    expect(errorsOf(r, "Certs").map((e) => e.row)).toEqual([2, 3, 4, 5]);
    expect(errorsOf(r, "Certs")[3]?.message).toBe(
      'Expires "soon" is not a date: use YYYY-MM-DD, M/D/YYYY, D.M.YYYY or an Excel date, or leave it blank for no expiry.'
    );
  });
  it("identifies people by the first person column, trimmed and case-insensitive", () => {
    const t = [
      ["Email", "Name", "Certification"],
      [" Ann@X.com ", "Ann", "AZ-500"],
      ["ann@x.com", "Someone else", "SC-200"],
    ];
    const r = score({ certs: t }, "2025-06");
    expect(r.people).toHaveLength(1);
    expect(r.people[0]?.steps).toEqual([1, 2]);
  });
  it("falls back to first and last name together", () => {
    const t = [
      ["IndividualFirstName", "IndividualLastName", "TrainingTitle"],
      [" Ann ", " Lee ", "AZ-500"],
      ["ann", "lee", "SC-200"],
      ["", "", "SC-200"],
    ];
    const r = score({ certs: t }, "2025-06");
    expect(r.people.map((p) => p.person)).toEqual(["Ann Lee"]);
    expect(r.inputs[0]?.counts.errors).toBe(1);
  });
});
