import fc from "fast-check";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { readCsvTable } from "../../src/cli/csv-reader";
import { threeAfterSeparator } from "../../src/cli/field-bytes";
import { parseInputs } from "../../src/scoring";
import { otherConventionValue, parseNumber } from "../../src/scoring/cells";
import { THREE_AFTER_SEPARATOR } from "../../src/scoring/mixed-marks";
import { AzureTable } from "../../src/scoring/parse-azure";
import { sharedRegistries } from "../../src/scoring/parse-inputs";

// An amount valid in both decimal conventions (`12.345`) is read in its table's (scoring-rules
// §1.4, unchanged); when other amounts of the column can only be read in the other convention,
// the column probably uses it, and a warning says which values may be 1,000 times too large.

function csvTable(lines: string[]): AzureTable {
  const dir = mkdtempSync(join(tmpdir(), "pcs-marks-"));
  const path = join(dir, "azure.csv");
  writeFileSync(path, lines.join("\n"));
  return readCsvTable(path, sharedRegistries(), { expected: "azure" }) as AzureTable;
}

const warnings = (table: AzureTable | undefined): string[] =>
  (table?.issues ?? []).filter((i) => i.severity === "warning").map((i) => i.message);

const MICRO = 1e6;

describe("amounts that read differently with the other decimal mark", () => {
  it("warns when a Swiss file (semicolons, decimal points) has values read as thousands groups, and keeps their values", () => {
    const table = csvTable([
      "Month;CustomerTenantId;ServiceName;ACR_USD",
      "2025-06-01;t1;Key Vault;1250.50",
      "2025-06-01;t2;Key Vault;12.345",
      "2025-06-01;t3;Key Vault;0.125",
      "2025-06-01;t4;Key Vault;99",
    ]);
    expect(table.counts.errors).toBe(1);
    expect(Array.from(table.rows.acrMicro.subarray(0, table.rows.count))).toEqual([
      12345 * MICRO,
      125 * MICRO,
      99 * MICRO,
    ]);
    expect(warnings(table)).toContain(
      'ACR_USD "12.345" (row 3) was read with decimal commas, as 12345 (12.345 with decimal points), but "1250.50" (row 2) uses a decimal point, so the column may use decimal points, and then that value and 1 more like it are wrong by a factor of 1,000; if the file uses decimal points, leave out --decimal-comma (a semicolon-separated CSV file is always read with decimal commas, so save it comma-separated).'
    );
  });

  it("says nothing for a German file whose grouped amounts are all decimal-comma amounts", () => {
    const table = csvTable([
      "Month;CustomerTenantId;ServiceName;ACR_USD",
      "2025-06-01;t1;Key Vault;1.250",
      "2025-06-01;t2;Key Vault;1.250,50",
      "2025-06-01;t3;Key Vault;700,5",
    ]);
    expect(table.counts.errors).toBe(0);
    expect(warnings(table).filter((w) => w.includes("factor of 1,000"))).toEqual([]);
  });

  it("says nothing when only the unreadable values are there (their row errors say it)", () => {
    const table = csvTable([
      "Month,CustomerTenantId,ServiceName,ACR_USD",
      '2025-06-01,t1,Key Vault,"700,50"',
      "2025-06-01,t2,Key Vault,650",
    ]);
    expect(table.counts.errors).toBe(1);
    expect(warnings(table).filter((w) => w.includes("factor of 1,000"))).toEqual([]);
  });

  it('warns the other way in a decimal-point table: text "1,250" read as 1250 beside "700,50"', () => {
    const parsed = parseInputs({
      azure: {
        cells: [
          ["Month", "CustomerTenantId", "ServiceName", "ACR_USD"],
          ["2025-06", "t1", "Key Vault", "700,50"],
          ["2025-06", "t2", "Key Vault", "1,250"],
        ],
        name: "Azure",
      },
    });
    expect(warnings(parsed.azure[0])).toContain(
      'ACR_USD "1,250" (row 3) was read with decimal points, as 1250 (1.25 with decimal commas), but "700,50" (row 2) uses a decimal comma, so the column may use decimal commas, and then that value is wrong by a factor of 1,000; if the file uses decimal commas, say so (command line: --decimal-comma; a semicolon-separated CSV file is read with decimal commas).'
    );
  });

  it('warns when the values read may be 1,000 times too small (a German "1.250" in a comma-separated file)', () => {
    const table = csvTable([
      "Month,CustomerTenantId,ServiceName,ACR_USD",
      '2025-06-01,t1,Key Vault,"1.250"',
      '2025-06-01,t2,Key Vault,"700,50"',
      '2025-06-01,t3,Key Vault,"(2.500) USD"',
    ]);
    expect(Array.from(table.rows.acrMicro.subarray(0, table.rows.count))).toEqual([
      1.25 * MICRO,
      -2.5 * MICRO,
    ]);
    expect(warnings(table)).toContain(
      'ACR_USD "1.250" (row 2) was read with decimal points, as 1.25 (1250 with decimal commas), but "700,50" (row 3) uses a decimal comma, so the column may use decimal commas, and then that value and 1 more like it are wrong by a factor of 1,000; if the file uses decimal commas, say so (command line: --decimal-comma; a semicolon-separated CSV file is read with decimal commas).'
    );
  });

  it("never counts number cells (Excel's numbers have no decimal mark)", () => {
    const parsed = parseInputs({
      azure: {
        cells: [
          ["Month", "CustomerTenantId", "ServiceName", "ACR_USD"],
          ["2025-06", "t1", "Key Vault", "700,50"],
          ["2025-06", "t2", "Key Vault", 1250],
        ],
        name: "Azure",
      },
    });
    expect(warnings(parsed.azure[0]).filter((w) => w.includes("factor of 1,000"))).toEqual([]);
  });

  it("lets through the cheap tests every text the two conventions read differently (property)", () => {
    const group = fc.stringMatching(/^[0-9]{1,4}$/);
    const text = fc
      .tuple(
        fc.constantFrom("", "-", "$", "(", "$ "),
        fc.array(fc.tuple(group, fc.constantFrom("", ".", ",")), { minLength: 1, maxLength: 4 }),
        fc.constantFrom("", " ", " USD", "\u00a0")
      )
      .map(([sign, parts, tail]) => {
        const body = parts.map(([digits, sep]) => digits + sep).join("");
        return (sign === "(" ? `(${body})` : sign + body) + tail;
      });
    fc.assert(
      fc.property(text, fc.constantFrom("point" as const, "comma" as const), (t, mark) => {
        const value = parseNumber(t, mark);
        const other = otherConventionValue(t, mark);
        if (!Number.isFinite(value) || !Number.isFinite(other) || value === other) return true;
        const bytes = new TextEncoder().encode(t);
        return THREE_AFTER_SEPARATOR.test(t) && threeAfterSeparator(bytes, 0, bytes.length);
      }),
      { numRuns: 5000 }
    );
  });
});
