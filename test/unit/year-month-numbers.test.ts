import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { readCsvTable } from "../../src/cli/csv-reader";
import { parseInputs, scoreTables } from "../../src/scoring";
import { monthIndex } from "../../src/scoring/calendar";
import { sharedRegistries } from "../../src/scoring/parse-inputs";
import { TableShape } from "../../src/scoring/table";

// Year-and-month numbers (202506) are not a month form (scoring-rules §1.4) but are Excel date
// numbers in range, so they read as months in the 25th century: the numbers stay as the rule
// reads them, and the partner is told, by the column and by the as-of month.

const AZURE_HEADER = ["Month", "CustomerTenantId", "ServiceName", "ACR_USD"];
const M365_HEADER = ["Month", "CustomerTenantId", "Workload", "PaidAvailableUnits"];

const YEAR_MONTH_WARNING =
  "Month values such as 202506 (2 such values) are read as Excel date numbers, so 202506 is a day in 2454-06; they look like year-and-month numbers (202506 = 2025-06), which are not a month form this reads: write them as 2025-06 (YYYY-MM) or as dates, and run again.";

const warnings = (table: TableShape | undefined): string[] =>
  (table?.issues ?? []).filter((i) => i.severity === "warning").map((i) => i.message);

describe("months written as year-and-month numbers", () => {
  it("reads them as Excel date numbers, as §1.4 says, and warns with the month they look like", () => {
    const parsed = parseInputs({
      azure: {
        cells: [AZURE_HEADER, [202506, "t1", "Key Vault", 100], [202505, "t2", "Key Vault", 100]],
        name: "Azure",
      },
      m365: {
        cells: [M365_HEADER, [202506, "t1", "Intune", 10], [202505, "t2", "Intune", 10]],
        name: "M365",
      },
    });
    expect(parsed.azure[0]?.months.max).toBe(monthIndex(2454, 6));
    expect(warnings(parsed.azure[0])).toContain(YEAR_MONTH_WARNING);
    expect(warnings(parsed.m365[0])).toContain(YEAR_MONTH_WARNING);
  });

  it("warns for the same values as CSV text", () => {
    const dir = mkdtempSync(join(tmpdir(), "pcs-yyyymm-"));
    const path = join(dir, "azure.csv");
    writeFileSync(
      path,
      "Month,CustomerTenantId,ServiceName,ACR_USD\n202506,t1,Key Vault,100\n202505,t2,Key Vault,100\n202506,t3,Key Vault,5\n"
    );
    const table = readCsvTable(path, sharedRegistries(), { expected: "azure" });
    expect(warnings(table)).toContain(YEAR_MONTH_WARNING);
  });

  it.each([[45808], ["45808"], ["2025-06"], [202513], [202500], [123456], ["2025061"]])(
    "says nothing for %p",
    (month) => {
      const parsed = parseInputs({
        azure: { cells: [AZURE_HEADER, [month, "t1", "Key Vault", 100]], name: "Azure" },
      });
      expect(
        warnings(parsed.azure[0]).filter((w) => /year-and-month|year and month/.test(w))
      ).toEqual([]);
    }
  );
});

describe("months written as a year and month with a point", () => {
  it("reads 2025.06 as the Excel date number it is (a day in 1905) and warns with the month it looks like", () => {
    const dir = mkdtempSync(join(tmpdir(), "pcs-yyyy.mm-"));
    const path = join(dir, "azure.csv");
    writeFileSync(
      path,
      "Month,CustomerTenantId,ServiceName,ACR_USD\n2025-06,t0,Key Vault,100\n2025.06,t1,Key Vault,100\n2025.6,t2,Key Vault,100\n"
    );
    const table = readCsvTable(path, sharedRegistries(), { expected: "azure" });
    expect(table.months.min).toBe(monthIndex(1905, 7));
    expect(warnings(table)).toContain(
      "Month values such as 2025.06 (2 such values) are read as Excel date numbers, so 2025.06 is a day in 1905-07; they look like a year and month written with a point (2025.06 = 2025-06), which is not a month form this reads: write them as 2025-06 (YYYY-MM) or as dates, and run again."
    );
  });

  it.each([
    [2025.06, "2025-06"],
    [2025.1, "2025-10"],
    [2024.12, "2024-12"],
  ])("warns for the number %p in a workbook or range, read as %s", (month, yearMonth) => {
    const parsed = parseInputs({
      m365: { cells: [M365_HEADER, [month, "t1", "Intune", 10]], name: "M365" },
    });
    expect(warnings(parsed.m365[0]).join("\n")).toContain(
      `they look like a year and month written with a point (${month} = ${yearMonth})`
    );
  });

  it.each([
    [2025.13],
    [2025.123],
    [2025],
    [1899.06],
    [45808.5],
    ["2025.06.01"],
    ["v2025.06"],
    ["2025,06"],
  ])("says nothing for %p", (month) => {
    const parsed = parseInputs({
      azure: { cells: [AZURE_HEADER, [month, "t1", "Key Vault", 100]], name: "Azure" },
    });
    expect(warnings(parsed.azure[0]).filter((w) => w.includes("with a point"))).toEqual([]);
  });
});

describe("a latest month after the current month", () => {
  const today = new Date(Date.UTC(2026, 11, 4));
  const azure = (months: unknown[]) => ({
    cells: [AZURE_HEADER, ...months.map((m, i) => [m, `t${i}`, "Key Vault", 100])],
    name: "Azure",
  });
  const asOfWarnings = (r: ReturnType<typeof scoreTables>): string[] =>
    r.issues.filter((i) => i.table === "as-of" && i.severity === "warning").map((i) => i.message);

  it("is a warning on the as-of month it gives", () => {
    const r = scoreTables({ azure: azure(["2026-11", "2027-01"]) }, { today });
    expect(r.asOf).toBe("2027-01");
    expect(asOfWarnings(r)).toEqual([
      "The latest month in the data, 2027-01, is after the current month (2026-12), so some month cells hold a wrong date (a typo, or year-and-month numbers such as 202506 read as Excel date numbers). The score is as of 2027-01: correct the month column, or give the as-of month.",
    ]);
  });

  it("warns that the current month has not ended when it is the latest in the data", () => {
    const r = scoreTables({ azure: azure(["2026-11", "2026-12"]) }, { today });
    expect(r.asOf).toBe("2026-12");
    expect(asOfWarnings(r)).toEqual([
      "The latest month in the data, 2026-12, is the current month, which has not ended: its usage is incomplete, so the score as of 2026-12 may be lower than Microsoft's, which counts complete months. Give the as-of month 2026-11 to score the last complete month.",
    ]);
  });

  it("says nothing when the latest month is an earlier one, or the as-of month is given", () => {
    expect(asOfWarnings(scoreTables({ azure: azure(["2026-11"]) }, { today }))).toEqual([]);
    expect(asOfWarnings(scoreTables({ azure: azure(["2026-10"]) }, { today }))).toEqual([]);
    const given = scoreTables({ azure: azure(["2027-01"]) }, { today, asOf: monthIndex(2026, 11) });
    expect(asOfWarnings(given)).toEqual([]);
  });
});
