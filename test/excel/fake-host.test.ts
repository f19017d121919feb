import { FakeWorkbook } from "../fakes/fake-excel";
import { evaluate } from "../fakes/formula";

// The fake must behave like Excel where the adapter relies on it, or the adapter tests prove nothing.
describe("the fake Excel host", () => {
  it("refuses to read a property before load and sync", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("A", [["x"]]);
    const ctx: any = wb.context();
    const range = ctx.workbook.worksheets.getItem("A").getRange("A1");
    expect(() => range.values).toThrow(/PropertyNotLoaded/);
    range.load("values");
    expect(() => range.values).toThrow(/PropertyNotLoaded/);
    await ctx.sync();
    expect(range.values).toEqual([["x"]]);
  });
  it("reads blank cells as empty strings and keeps apostrophe text as text", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("A");
    const ctx: any = wb.context();
    const range = ctx.workbook.worksheets.getItem("A").getRange("A1:C1");
    range.values = [["'=1+1", "", 5]];
    range.load("values");
    await ctx.sync();
    expect(range.values).toEqual([["=1+1", "", 5]]);
  });
  it("fails adding a sheet whose name exists, keeping what ran before in the batch", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("Data");
    const ctx: any = wb.context();
    ctx.workbook.worksheets.add("New");
    ctx.workbook.worksheets.add("data");
    ctx.workbook.worksheets.add("Never");
    await expect(ctx.sync()).rejects.toMatchObject({ code: "ItemAlreadyExists" });
    expect(wb.sheets.map((s) => s.name)).toEqual(["Data", "New"]);
  });
  it("gives null objects for missing items and fails getItem at sync", async () => {
    const wb = new FakeWorkbook();
    const ctx: any = wb.context();
    const used = ctx.workbook.worksheets.add("Empty").getUsedRangeOrNullObject(true);
    used.load("rowCount");
    await ctx.sync();
    expect(used.isNullObject).toBe(true);
    ctx.workbook.worksheets.getItem("Nope").delete();
    await expect(ctx.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
  });
  it("rejects a request over 5 MB before running any of it", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("A");
    const ctx: any = wb.context();
    ctx.workbook.worksheets.getItem("A").getRange("A1:A2").values = [
      ["x".repeat(3_000_000)],
      ["y".repeat(3_000_000)],
    ];
    await expect(ctx.sync()).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(wb.sheets[0]?.used()).toBeNull();
  });
  it("computes the formulas the scorecard writes", () => {
    const cells: Record<string, number | string | boolean> = {
      "0,0": 13.333333333333334,
      "1,0": 6.666666666666667,
      "2,0": 20,
      "3,0": 30,
      "0,1": true,
    };
    const at = (r: number, c: number): number | string | boolean => cells[`${r},${c}`] ?? "";
    expect(evaluate("=ROUND(SUM(A1:A4)*3,0)/3", at)).toBe(70);
    expect(evaluate("=AND(A4>=70,A1>=1)", at)).toBe(false);
    expect(evaluate('=IF(B1<>FALSE,IF(B1,"Enterprise","SMB"),"x")', at)).toBe("Enterprise");
    expect(evaluate("=A3-A2", at)).toBeCloseTo(13.333333, 5);
    expect(evaluate("=NOPE(1)", at)).toBe("#NAME?");
  });
});
