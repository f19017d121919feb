import fc from "fast-check";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { readCsvTable } from "../../src/cli/csv-reader";
import { inThread } from "../../src/cli/csv-split";
import { parseInputs } from "../../src/scoring";
import { repeatedRows } from "../../src/scoring/joined-exports";
import { AzureTable } from "../../src/scoring/parse-azure";
import { sharedRegistries } from "../../src/scoring/parse-inputs";
import { TableShape } from "../../src/scoring/table";
import { AZURE_HEADER, azureRow, m365Row, M365_HEADER, score } from "../helpers/tables";

// Two exports joined one under the other (pasted in a sheet, or CSV files joined with `cat`)
// leave the second header among the data rows. That row stays a row error, with a message that
// says what it is; rows after it that repeat rows before it count twice (every row of a table
// counts), so a warning says how many and how to give the exports as separate tables, where a
// shared row counts once (scoring-rules §1.2).

const warnings = (table: TableShape | undefined): string[] =>
  (table?.issues ?? []).filter((i) => i.severity === "warning").map((i) => i.message);
/** Row errors: each message's sentence on what the row is (after its problems), else the whole message. */
const rowErrors = (table: TableShape | undefined): { row: number | null; message: string }[] =>
  (table?.issues ?? [])
    .filter((i) => i.severity === "error")
    .map((i) => {
      const at = i.message.indexOf(" This row ");
      return { row: i.row, message: at < 0 ? i.message : i.message.slice(at + 1) };
    });

const REPEAT_AZURE =
  "This row repeats the header row (Month, CustomerTenantId), as when two exports are joined one under the other: it holds no data and is not counted.";

/** Azure rows of months `from` … `to` for two tenants. */
function azureExport(months: string[]): unknown[][] {
  return months.flatMap((month) => [
    azureRow({ month, tenant: "t1", acr: 1000, service: "Key Vault" }),
    azureRow({ month, tenant: "t2", acr: 250.5, service: "Azure Firewall" }),
  ]);
}

const parseAzure = (cells: unknown[][]): AzureTable | undefined =>
  parseInputs({ azure: { cells, name: "Azure" } }).azure[0];

