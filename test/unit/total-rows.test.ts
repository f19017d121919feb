import { parseInputs } from "../../src/scoring";
import { TableShape } from "../../src/scoring/table";
import { AZURE_HEADER, azureRow, m365Row, M365_HEADER } from "../helpers/tables";

// A total or subtotal under the data (reports and pivot tables add them) is a row error as any
// row without a tenant is; its message keeps the row's problems and then says what the row looks
// like, so a partner knows there is nothing to fix but the row itself.

const errors = (table: TableShape | undefined): Map<number | null, string> =>
  new Map(
    (table?.issues ?? []).filter((i) => i.severity === "error").map((i) => [i.row, i.message])
  );

describe("total rows under the data", () => {
  it("says that an Azure row with an amount but no tenant or service looks like a total", () => {
    const table = parseInputs({
      azure: {
        cells: [
          AZURE_HEADER,
          azureRow({ month: "2025-06", tenant: "t1", acr: 1250.5 }),
          ["Total", "", "", "", "", "", "", 1250.5],
          ["", "", "", "", "", "", "", 1250.5],
          ["2025-06", "", "", "", "", "", "", "1,250.50"],
        ],
        name: "Azure",
      },
    }).azure[0];
    const byRow = errors(table);
    expect(byRow.get(3)).toBe(
      'Month "Total" is not a month: use YYYY-MM, M/D/YYYY, D.M.YYYY or an Excel date; CustomerTenantId is blank: enter the customer\'s tenant id; Service is blank: enter the Azure service name. This row has ACR_USD but no CustomerTenantId or Service, like a total or subtotal row: it is not counted (delete it from the data to clear this message).'
    );
    expect(byRow.get(4)).toMatch(
      / This row has ACR_USD but no CustomerTenantId or Service, like a total/
    );
    expect(byRow.get(5)).toMatch(/^CustomerTenantId is blank.* This row has ACR_USD but no/);
    expect(table?.counts.errors).toBe(3);
    expect(table?.rows.count).toBe(1);
  });

  it("does not call a row a total when it names a tenant, a service, or has no amount", () => {
    const table = parseInputs({
      azure: {
        cells: [
          AZURE_HEADER,
          ["Total", "t1", "", "", "", "", "", 10],
          ["Total", "", "", "Key Vault", "", "", "", 10],
          ["Total", "", "", "", "", "", "", "n/a"],
        ],
        name: "Azure",
      },
    }).azure[0];
    for (const message of errors(table).values()) expect(message).not.toMatch(/total or subtotal/);
    expect(table?.counts.errors).toBe(3);
  });

  it("says the same of a licence row with counts but no tenant or workload", () => {
    const table = parseInputs({
      m365: {
        cells: [
          M365_HEADER,
          m365Row("2025-06", "m1", "Intune", 40, 30),
          ["", "", "", "", 40, 30, ""],
        ],
        name: "M365",
      },
    }).m365[0];
    expect(errors(table).get(3)).toBe(
      "Month is blank: enter the licence month (e.g. 2025-06); CustomerTenantId is blank: enter the customer's tenant id; Workload is blank: enter the workload name. This row has PaidAvailableUnits but no CustomerTenantId or Workload, like a total or subtotal row: it is not counted (delete it from the data to clear this message)."
    );
  });
});
