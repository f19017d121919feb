import fc from "fast-check";
import {
  DecimalMark,
  formatNumber,
  otherConventionValue,
  parseNumber,
} from "../../src/scoring/cells";
import { numberProblem } from "../../src/scoring/row-messages";

describe("numbers in a decimal-point table (the default)", () => {
  it.each([
    ["1250", 1250],
    ["1250.5", 1250.5],
    ["1,250", 1250],
    ["1,250.50", 1250.5],
    ["12,345,678.9", 12345678.9],
    ["$1,250.00", 1250],
    ["(1,250.00)", -1250],
    ["-0.5", -0.5],
    ["1 250.50 USD", 1250.5],
    ["1\u00a0250.50", 1250.5],
  ])("reads %p as %p", (text, value) => {
    expect(parseNumber(text, "point")).toBe(value);
  });
  it.each([["700,50"], ["1.200,00"], ["1,25"], ["12,34,567"], [",5"], ["1.2.3"], ["1,2345"]])(
    "refuses %p (never a guess)",
    (text) => {
      expect(parseNumber(text, "point")).toBeNaN();
    }
  );
});

describe("numbers in a decimal-comma table", () => {
  it.each([
    ["1250", 1250],
    ["1250,5", 1250.5],
    ["1.250", 1250],
    ["1.250,50", 1250.5],
    ["12.345.678,9", 12345678.9],
    ["700,50", 700.5],
    ["(12,50)", -12.5],
    ["1\u202f250,50", 1250.5],
  ])("reads %p as %p", (text, value) => {
    expect(parseNumber(text, "comma")).toBe(value);
  });
  it.each([["700.50"], ["1,200.00"], ["1.25"], ["1.2345"]])("refuses %p", (text) => {
    expect(parseNumber(text, "comma")).toBeNaN();
  });
});

describe("the message for a number in the other convention", () => {
  it("says the file looks like it uses decimal commas and how to say so", () => {
    expect(numberProblem("ACR_USD", "700,50", "point", "an amount")).toBe(
      'ACR_USD "700,50" looks like it uses a decimal comma (700.5 with decimal commas), but this table uses decimal points: if the file uses decimal commas, say so (command line: --decimal-comma; a semicolon-separated CSV file is read with decimal commas)'
    );
  });
  it("says a decimal point in a decimal-comma table looks like a decimal point", () => {
    expect(numberProblem("ACR_USD", "700.50", "comma", "an amount")).toMatch(
      /looks like it uses a decimal point \(700\.5 with decimal points\), but this table uses decimal commas/
    );
  });
  it.each([
    ["1.5E-05", "point"],
    ["2,3e+04", "comma"],
    [" -4E7 ", "point"],
  ] as const)("refuses scientific notation %p and says where it comes from", (text, mark) => {
    expect(parseNumber(text, mark)).toBeNaN();
    expect(numberProblem("ACR_USD", text, mark, "an amount")).toBe(
      `ACR_USD ${JSON.stringify(text.trim())} is not a number: enter an amount (it is in scientific notation, as Excel's General format shows very small or large amounts: format the column as Number with enough decimals before saving as CSV, or give the workbook instead)`
    );
  });
  it.each([[" $ -   "], ["-"], ["USD –"]])(
    "refuses the Accounting format's zero dash %p and says where it comes from",
    (text) => {
      expect(parseNumber(text, "point")).toBeNaN();
      expect(numberProblem("ACR_USD", text, "point", "an amount")).toMatch(
        /is not a number: enter an amount \(a lone dash is how Excel's Accounting format shows zero: format the column as Number before saving as CSV, or give the workbook instead\)$/
      );
    }
  );
  it.each([["1.250,50 €"], ["€ 100,00"], ["100,00 EUR"], ["CHF 100.00"], ["£100"], ["eur12"]])(
    "refuses an amount in another currency %p and says ACR is in US dollars",
    (text) => {
      expect(parseNumber(text, "comma")).toBeNaN();
      expect(numberProblem("ACR_USD", text, "comma", "an amount")).toBe(
        `ACR_USD ${JSON.stringify(text)} is not a number: enter an amount (an amount in another currency: ACR is in US dollars, as Partner Center reports it; give the USD amounts, not amounts converted to another currency)`
      );
    }
  );
  it("does not call a licence count with a currency sign an amount in another currency", () => {
    expect(numberProblem("PaidAvailableUnits", "10 €", "point", "a whole number of licences")).toBe(
      'PaidAvailableUnits "10 €" is not a number: enter a whole number of licences'
    );
  });
  it.each([["$100.00"], ["100.00 USD"]])("reads US dollars %p as such", (text) => {
    expect(parseNumber(text, "point")).toBe(100);
  });
  it.each([["EURO"], ["Neuro 5"], ["5 CADS"]])(
    "does not call a word that contains a currency code a currency %p",
    (text) => {
      expect(numberProblem("ACR_USD", text, "point", "an amount")).toBe(
        `ACR_USD ${JSON.stringify(text)} is not a number: enter an amount`
      );
    }
  );
  it("gives the plain message for text that is no number in either convention", () => {
    expect(numberProblem("ACR_USD", "n/a", "point", "an amount")).toBe(
      'ACR_USD "n/a" is not a number: enter an amount'
    );
  });
});

const amounts = fc
  .tuple(fc.integer({ min: 0, max: 999_999_999 }), fc.integer({ min: 0, max: 99 }), fc.boolean())
  .map(([whole, cents, negative]) => (negative ? -1 : 1) * (whole + cents / 100));
const marks = fc.constantFrom<DecimalMark>("point", "comma");

describe("properties", () => {
  it("formatting any amount in either convention and parsing it back gives the amount", () => {
    fc.assert(
      fc.property(amounts, marks, fc.constantFrom(undefined, 2), (x, mark, decimals) => {
        const text = formatNumber(x, mark, decimals);
        expect(parseNumber(text, mark)).toBeCloseTo(x, 9);
      }),
      { numRuns: 500 }
    );
  });
  it("an amount written with decimals in one convention is a row error in the other, never a different number", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999 }),
        fc.integer({ min: 1, max: 99 }),
        marks,
        (whole, cents, mark) => {
          // Two decimals can never be a thousands group, so the text is ambiguous in the other convention.
          const text = formatNumber(whole + cents / 100, mark, 2);
          const other: DecimalMark = mark === "point" ? "comma" : "point";
          expect(parseNumber(text, other)).toBeNaN();
          expect(otherConventionValue(text, other)).toBeCloseTo(whole + cents / 100, 9);
        }
      ),
      { numRuns: 500 }
    );
  });
});
