import fc from "fast-check";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { readCsvTable } from "../../src/cli/csv-reader";
import { inThread, onThread, PartRequest, PartRunner } from "../../src/cli/csv-split";
import { sharedRegistries } from "../../src/scoring/parse-inputs";

/**
 * A large Azure file's second part is read on another thread and handed over in blocks. Wherever
 * the part starts — inside a quoted field over several lines, at the last record, past the end —
 * and whatever the records hold, the table (rows, outcomes, messages, names, the number of values
 * read as Windows-1252) must be the one a single pass reads.
 */

const dir = mkdtempSync(join(tmpdir(), "pcs-split-"));
let n = 0;
const file = (content: Buffer): string => {
  const p = join(dir, `f${n++}.csv`);
  writeFileSync(p, content);
  return p;
};

const HEADER =
  "Month,CustomerTenantId,CustomerName,Service,Offer,Association,SubscriptionId,ACR_USD";

/** Cells as they come in real files: quoted, multi-line, doubled quotes, blanks, bad values. */
const month = fc.constantFrom("2025-05", "2025-06", "2024-06", "", "June", '"2025-06"');
const tenant = fc.constantFrom("t1", "t2", "t3", "T1 ", "", '"t4"');
const name = fc.constantFrom(
  "Contoso",
  '"Fabrikam, Inc."',
  '"Two\nlines"',
  '"Say ""hi"""',
  "Café",
  "\u0000latin1",
  ""
);
const service = fc.constantFrom("Azure Sentinel", "Key Vault", '"Azure Firewall"', "Storage", "");
const offer = fc.constantFrom("Azure Plan", "Pay-As-You-Go", "Free Trial", "");
const association = fc.constantFrom("PAL", "CSP Tier 1", '"CSP Tier 2"', "");
const subscription = fc.constantFrom("sub-1", "sub-2", '"sub-""3"""', "");
/** Comma files with decimal points, and European semicolon files with decimal commas. */
const STYLES = {
  comma: {
    sep: ",",
    amounts: ["12.5", "-3", '"1,234.50"', "abc", "", " ", '"7"', "0.001", "1e3"],
  },
  semicolon: {
    sep: ";",
    amounts: ["12,5", "-3", '"1.234,50"', "1.234,5", "abc", "", " ", "0,001", "12.5"],
  },
};
type Style = keyof typeof STYLES;

const recordIn = (style: Style): fc.Arbitrary<string> => {
  const { sep, amounts } = STYLES[style];
  return fc
    .tuple(
      month,
      tenant,
      name,
      service,
      offer,
      association,
      subscription,
      fc.constantFrom(...amounts),
      fc.nat(9)
    )
    .map(([m, t, c, s, o, a, sub, amount, shape]) => {
      const cells = [m, t, c, s, o, a, sub, amount];
      // Now and then a short record, a long one, or a blank line.
      if (shape === 0) return cells.slice(0, 4).join(sep);
      if (shape === 1) return [...cells, "extra"].join(sep);
      if (shape === 2) return "";
      return cells.join(sep);
    });
};

/** Records of one style, and the style. */
const styledLines = fc.constantFrom<Style>("comma", "semicolon").chain((style) =>
  fc.record({
    style: fc.constant(style),
    lines: fc.array(recordIn(style), { minLength: 20, maxLength: 80 }),
  })
);

/** The file's bytes: "\u0000latin1" becomes a Windows-1252 é (not valid UTF-8). */
function bytesOf(lines: string[], eol: string, finalEol: boolean, sep = ","): Buffer {
  const text = [HEADER.split(",").join(sep), ...lines].join(eol) + (finalEol ? eol : "");
  const parts = text.split("\u0000latin1");
  return Buffer.concat(
    parts.flatMap((p, i) => [
      Buffer.from(p, "utf8"),
      ...(i < parts.length - 1 ? [Buffer.from([0xe9])] : []),
    ])
  );
}

/** A table and its registries as plain data (typed arrays as lists, subscriptions resolved). */
function canonical(path: string, split?: (request: PartRequest) => PartRunner, at = 0.45): string {
  const shared = sharedRegistries();
  const table = readCsvTable(path, shared, {
    expected: "azure",
    split,
    splitBytes: 0,
    splitAt: at,
  });
  const subscriptions =
    table.kind === "azure"
      ? Array.from({ length: table.rows.count }, (_, i) => table.rows.subscriptionOf(i))
      : [];
  return JSON.stringify({ table, shared, subscriptions }, (_key, value: unknown) => {
    if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
    if (value instanceof Map) return [...value.entries()];
    if (value instanceof Set) return [...value.values()];
    return value;
  });
}

/** A runner that hands over `blocks` blocks, then says the thread failed. */
function failingAfter(blocks: number): (request: PartRequest) => PartRunner {
  return (request) => {
    const inner = inThread(request);
    let given = 0;
    return {
      next: () => {
        const m = inner.next();
        if (m.kind === "block" && given++ >= blocks) return { kind: "failed", message: "test" };
        if (blocks < 0 && m.kind === "start") return { kind: "failed", message: "test" };
        return m;
      },
      stop: () => inner.stop(),
    };
  };
}

