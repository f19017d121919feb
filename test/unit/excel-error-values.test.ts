import fc from "fast-check";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { readCsvTable } from "../../src/cli/csv-reader";
import { parseInputs, scoreTables } from "../../src/scoring";
import { englishErrorName, excelErrorValue } from "../../src/scoring/excel-errors";
import { AzureTable } from "../../src/scoring/parse-azure";
import { sharedRegistries } from "../../src/scoring/parse-inputs";
import {
  errorCellProblem,
  flagProblem,
  monthProblem,
  numberProblem,
} from "../../src/scoring/row-messages";

// A cell holding an Excel error value (#N/A, #VALUE! …) holds the report of a failed formula, not
// data: it is unreadable (scoring-rules §1.4, a row error), never a tenant, a person, a service or
// a certification of that name.

const NA_MESSAGE = (label: string): string =>
  `${label} "#N/A" is an Excel error value, not a value: the formula in that cell failed (#N/A: usually a lookup that found nothing); correct the formula or enter the value, then score again.`;

const AZURE_HEADER = ["Month", "CustomerTenantId", "ServiceName", "ACR_USD"];
const AZURE_FULL = [...AZURE_HEADER, "Offer", "Association", "IsDuplicate"];
const M365_HEADER = [
  "Month",
  "CustomerTenantId",
  "Workload",
  "PaidAvailableUnits",
  "ActiveUsers",
  "Association",
  "IsDuplicate",
];
const CERT_HEADER = ["Email", "Certification", "Earned"];

/** A small qualifying-looking data set: Azure, Microsoft 365 and certifications. */
function base(): { azure: unknown[][]; m365: unknown[][]; certs: unknown[][] } {
  const azure: unknown[][] = [AZURE_FULL];
  const m365: unknown[][] = [M365_HEADER];
  for (let t = 0; t < 12; t++)
    for (let m = 1; m <= 12; m++) {
      const month = `2025-${String(m).padStart(2, "0")}`;
      azure.push([month, `t${t}`, "Key Vault", 100 + t * 40, "Azure Plan", "PAL", 0]);
      m365.push([month, `m${t}`, "Intune", 20 + t, 10 + t, "CPOR", 0]);
    }
  const certs: unknown[][] = [
    CERT_HEADER,
    ["ann@x.example", "AZ-500", "2024-05-01"],
    ["bob@x.example", "SC-200", "2024-05-01"],
    ["cy@x.example", "SC-100", "2024-05-01"],
  ];
  return { azure, m365, certs };
}

function score(d: { azure: unknown[][]; m365: unknown[][]; certs: unknown[][] }) {
  return scoreTables({
    azure: { cells: d.azure, name: "Azure" },
    m365: { cells: d.m365, name: "M365" },
    certifications: { cells: d.certs, name: "Certs" },
  });
}

