import fc from "fast-check";
import {
  addParsed,
  parseInputs,
  scoreParsed,
  sharedRegistries,
  TableFeed,
  type ParsedInputs,
} from "../../src/scoring";
import type { TableKind } from "../../src/scoring";
import { azureCells, certCells, m365Cells } from "../../bench/data";

// The task pane parses each table block by block as Excel hands the blocks over (TableFeed);
// the result must be the one parsing the whole table at once gives, wherever the blocks end.

const TODAY = new Date(Date.UTC(2025, 6, 15));

/** Input tables as a partner might have them: a title row, then the header, then a bad row. */
function tables(): { kind: TableKind; name: string; cells: unknown[][]; firstRow: number }[] {
  const azure = azureCells(120, 12, 71);
  azure.splice(40, 0, ["2025-13", "tenant-000001", "x", "Key Vault", "Azure Plan", "PAL", "s", 5]);
  // One tenant's consumption under two association types and two subscriptions: the dedupe
  // keeps the larger sum per subscription (500 + 300), so the subscription cells must be read.
  const june = 45809;
  azure.push(
    [june, "tenant-dedupe", "Dedupe Ltd", "Key Vault", "Azure Plan", "PAL", "s1", 400],
    [june, "tenant-dedupe", "Dedupe Ltd", "Key Vault", "Azure Plan", "PAL", "s2", 300],
    [june, "tenant-dedupe", "Dedupe Ltd", "Key Vault", "Azure Plan", "CSP Tier 1", "s1", 500]
  );
  return [
    { kind: "azure", name: "Azure", cells: [["Azure usage, June"], [], ...azure], firstRow: 3 },
    { kind: "m365", name: "M365", cells: m365Cells(60, 12, 72), firstRow: 1 },
    { kind: "certifications", name: "Certs", cells: certCells(25, 73), firstRow: 5 },
  ];
}

/** Cuts `rows` into blocks whose sizes cycle through `sizes`. */
function blocks<T>(rows: readonly T[], sizes: readonly number[]): T[][] {
  const out: T[][] = [];
  for (let at = 0, k = 0; at < rows.length; k++) {
    const n = sizes[k % sizes.length] ?? 1;
    out.push(rows.slice(at, at + n));
    at += n;
  }
  return out;
}

describe("parsing a table fed in blocks", () => {
  const whole = (() => {
    const t = tables();
    const pick = (kind: TableKind) =>
      t
        .filter((x) => x.kind === kind)
        .map(({ name, cells, firstRow }) => ({ name, cells, firstRow }));
    return scoreParsed(
      parseInputs({
        azure: pick("azure"),
        m365: pick("m365"),
        certifications: pick("certifications"),
      }),
      { today: TODAY }
    );
  })();

  it("gives the score and every message the whole table gives, wherever the blocks end", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }),
        (sizes) => {
          const parsed: ParsedInputs = {
            ...sharedRegistries(),
            azure: [],
            m365: [],
            certifications: [],
          };
          for (const { kind, name, cells, firstRow } of tables()) {
            const feed = new TableFeed({ name, firstRow, rowCount: cells.length }, parsed, {
              expected: kind,
            });
            for (const block of blocks(cells, sizes)) feed.push(block);
            addParsed(parsed, feed.finish());
          }
          expect(scoreParsed(parsed, { today: TODAY })).toEqual(whole);
        }
      ),
      { numRuns: 25 }
    );
  });

  it("reads the subscriptions the association dedupe needs", () => {
    const dedupe = whole.customers.find((c) => c.tenant === "tenant-dedupe");
    expect(dedupe?.azure?.ttmAcr).toBe(800);
  });

  it("refuses a table with no header in its top rows as the whole-table parse does", () => {
    const feed = new TableFeed({ name: "Notes", rowCount: 3 }, sharedRegistries(), {
      expected: "azure",
    });
    feed.push([["just text"], ["more"]]);
    expect(() => feed.finish()).toThrow(
      /^Notes: the Azure consumption table has no month, no tenant, no service, no ACR column/
    );
  });
});
