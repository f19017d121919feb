import { parseInputs } from "../../src/scoring";
import { TableShape } from "../../src/scoring/table";

// Where two columns share a header the leftmost is read (scoring-rules §1.0); when a column the
// table is read from is one of them, a warning says so (a second export pasted beside the first
// is otherwise dropped without a word).

const warnings = (table: TableShape | undefined): string[] =>
  (table?.issues ?? []).filter((i) => i.severity === "warning").map((i) => i.message);

const TAIL =
  "more than one column: the leftmost is read and the others are ignored. If another table was pasted beside this one, move it below this table or to a sheet (or file) of its own; if a column holds something else, rename its header.";

describe("headers shared by several columns", () => {
  it("reads the leftmost ACR column and warns that another column has its header", () => {
    const parsed = parseInputs({
      azure: {
        cells: [
          ["Month", "CustomerTenantId", "ServiceName", "ACR_USD", "ACR USD"],
          ["2025-06", "t1", "Key Vault", 100, 5000],
        ],
        name: "Azure",
      },
    });
    const table = parsed.azure[0];
    expect(table?.rows.acrMicro[0]).toBe(100e6);
    expect(warnings(table)).toContain(`The header "ACR_USD" heads ${TAIL}`);
  });

  it("names every header of a second export pasted beside the first", () => {
    const header = ["Month", "CustomerTenantId", "ServiceName", "ACR_USD"];
    const parsed = parseInputs({
      azure: {
        cells: [
          [...header, "", ...header],
          ["2025-06", "t1", "Key Vault", 100, "", "2025-05", "t2", "Key Vault", 900],
        ],
        name: "Azure",
      },
    });
    expect(parsed.azure[0]?.rows.count).toBe(1);
    expect(warnings(parsed.azure[0])).toContain(
      `The headers "Month", "CustomerTenantId", "ServiceName", "ACR_USD" each head ${TAIL}`
    );
  });

  it("warns for Microsoft 365 and certification tables too", () => {
    const parsed = parseInputs({
      m365: {
        cells: [
          ["Month", "CustomerTenantId", "Workload", "PaidAvailableUnits", "Workload"],
          ["2025-06", "t1", "Intune", 10, "Exchange"],
        ],
        name: "M365",
      },
      certifications: {
        cells: [
          ["Email", "Certification", "Earned", "Certification"],
          ["ann@x.example", "SC-200", "2024-05-01", "AZ-900"],
        ],
        name: "Certs",
      },
    });
    expect(warnings(parsed.m365[0])).toContain(`The header "Workload" heads ${TAIL}`);
    expect(warnings(parsed.certifications[0])).toContain(
      `The header "Certification" heads ${TAIL}`
    );
  });

  it("says nothing when only columns the table is not read from share a header", () => {
    const parsed = parseInputs({
      azure: {
        cells: [
          ["Month", "CustomerTenantId", "ServiceName", "ACR_USD", "Notes", "Notes"],
          ["2025-06", "t1", "Key Vault", 100, "a", "b"],
        ],
        name: "Azure",
      },
    });
    expect(warnings(parsed.azure[0]).filter((w) => w.includes("more than one column"))).toEqual([]);
  });
});
