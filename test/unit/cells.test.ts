import fc from "fast-check";
import { DATE_1904_OFFSET, formatDay, formatMonth } from "../../src/scoring/calendar";
import {
  cellText,
  isBlankNumeric,
  isBlankText,
  parseDay,
  parseFlag,
  parseMonth,
  parseNumber,
} from "../../src/scoring/cells";

const month = (v: unknown): string => {
  const m = parseMonth(v);
  return m < 0 ? "error" : formatMonth(m);
};
const day = (v: unknown, last = false): string => {
  const d = parseDay(v, last);
  return isNaN(d) ? "error" : formatDay(d);
};

describe("blank cells", () => {
  it.each([[""], ["   "], [null], [undefined], [0], ["0"], [" 0 "]])(
    "treats %p as blank in text and date columns",
    (v) => {
      expect(isBlankText(v)).toBe(true);
    }
  );
  it.each([[""], ["  "], [null], [undefined]])("treats %p as blank in numeric columns", (v) => {
    expect(isBlankNumeric(v)).toBe(true);
  });
  it("treats 0 as zero, not blank, in numeric columns", () => {
    expect(isBlankNumeric(0)).toBe(false);
    expect(isBlankNumeric("0")).toBe(false);
  });
  it("keeps text that only starts with 0 as text", () => {
    expect(isBlankText("007")).toBe(false);
  });
});

describe("numbers", () => {
  it.each([
    [1250, 1250],
    ["1250", 1250],
    ["$1,250.00", 1250],
    ["1 250.50 USD", 1250.5],
    ["usd 12", 12],
    ["(12.50)", -12.5],
    ["-7.25", -7.25],
    ["$(3)", -3],
    [-4, -4],
    [0, 0],
  ])("reads %p as %p", (v, n) => {
    expect(parseNumber(v)).toBe(n);
  });
  it.each([
    ["abc"],
    ["1.2.3"],
    ["--5"],
    ["(5"],
    ["5-"],
    [".5"],
    ["1e3"],
    [NaN],
    [Infinity],
    [true],
    [{}],
    [""],
    ["$"],
  ])("rejects %p", (v) => {
    expect(parseNumber(v)).toBeNaN();
  });
});

describe("months", () => {
  it.each([
    [45565, "2024-09"],
    [45565.75, "2024-09"],
    ["45565", "2024-09"],
    [61, "1900-03"],
    [2958465, "9999-12"],
    ["2025-6", "2025-06"],
    ["2025-06", "2025-06"],
    ["2025-06-30", "2025-06"],
    ["2025-6-3", "2025-06"],
    ["2025/6", "2025-06"],
    ["6/2025", "2025-06"],
    ["06/2025", "2025-06"],
    ["6/30/2025", "2025-06"],
    ["12/1/2024", "2024-12"],
    ["2025-06-30T23:59:59Z", "2025-06"],
    ["2025-06-30 12:00", "2025-06"],
    ["6/30/2025 9:05 AM", "2025-06"],
    ["  2025-06  ", "2025-06"],
    ["2025", "1905-07"], // a plain number is a serial date, as CSV gives it
    [new Date(Date.UTC(2025, 5, 30)), "2025-06"],
    [new Date("2024-02-29T00:00:00Z"), "2024-02"],
  ])("reads %p as %s", (v, expected) => {
    expect(month(v)).toBe(expected);
  });
  it.each([
    [60],
    [0.5],
    [2958466],
    [-1],
    ["2025-13"],
    ["2025-00"],
    ["13/2025"],
    ["2/30/2025"],
    ["2025-02-30"],
    ["June 2025"],
    ["25-06"],
    ["2025/6/30"],
    [new Date("invalid")],
    [true],
    [null],
  ])("rejects %p", (v) => {
    expect(month(v)).toBe("error");
  });
});

describe("dates", () => {
  it("keeps the day of full dates", () => {
    expect(day("2025-05-31")).toBe("2025-05-31");
    expect(day("5/31/2025")).toBe("2025-05-31");
    expect(day(45808)).toBe("2025-05-31");
  });
  it("reads a month-only earned date as the first day and a month-only expiry as the last day", () => {
    expect(day("2024-02", false)).toBe("2024-02-01");
    expect(day("2024-02", true)).toBe("2024-02-29");
    expect(day("6/2025", true)).toBe("2025-06-30");
  });
  it("rejects impossible and unreadable dates", () => {
    expect(day("soon")).toBe("error");
    expect(day("2023-02-29")).toBe("error");
  });
  it("reads a number of a 1904-date-system workbook as the day Excel shows for it", () => {
    expect(formatDay(parseDay(44346, false, true))).toBe("2025-05-31");
    expect(formatMonth(parseMonth(44346, true))).toBe("2025-05");
    // Text is never a serial of the workbook's date system: it reads as written.
    expect(formatDay(parseDay("2025-05-31", false, true))).toBe("2025-05-31");
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 2958465 }), (serial) => {
        expect(parseDay(serial - DATE_1904_OFFSET, false, true)).toBe(parseDay(serial, false));
        expect(parseMonth(serial - DATE_1904_OFFSET, true)).toBe(parseMonth(serial));
      })
    );
  });
});

describe("flags and text", () => {
  it.each([
    [1, true],
    ["1", true],
    [true, true],
    ["TRUE", true],
    ["yes", true],
    [0, false],
    ["false", false],
    ["No", false],
    ["", false],
    [null, false],
  ])("reads flag %p as %p", (v, f) => {
    expect(parseFlag(v)).toBe(f);
  });
  it("rejects an unreadable flag", () => {
    expect(parseFlag("maybe")).toBeNull();
    expect(parseFlag(2)).toBeNull();
  });
  it("renders cells as trimmed text", () => {
    expect(cellText("  a ")).toBe("a");
    expect(cellText(12)).toBe("12");
    expect(cellText(true)).toBe("TRUE");
    expect(cellText(null)).toBe("");
  });
});
