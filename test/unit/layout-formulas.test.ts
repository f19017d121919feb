import { azureCells, certCells, m365Cells } from "../../bench/data";
import { buildScorecardLayout } from "../../src/report/layout";
import { SheetLayout } from "../../src/report/layout-model";
import { ScoreResult, scoreTables } from "../../src/scoring";
import { evaluate, Value } from "../fakes/formula";

// Every formula the layout writes, recalculated from the cells it refers to, must give the value
// the layout stores beside it: a wrong row or column letter in any formula fails here.

function recalculated(
  layout: SheetLayout
): { at: string; formula: string; stored: unknown; computed: Value }[] {
  const lookup = (row: number, col: number): Value => {
    const v = layout.cells[row]?.[col]?.value;
    return v === null || v === undefined ? "" : v;
  };
  const out: { at: string; formula: string; stored: unknown; computed: Value }[] = [];
  layout.cells.forEach((row, r) =>
    row.forEach((c, col) => {
      if (!c?.formula) return;
      out.push({
        at: `${r},${col}`,
        formula: c.formula,
        stored: c.value,
        computed: evaluate(c.formula, lookup),
      });
    })
  );
  return out;
}

const results: [string, ScoreResult][] = [
  [
    "generated data, 2025 rules",
    scoreTables({
      azure: { cells: azureCells(3000, 90, 51), name: "Azure" },
      m365: { cells: m365Cells(1200, 90, 52), name: "M365" },
      certifications: { cells: certCells(60, 53), name: "Certs" },
    }),
  ],
  [
    "the same data under 2026 rules",
    scoreTables(
      {
        azure: { cells: azureCells(3000, 90, 51), name: "Azure" },
        m365: { cells: m365Cells(1200, 90, 52), name: "M365" },
        certifications: { cells: certCells(60, 53), name: "Certs" },
      },
      { rules: "2026" }
    ),
  ],
  [
    "certifications only",
    scoreTables({ certifications: { cells: certCells(20, 54), name: "Certs" } }, { asOf: 24300 }),
  ],
  ["no inputs", scoreTables({}, { asOf: 24300 })],
];

describe("the scorecard's formulas", () => {
  it.each(results)("recalculate to the values stored beside them (%s)", (_name, result) => {
    const layout = buildScorecardLayout(result, { generated: new Date(2026, 10, 22) });
    const cells = layout.sheets.flatMap((sheet) => recalculated(sheet));
    expect(cells.length).toBeGreaterThanOrEqual(20);
    for (const c of cells) {
      if (typeof c.stored === "number")
        expect({ ...c, computed: Number(c.computed) }).toEqual({
          ...c,
          computed: expect.closeTo(c.stored, 9),
        });
      else expect(c.computed).toEqual(c.stored);
    }
  });
});
