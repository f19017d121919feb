import { existsSync, mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { runCli } from "../helpers/cli";

const dir = mkdtempSync(join(tmpdir(), "pcs-cli-"));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

const azure = file(
  "azure.csv",
  '\ufeffMonth,CustomerTenantId,Customer Name,Service,Offer,Association,ACR_USD\n2025-06,T1,"Contoso, Ltd",Azure Sentinel,Azure Plan,PAL,"$1,250.00"\n2024-06,T2,"Fabrikam ""Blue""",Key Vault,Azure Plan,CSP Tier 1,700\n2025-06,T3,"Multi\nline",Key Vault,Azure Plan,PAL,abc\n'
);
const m365 = file(
  "m365.csv",
  "Month,TenantId,Workload,PaidAvailableUnits,MonthlyActiveUsers\n2025-06,T1,Intune,50,10\n"
);
const certs = file("certs.csv", "Email,Exam,Earned\nann@x.com,AZ-500,2024-01-01\n");

describe("security-pcs score --json", () => {
  it("prints the documented fields", async () => {
    const { code, out, err } = await runCli([
      "score",
      "--azure",
      azure,
      "--m365",
      m365,
      "--certs",
      certs,
      "--json",
    ]);
    expect(err).toBe("");
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.rules).toBe("2025");
    expect(r.asOf).toBe("2025-06");
    for (const track of ["enterprise", "smb"]) {
      const t = r.tracks[track];
      for (const metric of ["netCustomerAdds", "deployments", "usageGrowth"]) {
        expect(typeof t[metric].points).toBe("number");
        for (const side of ["azure", "m365"]) {
          expect(Object.keys(t[metric][side])).toEqual(
            expect.arrayContaining(["current", "previous", "points"])
          );
        }
      }
      expect(Object.keys(t.skilling)).toEqual(
        expect.arrayContaining(["points", "step1", "step2", "step3"])
      );
      expect(typeof t.total).toBe("number");
      expect(typeof t.qualified).toBe("boolean");
    }
    expect(["enterprise", "smb"]).toContain(r.bestTrack);
    expect(typeof r.total).toBe("number");
    expect(typeof r.qualified).toBe("boolean");
    expect(Array.isArray(r.customers)).toBe(true);
    expect(Array.isArray(r.people)).toBe(true);
    for (const issue of r.issues)
      expect(Object.keys(issue).sort()).toEqual(["message", "row", "severity", "table"]);
  });
  it("reads CSV with a BOM, quoted commas, doubled quotes and line breaks inside quotes", async () => {
    const r = JSON.parse((await runCli(["score", "--azure", azure, "--json"])).out);
    expect(r.customers.map((c: { name: string }) => c.name)).toEqual([
      "Contoso, Ltd",
      'Fabrikam "Blue"',
    ]);
    expect(r.customers[0].azure.ttmAcr).toBe(1250);
    expect(r.issues.find((i: { severity: string }) => i.severity === "error")).toEqual({
      severity: "error",
      table: azure,
      row: 4,
      message:
        'ACR_USD "abc" is not a number: enter an amount such as 1250.50, $1,250.50 or (12.50).',
    });
  });
  it("scores a chosen as-of month", async () => {
    const r = JSON.parse(
      (await runCli(["score", "--azure", azure, "--as-of", "2024-06", "--json"])).out
    );
    expect(r.asOf).toBe("2024-06");
    expect(r.tracks.smb.netCustomerAdds.azure.current).toBe(1);
  });
});

describe("security-pcs score summary", () => {
  it("shows both tracks side by side, qualification, best path and issue counts", async () => {
    const { code, out } = await runCli(["score", "--azure", azure, "--certs", certs]);
    expect(code).toBe(0);
    expect(out).toMatch(/Metric\s+Max\s+Enterprise\s+SMB/);
    expect(out).toMatch(/Net customer adds\s+20\s+0\.0\s+0\.0/);
    expect(out).toMatch(/Qualified \(70\+, 1\+ each\)\s+no\s+no/);
    expect(out).toMatch(/Best path: (Enterprise|SMB), /);
    expect(out).toMatch(/Issues: 1 errors, \d+ warnings, \d+ notes\./);
  });
});

