import { parseInputs } from "../../src/scoring";

// Slash dates are read month first (scoring-rules §1.4). Month starts written day first
// (01/06/2025, as Excel saves 1 June in the UK) would then all read as January: a warning says so.

const HEADER = ["Month", "CustomerTenantId", "ServiceName", "ACR_USD"];
const azure = (months: string[]) => [
  HEADER,
  ...months.map((m, i) => [m, `t${i % 3}`, "Key Vault", 700]),
];
const warningsOf = (months: string[]): string[] =>
  parseInputs({ azure: { cells: azure(months), name: "Azure" } })
    .azure.flatMap((t) => t.issues)
    .filter((i) => i.severity === "warning")
    .map((i) => i.message);

describe("month columns of day-first slash dates", () => {
  it("warns when every slash date starts with 1 and the second number varies up to 12", () => {
    const messages = warningsOf(["01/06/2025", "01/07/2025", "1/8/2025 00:00", "01/06/2025"]);
    expect(messages).toEqual([
      'Month values such as "01/06/2025" are read month first (US order), so every one of them falls in January. If they are day-first dates (1 June, 1 July, …), write the dates as YYYY-MM-DD or D.M.YYYY (or save the file as an Excel workbook) and run again.',
    ]);
  });

  it("still reads them month first (the rule), so the warning is the only difference", () => {
    const parsed = parseInputs({
      azure: { cells: azure(["01/06/2025", "01/07/2025"]), name: "A" },
    });
    const [table] = parsed.azure;
    // January 6 and January 7, 2025: month index 2025 * 12 + 0.
    expect(table?.months).toEqual({ min: 2025 * 12, max: 2025 * 12 });
  });

  it("says nothing for US dates, a single date, or days past 12", () => {
    expect(warningsOf(["6/1/2025 12:00:00 AM", "7/1/2025 12:00:00 AM", "1/1/2025"])).toEqual([]);
    expect(warningsOf(["01/06/2025", "01/06/2025"])).toEqual([]);
    expect(warningsOf(["6/1/2025", "6/2/2025", "1/3/2025"])).toEqual([]);
    expect(warningsOf(["1/1/2025", "1/1/2024"])).toEqual([]);
    expect(warningsOf(["1/6/2025", "1/15/2025"])).toEqual([]);
    expect(warningsOf(["2025-06", "2025-07", "1.6.2025"])).toEqual([]);
  });

  it("warns when a date that can only be day first sits beside dates read month first", () => {
    const messages = warningsOf(["15/06/2025", "05/06/2025", "2025-07"]);
    expect(messages).toEqual([
      'Month values such as "15/06/2025" can only be day-first dates, but dates such as "05/06/2025" were read month first (US order: May 6), so they may be wrong: write the dates as YYYY-MM-DD or D.M.YYYY (or save the file as an Excel workbook) and run again.',
    ]);
    // Without an ambiguous date there is nothing read wrongly: the row error says enough.
    expect(warningsOf(["15/06/2025", "2025-07", "06/06/2025"])).toEqual([]);
  });

  it("warns for a Microsoft 365 table too", () => {
    const m365 = [
      ["Month", "CustomerTenantId", "WorkloadName", "PaidAvailableUnits"],
      ["01/05/2025", "t1", "Intune", 10],
      ["01/06/2025", "t1", "Intune", 10],
    ];
    const [table] = parseInputs({ m365: { cells: m365, name: "M365" } }).m365;
    expect(table?.issues.filter((i) => /read month first/.test(i.message))).toHaveLength(1);
  });
});

describe("certification dates written day first", () => {
  it("warns once per date column when some dates can only be day first", () => {
    const certs = [
      ["Email", "Certification", "Earned", "Expires"],
      ["ann@x.example", "SC-200", "13/06/2024", "13/06/2026"],
      ["bob@x.example", "AZ-500", "05/06/2024", "05/06/2026"],
      ["cy@x.example", "SC-300", "2024-03-01", ""],
    ];
    const [table] = parseInputs({ certifications: { cells: certs, name: "Certs" } }).certifications;
    const warnings = table?.issues.filter((i) => i.severity === "warning") ?? [];
    expect(warnings.map((w) => w.message.slice(0, 40))).toEqual([
      'Earned values such as "13/06/2024" can o',
      'Expires values such as "13/06/2026" can ',
    ]);
    // The rule is unchanged: 13/06/2024 is a row error, 05/06/2024 reads as May 6.
    expect(table?.rows.map((r) => r.personLabel)).toEqual(["bob@x.example", "cy@x.example"]);
  });
});
