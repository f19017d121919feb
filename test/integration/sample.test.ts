import { execFileSync } from "child_process";
import { mkdtempSync, readFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { runCli } from "../helpers/cli";

const root = join(__dirname, "..", "..");

describe("the sample workbook", () => {
  it("is exactly what the committed script makes", () => {
    const out = join(mkdtempSync(join(tmpdir(), "pcs-sample-")), "sample.xlsx");
    execFileSync(process.execPath, [join(root, "scripts", "make-sample.js"), out], {
      stdio: "pipe",
    });
    expect(
      readFileSync(out).equals(readFileSync(join(root, "samples", "contoso-security.xlsx")))
    ).toBe(true);
  });
  it("tells its story: qualifies on SMB, not on Enterprise, with data issues to fix", async () => {
    const res = await runCli([
      "score",
      "--workbook",
      join(root, "samples", "contoso-security.xlsx"),
      "--out",
      join(mkdtempSync(join(tmpdir(), "pcs-sample-")), "scorecard.xlsx"),
      "--json",
    ]);
    const r = JSON.parse(res.out);
    expect(r.asOf).toBe("2025-06");
    expect(r.tracks.smb.qualified).toBe(true);
    expect(r.tracks.enterprise.qualified).toBe(false);
    expect(r.bestTrack).toBe("smb");
    expect(r.customers.length).toBeGreaterThanOrEqual(140);
    expect(r.people.length).toBeGreaterThanOrEqual(12);
    expect(
      r.issues.filter((i: { severity: string }) => i.severity === "error").length
    ).toBeGreaterThan(2);
    expect(
      r.issues.some((i: { message: string }) =>
        i.message.includes("possibly a renamed eligible product")
      )
    ).toBe(true);
  });
});