describe("bad input", () => {
  it.each([
    [
      ["score", "--azure", join(dir, "missing.csv")],
      `security-pcs: ${join(dir, "missing.csv")}: file not found`,
    ],
    [["score", "--azure", dir], `security-pcs: ${dir}: is a folder, not a file`],
    [
      ["score", "--azure", file("nocol.csv", "Month,Tenant,Service\n2025-06,a,Key Vault\n")],
      `security-pcs: ${join(dir, "nocol.csv")}: the Azure consumption table has no ACR column. Add a column with one of these headers: ACR_USD, ACR (USD), ACR, AzureConsumedRevenueUSD, TotalACR, Consumed Revenue.`,
    ],
    [
      ["score", "--m365", file("nopaid.csv", "Month,Tenant,Workload\n")],
      `security-pcs: ${join(dir, "nopaid.csv")}: the Microsoft 365 licences table has no paid licences column. Add a column with one of these headers: PaidAvailableUnits, Paid Licenses, Paid Licences, Paid Seats, Paid.`,
    ],
    [
      ["score", "--certs", file("empty.csv", "")],
      `security-pcs: ${join(dir, "empty.csv")}: the file is empty; it needs a header row`,
    ],
    [
      ["score", "--azure", file("bin.csv", "a\u0000b")],
      `security-pcs: ${join(dir, "bin.csv")}: not a CSV text file (it contains binary data; export the sheet as CSV UTF-8)`,
    ],
    [
      ["score", "--azure", join(__dirname, "..", "..", "samples", "contoso-security.xlsx")],
      `security-pcs: ${join(__dirname, "..", "..", "samples", "contoso-security.xlsx")}: not a CSV text file (it contains binary data; export the sheet as CSV UTF-8); it is an Excel workbook: give it with --workbook, which finds its input sheets by their headers`,
    ],
    [
      ["score"],
      "security-pcs: no input: give --azure, --m365 and/or --certs CSV files, or --workbook BOOK.xlsx (see security-pcs --help)",
    ],
    [["score", "--azure"], "security-pcs: --azure needs a value (see security-pcs --help)"],
    [["score", "--bogus"], "security-pcs: unknown option --bogus (see security-pcs --help)"],
    [
      ["score", "--azure", azure, "--as-of", "June"],
      'security-pcs: --as-of "June" is not a month: use YYYY-MM, e.g. 2025-06',
    ],
    [
      ["score", "--azure", azure, "--as-of", "2025-13"],
      'security-pcs: --as-of "2025-13" is not a month: use YYYY-MM, e.g. 2025-06',
    ],
    [
      ["frobnicate"],
      'security-pcs: unknown command "frobnicate": the command is "score" (see security-pcs --help)',
    ],
  ])("exits 2 for %p with one line on stderr", async (argv, message) => {
    const { code, out, err } = await runCli(argv as string[]);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toBe(message);
    expect(err.split("\n")).toHaveLength(1);
  });
  it("prints help", async () => {
    const { code, out } = await runCli(["--help"]);
    expect(code).toBe(0);
    expect(out).toMatch(/^Usage: security-pcs score/);
  });
});

describe("inputs that cannot be scored", () => {
  it("exits 1 with the summary, and writes no scorecard, when every data row of an input is a row error", async () => {
    const bad = file(
      "alldates.csv",
      "Month,Tenant,Service,ACR\n01.07.2023 x,t1,Key Vault,5\nsoon,t2,Key Vault,7\n\n"
    );
    const out = join(dir, "never.xlsx");
    const { code, out: stdout, err } = await runCli(["score", "--azure", bad, "--out", out]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/Metric\s+Max\s+Enterprise\s+SMB/);
    expect(stdout).toContain("2 with errors");
    expect(err).toBe(
      `security-pcs: every data row of ${bad} is a row error, so there is nothing to score (see the issues above for the rows and what to fix); no scorecard was written.`
    );
    expect(existsSync(out)).toBe(false);
  });
  it("still scores (exit 0) when only some rows are errors", async () => {
    const { code } = await runCli(["score", "--azure", azure]);
    expect(code).toBe(0);
  });
});

describe("several exports of a kind", () => {
  it("takes --azure and --m365 more than once and lists each input with its layout", async () => {
    const a2 = file("a2.csv", "Month,Tenant,Service,ACR\n2025-06,T9,Key Vault,800\n");
    const wide = file(
      "ems.csv",
      "Month,CustomerTenantId,SKU,AADPPaidAvailableUnits,AADPMonthlyActiveUsers\n2025-06,T8,EMS E3,12,2\n"
    );
    const { code, out } = await runCli([
      "score",
      "--azure",
      azure,
      "--azure",
      a2,
      "--m365",
      m365,
      "--m365",
      wide,
      "--json",
    ]);
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.inputs.map((i: { table: string; layout: string }) => [i.table, i.layout])).toEqual([
      [azure, "Azure consumption table"],
      [a2, "Azure consumption table"],
      [m365, "Microsoft 365 licences table"],
      [wide, "Enterprise Mobility licence usage report (Partner Center), wide: 1 workload"],
    ]);
    expect(r.customers.map((c: { tenant: string }) => c.tenant)).toEqual(
      expect.arrayContaining(["T1", "T9", "T8"])
    );
  });
  it("counts the same consumption once under several association types whatever the case and spaces of its subscription id, in one file or two", async () => {
    const head = "Month,CustomerTenantId,Service,Offer,Association,SubscriptionId,ACR_USD\n";
    const ttm = async (...files: string[]): Promise<number> => {
      const args = files.flatMap((f) => ["--azure", f]);
      const r = JSON.parse((await runCli(["score", ...args, "--as-of", "2025-06", "--json"])).out);
      return r.customers[0].azure.ttmAcr;
    };
    // One file: the PAL and CSP rows of SUB-1 and sub-1 are one subscription's consumption.
    const one = file(
      "subs-one.csv",
      `${head}2025-06,T1,Key Vault,Azure Plan,PAL,SUB-1,400\n2025-06,T1,Key Vault,Azure Plan,CSP Tier 1,sub-1,450\n2025-06,T1,Key Vault,Azure Plan,PAL,sub-2,50\n`
    );
    expect(await ttm(one)).toBe(500);
    // Two exports: the same subscription in each counts once (the larger).
    const a = file("subs-a.csv", `${head}2025-06,T1,Key Vault,Azure Plan,PAL,Sub-1,400\n`);
    const b = file("subs-b.csv", `${head}2025-06,T1,Key Vault,Azure Plan,PAL, sub-1 ,450\n`);
    expect(await ttm(a, b)).toBe(450);
    const c = file("subs-c.csv", `${head}2025-06,T1,Key Vault,Azure Plan,PAL,sub-3,450\n`);
    expect(await ttm(a, c)).toBe(850);
  });
  it("names each input's layout in the terminal summary", async () => {
    const { out } = await runCli(["score", "--azure", azure]);
    expect(out).toContain(`  ${azure} (Azure consumption table): 3 rows: 2 counted, 1 with errors`);
  });
});
