import fc from "fast-check";
import { jsonPieces } from "../../src/cli/json-pieces";
import { scoreTables } from "../../src/scoring";
import { azureCells, certCells, m365Cells } from "../../bench/data";

const joined = (value: unknown): string => [...jsonPieces(value)].join("");

describe("the score as JSON in pieces", () => {
  it("joins to exactly JSON.stringify(value, null, 2) for any object of JSON values", () => {
    // Members and array elements JSON.stringify leaves out or writes as null come up too.
    const odd = fc.constantFrom(undefined, () => 1, Symbol("s"), new Date(0), NaN, -0);
    const member = fc.oneof(
      fc.jsonValue(),
      odd,
      fc.array(fc.oneof(fc.jsonValue(), odd), { maxLength: 6 })
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string(), member, { maxKeys: 8 }), (value) => {
        expect(joined(value)).toBe(JSON.stringify(value, null, 2));
      }),
      { numRuns: 500 }
    );
  });

  it("joins to the same text as one call for values that are not plain objects", () => {
    for (const value of [[1, { a: [2] }], "text", 3, null, true, new Date(0), []])
      expect(joined(value)).toBe(JSON.stringify(value, null, 2));
  });

  it("writes a whole score one customer at a time, never the whole text in one piece", () => {
    const result = scoreTables({
      azure: { cells: azureCells(3_000, 200), name: "Azure" },
      m365: { cells: m365Cells(600, 200), name: "M365" },
      certifications: { cells: certCells(20), name: "Certs" },
    });
    const pieces = [...jsonPieces(result)];
    const text = JSON.stringify(result, null, 2);
    expect(pieces.join("")).toBe(text);
    expect(result.customers.length).toBeGreaterThan(100);
    expect(pieces.length).toBeGreaterThan(result.customers.length);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(text.length / 10);
  });
});
