import fc from "fast-check";
import { formatUsd } from "./money";

describe("formatUsd", () => {
  it.each([
    [0, "$0.00"],
    [540, "$540.00"],
    [1200.5, "$1,200.50"],
    [12000, "$12,000.00"],
    [999999.999, "$1,000,000.00"],
    [-1234567.891, "-$1,234,567.89"],
  ])("writes %p as %p", (usd, text) => {
    expect(formatUsd(usd)).toBe(text);
  });

  it("groups every amount's whole dollars in threes and keeps two decimals", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), (usd) => {
        const text = formatUsd(usd);
        const [whole, cents] = Math.abs(usd).toFixed(2).split(".");
        const grouped = (whole ?? "").replace(/\B(?=(\d{3})+(?!\d))/g, ",");
        expect(text).toBe(`${usd < 0 ? "-" : ""}$${grouped}.${cents}`);
      })
    );
  });
});