describe("a large file's second part read elsewhere", () => {
  it("gives the table a single pass gives, wherever the part starts, comma or semicolon files", () => {
    let runs = 0;
    let runsWithBlocks = 0;
    let handedOver = 0;
    fc.assert(
      fc.property(
        styledLines,
        fc.constantFrom("\n", "\r\n"),
        fc.boolean(),
        fc.double({ min: 0, max: 1.05, noNaN: true }),
        fc.integer({ min: 1, max: 8 }),
        ({ style, lines }, eol, finalEol, at, blockRecords) => {
          const path = file(bytesOf(lines, eol, finalEol, STYLES[style].sep));
          const small = (request: PartRequest): PartRunner => {
            const inner = inThread({ ...request, blockRecords });
            return {
              next: () => {
                const m = inner.next();
                if (m.kind === "block") handedOver++;
                return m;
              },
              stop: () => inner.stop(),
            };
          };
          runs++;
          const before = handedOver;
          expect(canonical(path, small, at)).toBe(canonical(path));
          if (handedOver > before) runsWithBlocks++;
        }
      ),
      { numRuns: 250 }
    );
    // Many files are read in two parts (the others have their guessed start in the first ten
    // records, which find the header, or past their last record).
    expect(runsWithBlocks).toBeGreaterThan(runs / 3);
  });

  it("reads on by itself when the part would start inside a quoted field over many lines", () => {
    const long = `"${Array.from({ length: 400 }, (_, i) => `line ${i}`).join("\n")}"`;
    const lines = [
      ...Array.from(
        { length: 20 },
        (_, i) => `2025-06,t${i % 3},A,Key Vault,Azure Plan,PAL,sub-${i},${i}.25`
      ),
      `2025-06,t9,${long},Azure Sentinel,Azure Plan,PAL,sub-x,99`,
      ...Array.from(
        { length: 20 },
        (_, i) => `2025-05,t${i % 4},B,Storage,Azure Plan,PAL,sub-${i},${i}`
      ),
    ];
    const path = file(bytesOf(lines, "\n", true));
    let started: number | null = null;
    const spy = (request: PartRequest): PartRunner => {
      const inner = inThread(request);
      return {
        next: () => {
          const m = inner.next();
          if (m.kind === "start") started = m.at;
          return m;
        },
        stop: () => inner.stop(),
      };
    };
    const guess = Math.floor(readFileSync(path).length * 0.5);
    expect(canonical(path, spy, 0.5)).toBe(canonical(path));
    // The guessed start was a line break inside the long name, not a record boundary.
    const text = readFileSync(path, "latin1");
    expect(guess).toBeGreaterThan(text.indexOf('"line 0'));
    expect(started).toBeGreaterThan(guess);
    expect(started).toBeLessThan(text.indexOf('line 399"'));
  });

  it("reads on by itself from the first record not handed over when the other thread fails", () => {
    const lines = Array.from(
      { length: 300 },
      (_, i) =>
        `2025-0${5 + (i % 2)},t${i % 7},"N ${i}",Key Vault,Azure Plan,PAL,sub-${i % 5},${i}.5`
    );
    const path = file(bytesOf(lines, "\n", false));
    const blocksOf = (request: PartRequest): PartRequest => ({ ...request, blockRecords: 16 });
    for (const blocks of [-1, 0, 1, 3]) {
      const failing = failingAfter(blocks);
      expect(canonical(path, (r) => failing(blocksOf(r)), 0.4)).toBe(canonical(path));
    }
    // No thread to be had at all.
    const none = (): PartRunner => {
      throw new Error("no threads");
    };
    expect(canonical(path, none, 0.4)).toBe(canonical(path));
  });

  it.each(["pc-azure-usage-report", "eu-semicolon-decimal-comma", "export-column-spellings"])(
    "reads the %s case's Azure file, grown to many records, as a single pass does",
    (name) => {
      // The case's own file (a Partner Center download, a European semicolon file with decimal
      // commas, other column spellings), its records repeated so the part holds many of them.
      const text = readFileSync(join(__dirname, "..", "cases", name, "azure.csv"), "utf8");
      const eol = text.includes("\r\n") ? "\r\n" : "\n";
      const [header, ...rows] = text.split(eol).filter((line) => line !== "");
      const grownFile = file(
        Buffer.from([header, ...Array.from({ length: 40 }, () => rows).flat()].join(eol) + eol)
      );
      const single = canonical(grownFile);
      for (const at of [0.2, 0.5, 0.8])
        expect(
          canonical(grownFile, (request) => inThread({ ...request, blockRecords: 7 }), at)
        ).toBe(single);
    }
  );

  const script = join(__dirname, "..", "..", "dist", "cli", "csv-part.js");
  // The worker thread runs the built file (`npm test` builds first).
  (existsSync(script) ? it : it.skip)(
    "reads the part on a worker thread with the same result",
    () => {
      const lines = Array.from(
        { length: 5000 },
        (_, i) =>
          `2025-0${5 + (i % 2)},t${i % 97},"Name ${i % 97}",${i % 3 ? "Key Vault" : '"Azure Sentinel"'},Azure Plan,${i % 5 ? "PAL" : "CSP Tier 1"},sub-${i % 13},${(i * 7) % 1000}.${i % 100}`
      );
      const path = file(bytesOf(lines, "\r\n", true));
      const single = canonical(path);
      // Few large blocks; more blocks than the thread may have waiting (it waits for the main
      // thread to take some); and blocks held back by their size, one at a time.
      for (const limits of [
        { blockRecords: 256 },
        { blockRecords: 16 },
        { blockRecords: 64, aheadKib: 1 },
      ]) {
        const kinds: string[] = [];
        const threaded = (request: PartRequest): PartRunner => {
          const inner = onThread(script, { ...request, ...limits });
          return {
            next: () => {
              const m = inner.next();
              kinds.push(m.kind);
              return m;
            },
            stop: () => inner.stop(),
          };
        };
        expect(canonical(path, threaded, 0.3)).toBe(single);
        // Every block came from the thread: it neither failed nor stopped answering.
        expect(kinds.filter((k) => k === "block").length).toBeGreaterThan(0);
        expect(kinds).not.toContain("failed");
        expect(kinds[kinds.length - 1]).toBe("end");
      }
    }
  );
});
