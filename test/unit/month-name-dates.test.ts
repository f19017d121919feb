import { parseInputs } from "../../src/scoring";
import { monthProblem } from "../../src/scoring/row-messages";

// Dates written with a month name (Excel's mmm-yy display, as a CSV saved from Excel holds it)
// are row errors (scoring-rules §1.4 lists the forms read); the message says where they come from.

const HINT =
  " (a month name, as Excel shows dates in its mmm-yy format and writes them into a CSV file: format the column as yyyy-mm-dd before saving as CSV, or give the workbook instead)";

describe("dates written with a month name", () => {
  it.each([
    ["Jun-25"],
    ["June 2025"],
    ["5-Jun-24"],
    ["Sept. 2025"],
    ["juin-25"],
    ["Okt 2024"],
    ["déc.-24"],
    ["maj-25"], // Swedish, Danish, Polish
    ["paź-24"], // Polish
    ["kvě 2025"], // Czech
    ["kesä-25"], // Finnish
    ["szept. 2025"], // Hungarian
    ["Ağu-25"], // Turkish
    ["июн-25"], // Russian
  ])("names %p as a month-name date", (text) => {
    expect(monthProblem("Month", text).endsWith(HINT)).toBe(true);
  });

  it.each([["2025-13"], ["n/a"], ["soon"], ["Total 2025"], ["Q2 2025"], ["FY25"], [""]])(
    "adds nothing for %p",
    (text) => {
      expect(monthProblem("Month", text)).not.toContain("a month name");
    }
  );

  it.each([[20250601], ["20250601"], [" 19991231 "]])(
    "names %p as a date written YYYYMMDD, and how to write it",
    (cell) => {
      const digits = String(cell).trim();
      const iso = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6)}`;
      expect(monthProblem("Month", cell)).toContain(
        `(${digits} looks like a date written YYYYMMDD: write it as ${iso})`
      );
    }
  );

  it.each([[20251301], [20250632], ["2025061"], [202506011], [30250601]])(
    "does not name %p a YYYYMMDD date",
    (cell) => {
      expect(monthProblem("Month", cell)).not.toContain("YYYYMMDD");
    }
  );

  it("says so in the row errors of the month and certification date columns", () => {
    const parsed = parseInputs({
      azure: {
        cells: [
          ["Month", "CustomerTenantId", "ServiceName", "ACR_USD"],
          ["Jun-25", "t1", "Key Vault", 700],
        ],
        name: "Azure",
      },
      certifications: {
        cells: [
          ["Email", "Certification", "Earned"],
          ["ann@x.example", "SC-200", "5-Jun-24"],
          ["bob@x.example", "SC-200", 20240105],
        ],
        name: "Certs",
      },
    });
    expect(parsed.azure[0]?.issues.map((i) => i.message)).toContain(
      `Month "Jun-25" is not a month: use YYYY-MM, M/D/YYYY, D.M.YYYY or an Excel date${HINT}.`
    );
    expect(parsed.certifications[0]?.issues.map((i) => i.message)).toContain(
      `Earned "5-Jun-24" is not a date: use YYYY-MM-DD, M/D/YYYY, D.M.YYYY or an Excel date${HINT}.`
    );
    expect(parsed.certifications[0]?.issues.map((i) => i.message)).toContain(
      `Earned "20240105" is not a date: use YYYY-MM-DD, M/D/YYYY, D.M.YYYY or an Excel date (20240105 looks like a date written YYYYMMDD: write it as 2024-01-05).`
    );
  });
});