describe("Excel error values", () => {
  it.each([
    ["#N/A"],
    ["#VALUE!"],
    ["#REF!"],
    ["#DIV/0!"],
    ["#NAME?"],
    ["#NUM!"],
    ["#NULL!"],
    ["#SPILL!"],
    ["#CALC!"],
    ["#NV"],
    ["#WERT!"],
    ["#N/D"],
    ["#¡VALOR!"],
    ["#VALEUR!"],
    ["#N/B"],
    ["Err:502"],
    [" #N/A "],
  ])("knows %p as an error value", (text) => {
    expect(excelErrorValue(text)).toBe(text.trim());
  });

  it.each([
    // One or two of each language Excel writes its own error values in.
    ["#SAKNAS!", "#N/A"], // Swedish
    ["#VÄRDEFEL!", "#VALUE!"],
    ["#I/T", "#N/A"], // Danish, Norwegian
    ["#VÆRDI!", "#VALUE!"],
    ["#VERDI!", "#VALUE!"], // Norwegian
    ["#PUUTTUU", "#N/A"], // Finnish, both forms seen
    ["#PUUTTUU!", "#N/A"],
    ["#JAKO/0!", "#DIV/0!"],
    ["#N/D!", "#N/A"], // Polish
    ["#DZIEL/0!", "#DIV/0!"],
    ["#NENÍ_K_DISPOZICI", "#N/A"], // Czech
    ["#NEDOSTUPNÝ", "#N/A"], // Slovak
    ["#HIÁNYZIK", "#N/A"], // Hungarian
    ["#ÉRTÉK!", "#VALUE!"],
    ["#Н/Д", "#N/A"], // Russian
    ["#ССЫЛКА!", "#REF!"],
    ["#YOK", "#N/A"], // Turkish
    ["#DEĞER!", "#VALUE!"],
    ["#Δ/Υ", "#N/A"], // Greek
    ["#N/V", "#N/A"], // Slovenian
    ["#VRIJEDNOST!", "#VALUE!"], // Croatian
    ["#VALOARE!", "#VALUE!"], // Romanian
    ["#NV", "#N/A"], // German
    ["#N/D", "#N/A"], // Italian, Portuguese, Spanish, Croatian
    ["#NUL!", "#NULL!"], // French, Danish, Romanian
    ["#ÜBERLAUF!", "#SPILL!"],
    ["#saknas!", "#N/A"], // as typed
    ["#N/A", "#N/A"],
    ["Err:502", "Err:502"], // LibreOffice's own, as it is
  ])("knows %p as an error value, called %p in English", (text, english) => {
    expect(excelErrorValue(text)).toBe(text);
    expect(englishErrorName(text)).toBe(english);
  });

  it("names a localised error value in English in the message, with the lookup hint for #N/A's", () => {
    expect(errorCellProblem("CustomerTenantId", "#SAKNAS!")).toBe(
      'CustomerTenantId "#SAKNAS!" is an Excel error value (#N/A in English), not a value: the formula in that cell failed (#N/A: usually a lookup that found nothing); correct the formula or enter the value, then score again'
    );
    expect(errorCellProblem("ACR_USD", "#WERT!")).toBe(
      'ACR_USD "#WERT!" is an Excel error value (#VALUE! in English), not a value: the formula in that cell failed; correct the formula or enter the value, then score again'
    );
    expect(errorCellProblem("ACR_USD", "#n/a")).toBe(
      'ACR_USD "#n/a" is an Excel error value, not a value: the formula in that cell failed (#N/A: usually a lookup that found nothing); correct the formula or enter the value, then score again'
    );
    expect(errorCellProblem("ACR_USD", "Err:502")).toBe(
      'ACR_USD "Err:502" is an Excel error value, not a value: the formula in that cell failed; correct the formula or enter the value, then score again'
    );
    expect(errorCellProblem("ACR_USD", "Tenant")).toBeNull();
  });

  it("makes a Swedish #N/A in a CSV file's tenant column a row error, not a customer", () => {
    const dir = mkdtempSync(join(tmpdir(), "pcs-errsv-"));
    const path = join(dir, "azure.csv");
    const lines = [
      AZURE_HEADER.join(";"),
      "2025-06;#SAKNAS!;Key Vault;10",
      "2025-06;t1;Key Vault;10",
    ];
    writeFileSync(path, lines.join("\n"));
    const table = readCsvTable(path, sharedRegistries(), { expected: "azure" }) as AzureTable;
    expect(table.counts.errors).toBe(1);
    expect(table.rows.count).toBe(1);
    expect(table.issues.find((i) => i.severity === "error")?.message).toContain(
      '"#SAKNAS!" is an Excel error value (#N/A in English)'
    );
  });

  it.each([["WAHR"], ["falsch"], ["VRAI"], ["Falso"], ["ONWAAR"], ["SANT"], ["FAŁSZ"], ["ЛОЖЬ"]])(
    "keeps %p in a duplicate flag a row error (scoring-rules §1.5) and says it looks like a localised TRUE or FALSE",
    (word) => {
      const message = flagProblem("IsDuplicate", word);
      expect(message).toContain(`"${word}" is not a yes/no flag: use 1/0, TRUE/FALSE or yes/no`);
      expect(message).toContain(
        "looks like TRUE or FALSE as Excel writes them in another language"
      );
    }
  );

  it("gives the plain flag message for other words", () => {
    expect(flagProblem("IsDuplicate", "maybe")).toBe(
      'IsDuplicate "maybe" is not a yes/no flag: use 1/0, TRUE/FALSE or yes/no'
    );
  });

  it.each([
    ["#1 Plumbing"],
    ["N/A"],
    ["n/a"],
    ["#"],
    ["Err:50"],
    ["Error"],
    ["t-#N/A"],
    ["#N/A extra"],
    [""],
    [42],
    [null],
  ])("does not take %p for one", (cell) => {
    expect(excelErrorValue(cell)).toBeNull();
  });

  it("knows Excel's error objects (CustomFunctions.Error: the value as its code)", () => {
    expect(excelErrorValue({ code: "#N/A", message: "" })).toBe("#N/A");
    expect(excelErrorValue({ code: "#REF!" })).toBe("#REF!");
    expect(excelErrorValue({ code: "Tenant" })).toBeNull();
    expect(excelErrorValue(new Date(0))).toBeNull();
  });

  it("makes a row whose cells are error objects a row error, with the value in the message", () => {
    const parsed = parseInputs({
      azure: {
        cells: [
          ["Month", "CustomerTenantId", "ServiceName", "ACR_USD"],
          ["2025-06", { code: "#N/A" }, "Key Vault", 700],
          ["2025-06", "t1", "Key Vault", { code: "#DIV/0!" }],
          ["2025-06", "t2", "Key Vault", 700],
        ],
        name: "Azure",
      },
    });
    const table = parsed.azure[0];
    expect(table?.counts.errors).toBe(2);
    expect(table?.issues.filter((i) => i.severity === "error").map((i) => i.message)).toEqual([
      NA_MESSAGE("CustomerTenantId"),
      'ACR_USD "#DIV/0!" is an Excel error value, not a value: the formula in that cell failed; correct the formula or enter the value, then score again.',
    ]);
  });

  it("finds no error value in text that does not start with # or Err (property)", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        fc.pre(!/^\s*[#E]/.test(text));
        return excelErrorValue(text) === null;
      })
    );
  });

  it("makes a row whose tenant, service, person or certification is #N/A a row error, and scores the rest as without it", () => {
    const clean = score(base());
    expect(clean.tracks.smb.total).toBeGreaterThan(0);
    const d = base();
    d.azure.push(
      ["2025-12", "#N/A", "Key Vault", 5000, "Azure Plan", "PAL", 0],
      ["2025-12", "t1", "#N/A", 5000, "Azure Plan", "PAL", 0],
      ["2025-12", "t1", "Key Vault", 5000, "#N/A", "PAL", 0],
      ["2025-12", "t2", "Key Vault", 5000, "Azure Plan", "#VALUE!", 0],
      // Row errors come before the duplicate flag (scoring-rules §1.5).
      ["2025-12", "t3", "Key Vault", 5000, "#REF!", "PAL", 1]
    );
    d.m365.push(
      ["2025-12", "#N/A", "Intune", 500, 400, "CPOR", 0],
      ["2025-12", "m1", "#N/A", 500, 400, "CPOR", 0],
      ["2025-12", "m2", "Intune", 500, 400, "#N/A", 0],
      ["2025-12", "m3", "Intune", 500, 400, "#N/A", 1]
    );
    d.certs.push(["#N/A", "SC-200", "2024-05-01"], ["dee@x.example", "#N/A", "2024-05-01"]);
    const dirty = score(d);

    expect(dirty.tracks).toEqual(clean.tracks);
    expect(dirty.customers.map((c) => c.tenant)).toEqual(clean.customers.map((c) => c.tenant));
    expect(dirty.customers.some((c) => c.tenant === "#N/A")).toBe(false);
    const errors = (table: string) => dirty.inputs.find((i) => i.table === table)?.counts.errors;
    expect([errors("Azure"), errors("M365"), errors("Certs")]).toEqual([5, 4, 2]);
    const messages = dirty.issues.map((i) => i.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        NA_MESSAGE("CustomerTenantId"),
        NA_MESSAGE("ServiceName"),
        NA_MESSAGE("Offer"),
        NA_MESSAGE("Workload"),
        NA_MESSAGE("Association"),
        NA_MESSAGE("Email"),
        NA_MESSAGE("Certification"),
      ])
    );
    expect(messages.some((m) => m.startsWith('Association "#VALUE!" is an Excel error'))).toBe(
      true
    );
    expect(messages.some((m) => m.startsWith('Offer "#REF!" is an Excel error'))).toBe(true);
  });

  it("makes a row whose subscription is an error value a row error, in memory and in a CSV file", () => {
    const header = ["Month", "CustomerTenantId", "SubscriptionId", "ServiceName", "ACR_USD"];
    const rows = [
      ["2025-06", "t1", "s1", "Key Vault", 700],
      ["2025-06", "t1", "#N/A", "Key Vault", 700],
      ["2025-06", "t2", "s2", "Key Vault", 700],
    ];
    const memory = parseInputs({ azure: { cells: [header, ...rows], name: "Azure" } }).azure[0];
    const dir = mkdtempSync(join(tmpdir(), "pcs-errsub-"));
    const path = join(dir, "azure.csv");
    writeFileSync(path, [header, ...rows].map((r) => r.join(",")).join("\n"));
    const csv = readCsvTable(path, sharedRegistries(), { expected: "azure" });
    for (const table of [memory, csv]) {
      expect(table?.counts.errors).toBe(1);
      const errors = table?.issues.filter((i) => i.severity === "error");
      expect(errors?.map((i) => [i.row, i.message])).toEqual([[3, NA_MESSAGE("SubscriptionId")]]);
    }
  });

  it("makes a training download's row whose training type is an error value a row error", () => {
    const parsed = parseInputs({
      certifications: {
        cells: [
          ["Email", "TrainingType", "TrainingTitle", "TrainingCompletionDate"],
          ["ann@x.example", "Certification", "SC-200", "2024-05-01"],
          ["bob@x.example", "#N/A", "SC-200", "2024-05-01"],
        ],
        name: "Trainings",
      },
    });
    const table = parsed.certifications[0];
    expect(table?.counts.errors).toBe(1);
    expect(table?.issues.filter((i) => i.severity === "error").map((i) => i.message)).toEqual([
      NA_MESSAGE("TrainingType"),
    ]);
  });

  it("does not take an error value for a customer's name: a later row's name is used", () => {
    const result = scoreTables({
      azure: {
        cells: [
          ["Month", "CustomerTenantId", "CustomerName", "ServiceName", "ACR_USD"],
          ["2025-06", "t1", "#N/A", "Key Vault", 700],
          ["2025-06", "t1", "Contoso", "Key Vault", 700],
        ],
        name: "Azure",
      },
    });
    expect(result.customers.map((c) => [c.tenant, c.name])).toEqual([["t1", "Contoso"]]);
    expect(result.inputs[0]?.counts.errors).toBe(0);
  });

  it("names the error value in the messages of number, month and flag cells", () => {
    expect(numberProblem("ACR_USD", "#DIV/0!", "point", "an amount")).toBe(
      'ACR_USD "#DIV/0!" is an Excel error value, not a value: the formula in that cell failed; correct the formula or enter the value, then score again'
    );
    expect(monthProblem("Month", "#N/A") + ".").toBe(NA_MESSAGE("Month"));
    expect(flagProblem("IsDuplicate", "#REF!")).toContain('"#REF!" is an Excel error value');
    const parsed = parseInputs({
      certifications: { cells: [CERT_HEADER, ["ann@x.example", "SC-200", "#N/A"]], name: "C" },
    });
    expect(parsed.certifications[0]?.issues.map((i) => i.message)).toEqual([NA_MESSAGE("Earned")]);
  });

  it("reads a CSV file's error values as row errors too (each distinct value is judged once)", () => {
    const dir = mkdtempSync(join(tmpdir(), "pcs-errval-"));
    const path = join(dir, "azure.csv");
    const lines = [AZURE_HEADER.join(",")];
    for (let i = 0; i < 50; i++)
      lines.push(`2025-06,${i % 5 === 0 ? "#N/A" : `t${i % 7}`},Key Vault,10`);
    writeFileSync(path, lines.join("\n"));
    const table = readCsvTable(path, sharedRegistries(), { expected: "azure" }) as AzureTable;
    expect(table.counts.errors).toBe(10);
    expect(table.rows.count).toBe(40);
    expect(table.issues[0]?.message).toBe(NA_MESSAGE("CustomerTenantId"));
    expect(table.issues[0]?.row).toBe(2);
  });
});
