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
      'Month values such as "01/06/2025" are read month first (US order), so every one of them falls in January. If they are day-first dates (1 June, 1 July, …), save the file with months as YYYY-MM or D.M.YYYY, or as an Excel workbook, and run again.',
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