describe("exports joined into one table", () => {
  it("names a repeated header row as such, and warns that rows both exports hold count twice", () => {
    const first = azureExport(["2025-01", "2025-02", "2025-03"]);
    const second = azureExport(["2025-02", "2025-03", "2025-04"]);
    const table = parseAzure([AZURE_HEADER, ...first, AZURE_HEADER, ...second]);
    // Header row 1, six data rows, the repeated header at row 8.
    expect(rowErrors(table)).toEqual([{ row: 8, message: REPEAT_AZURE }]);
    // The row's problems come first, as before.
    expect(table?.issues.find((i) => i.row === 8)?.message).toBe(
      `Month "Month" is not a month: use YYYY-MM, M/D/YYYY, D.M.YYYY or an Excel date; ACR_USD "ACR_USD" is not a number: enter an amount such as 1250.50, $1,250.50 or (12.50). ${REPEAT_AZURE}`
    );
    expect(table?.counts.errors).toBe(1);
    expect(warnings(table)).toContain(
      "Row 8 repeats the header row: this table looks like exports joined one under the other, and 4 rows after a repeated header are the same as rows before it (tenant, month, service, offer, association, subscription and ACR), so where they are eligible, their ACR counts twice. If the exports overlap, give each as its own table or file (two sheets, or two files: --azure first.csv --azure second.csv): a row two tables share counts once, the largest (scoring-rules §1.2); or delete the rows one export repeats."
    );
    // Every row is still read as the rules say: the overlapping months count twice.
    expect(table?.rows.count).toBe(12);
  });

  it("names the repeated header but does not warn when the exports share no row", () => {
    const table = parseAzure([
      AZURE_HEADER,
      ...azureExport(["2025-01", "2025-02"]),
      AZURE_HEADER,
      ...azureExport(["2025-03", "2025-04"]),
    ]);
    expect(rowErrors(table)).toEqual([{ row: 6, message: REPEAT_AZURE }]);
    expect(warnings(table).filter((w) => w.includes("repeats the header"))).toEqual([]);
  });

  it("counts rows a third export repeats again, and names every repeated header", () => {
    const rows = azureExport(["2025-05", "2025-06"]);
    const table = parseAzure([AZURE_HEADER, ...rows, AZURE_HEADER, ...rows, AZURE_HEADER, ...rows]);
    expect(rowErrors(table).map((e) => e.row)).toEqual([6, 11]);
    expect(
      warnings(table).find((w) => w.startsWith("Rows 6 and 11 repeat the header row"))
    ).toMatch(/and 8 rows after a repeated header are the same as rows before it/);
  });

  it("matches each repeated row with one earlier row", () => {
    const x = azureRow({ month: "2025-06", tenant: "t1", acr: 10, service: "Key Vault" });
    const y = azureRow({ month: "2025-06", tenant: "t2", acr: 20, service: "Key Vault" });
    const table = parseAzure([AZURE_HEADER, x, y, AZURE_HEADER, x, x, y, y]);
    expect(warnings(table).find((w) => w.startsWith("Row 4 repeats"))).toMatch(
      /and 2 rows after a repeated header are the same as rows before it/
    );
  });

  it("counts a row two tables share once, the largest of the tables' sums, never their sum ([decision] §1.2): separate tables score as one export, without the warning", () => {
    const rows = azureExport(["2025-04", "2025-05", "2025-06"]);
    const once = score({ azure: [AZURE_HEADER, ...rows] }, "2025-06");
    const separate = parseInputs({
      azure: [
        { cells: [AZURE_HEADER, ...rows], name: "Azure 1" },
        { cells: [AZURE_HEADER, ...rows], name: "Azure 2" },
      ],
    });
    expect(separate.azure.flatMap((t) => warnings(t))).toEqual([]);
    const joined = score({ azure: [AZURE_HEADER, ...rows, AZURE_HEADER, ...rows] }, "2025-06");
    expect(joined.customers[0]?.azure?.ttmAcr).toBe(2 * (once.customers[0]?.azure?.ttmAcr ?? 0));
  });

  it("keeps the usual message for a row that holds a header name in one column only", () => {
    const table = parseAzure([
      AZURE_HEADER,
      ...azureExport(["2025-06"]),
      ["Month", "t9", "Customer t9", "Key Vault", "", "PAL", "s1", 10],
    ]);
    const errors = rowErrors(table);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/^Month "Month" is not a month/);
    expect(warnings(table).filter((w) => w.includes("repeats the header"))).toEqual([]);
  });

  it("warns for Microsoft 365 licences repeated after a second header", () => {
    const rows = [
      m365Row("2025-05", "m1", "Intune", 400, 300),
      m365Row("2025-06", "m1", "Intune", 420, 310),
    ];
    const parsed = parseInputs({
      m365: {
        cells: [
          M365_HEADER,
          ...rows,
          M365_HEADER,
          rows[1] ?? [],
          m365Row("2025-07", "m1", "Intune", 430, 300),
        ],
        name: "M365",
      },
    });
    const table = parsed.m365[0];
    expect(rowErrors(table)).toEqual([
      {
        row: 4,
        message:
          "This row repeats the header row (Month, CustomerTenantId), as when two exports are joined one under the other: it holds no data and is not counted.",
      },
    ]);
    expect(warnings(table)).toContain(
      "Row 4 repeats the header row: this table looks like exports joined one under the other, and 1 row after a repeated header is the same as a row before it (tenant, month, workload, association, paid and active licences), so where they are eligible, their licences count twice. If the exports overlap, give each as its own table or file (two sheets, or two files: --m365 first.csv --m365 second.csv): a row two tables share counts once, the largest (scoring-rules §1.2); or delete the rows one export repeats."
    );
  });

  describe("in CSV files joined with cat (a byte-order mark before the second header)", () => {
    const dir = mkdtempSync(join(tmpdir(), "pcs-joined-"));
    const header = "Month,CustomerTenantId,ServiceName,SubscriptionId,ACR_USD";
    const lines = (months: string[]): string[] =>
      months.flatMap((m) => [`${m},t1,Key Vault,s1,1000.25`, `${m},t2,Azure Firewall,s2,99`]);
    const path = join(dir, "joined.csv");
    writeFileSync(
      path,
      "\ufeff" +
        [header, ...lines(["2025-01", "2025-02", "2025-03"])].join("\r\n") +
        "\r\n\ufeff" +
        [header, ...lines(["2025-03", "2025-04", "2025-05"])].join("\r\n") +
        "\r\n"
    );

    it.each([
      ["read on one thread", undefined],
      ["read on two threads, the second header in the other thread's part", 0.3],
    ])("names the header row and warns (%s)", (_how, at) => {
      const table = readCsvTable(path, sharedRegistries(), {
        expected: "azure",
        ...(at === undefined ? {} : { split: inThread, splitBytes: 0, splitAt: at }),
      });
      expect(rowErrors(table)).toEqual([
        {
          row: 8,
          message:
            "This row repeats the header row (Month, CustomerTenantId), as when two exports are joined one under the other: it holds no data and is not counted.",
        },
      ]);
      expect(warnings(table).find((w) => w.startsWith("Row 8 repeats"))).toMatch(
        /and 2 rows after a repeated header are the same as rows before it/
      );
    });
  });

  it("matches rows as a plain multiset of earlier rows does, for any parts", () => {
    // A plain reference: each part's rows against a bag of the earlier parts' rows.
    const reference = (parts: [number, number][][]): number => {
      const bag = new Map<string, number>();
      let repeated = 0;
      parts.forEach((part, k) => {
        if (k > 0)
          for (const row of part) {
            const left = bag.get(row.join(",")) ?? 0;
            if (left > 0) {
              bag.set(row.join(","), left - 1);
              repeated++;
            }
          }
        for (const row of part) bag.set(row.join(","), (bag.get(row.join(",")) ?? 0) + 1);
      });
      return repeated;
    };
    const value = fc.constantFrom(0, 1, 2, 2 ** 31 + 5, 2 ** 33, -7, 1.5);
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.tuple(value, value), { maxLength: 12 }), {
          minLength: 1,
          maxLength: 4,
        }),
        (parts) => {
          const rows = parts.flat();
          const starts: number[] = [];
          let at = 0;
          parts.forEach((part, k) => {
            if (k > 0) starts.push(at);
            at += part.length;
          });
          const columns = [
            Float64Array.from(rows, (r) => r[0]),
            Float64Array.from(rows, (r) => r[1]),
          ];
          expect(repeatedRows(rows.length, starts, columns)).toBe(reference(parts));
        }
      ),
      { numRuns: 500 }
    );
  });
});
