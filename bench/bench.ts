import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "fs";
import { tmpdir } from "os";
import { gzipSync } from "zlib";
import { join } from "path";
import { parseInputs, scoreParsed, scoreTables } from "../src/scoring";
import { LOOK_BACK_MONTHS, ScoringContext } from "../src/scoring/score";
import { HISTORY_MONTHS, scoreHistory } from "../src/scoring/outlook";
import { rulesFor } from "../src/scoring/rules";
import { usageMetricFormula } from "../src/scoring/formulas";
import { AZURE_HEADER, azureCells, azureRows, certCells, m365Cells } from "./data";
import { CliRun, runCli, writeCsv, writeXlsx } from "./files";

// `npm run bench`: the performance targets of design.md, measured and printed (not asserted).

function time<T>(run: () => T, repeats: number): { ms: number; value: T } {
  let best = Infinity;
  let value: T | undefined;
  for (let i = 0; i < repeats; i++) {
    // Every run starts from a collected heap, the baseline's as much as the engine's.
    global.gc?.();
    const start = process.hrtime.bigint();
    value = run();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    best = Math.min(best, ms);
  }
  return { ms: best, value: value as T };
}

/** The baseline: one walk over the same arrays, summing ACR (and licences) per tenant. */
function baseline(azure: unknown[][], m365: unknown[][], certs: unknown[][]): number {
  const acr = new Map<unknown, number>();
  for (let i = 1; i < azure.length; i++) {
    const row = azure[i] as unknown[];
    acr.set(row[1], (acr.get(row[1]) ?? 0) + Number(row[7]));
  }
  const paid = new Map<unknown, number>();
  for (let i = 1; i < m365.length; i++) {
    const row = m365[i] as unknown[];
    paid.set(row[1], (paid.get(row[1]) ?? 0) + Number(row[4]));
  }
  let people = 0;
  for (let i = 1; i < certs.length; i++) if ((certs[i] as unknown[])[0]) people++;
  return acr.size + paid.size + people;
}

/**
 * A floor, for reading the ratio: the least any engine that reads every column the rules use must
 * do. It numbers each text cell of those columns (Azure tenant, service, offer, association;
 * Microsoft 365 tenant, workload, association; one Map look-up each) into typed columns and reads
 * the numbers beside them, with no checks, no dates, no categories, and no scoring at all.
 */
function readingFloor(azure: unknown[][], m365: unknown[][]): number {
  const number = (
    cells: unknown[][],
    textCols: readonly number[],
    numberCols: readonly number[]
  ): number => {
    const ids = textCols.map(() => new Map<unknown, number>());
    const texts = textCols.map(() => new Int32Array(cells.length));
    const numbers = numberCols.map(() => new Float64Array(cells.length));
    for (let i = 1; i < cells.length; i++) {
      const row = cells[i] as unknown[];
      for (let k = 0; k < textCols.length; k++) {
        const map = ids[k] as Map<unknown, number>;
        const value = row[textCols[k] as number];
        let id = map.get(value);
        if (id === undefined) map.set(value, (id = map.size));
        (texts[k] as Int32Array)[i] = id;
      }
      for (let k = 0; k < numberCols.length; k++)
        (numbers[k] as Float64Array)[i] = Number(row[numberCols[k] as number]);
    }
    return ids.reduce((n, m) => n + m.size, 0);
  };
  return number(azure, [1, 3, 4, 5], [0, 7]) + number(m365, [1, 3, 6], [0, 4, 5, 7]);
}

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mib = (bytes: number): string => `${fmt(bytes / 1048576, 1)} MiB`;

const verdict = (ok: boolean): string => (ok ? "met" : "MISSED");

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** Runs the command line `times` times; the median wall time and the largest peak RSS. */
function measure(cli: string, args: string[], scratch: string, times: number): CliRun {
  const runs = Array.from({ length: times }, () =>
    runCli(cli, args, scratch, join(scratch, "stdout.txt"))
  );
  const failed = runs.find((r) => r.code !== 0);
  if (failed) throw new Error(`security-pcs ${args.join(" ")} failed: ${failed.stderr}`);
  return {
    ms: median(runs.map((r) => r.ms)),
    rssMiB: Math.max(...runs.map((r) => r.rssMiB)),
    code: 0,
    stderr: "",
  };
}

/** The command line on files, end to end: CSV files, a 10-million-row CSV, workbooks. */
async function endToEnd(engineMs: number): Promise<void> {
  const cli = join(__dirname, "..", "cli", "security-pcs.js");
  const scratch = mkdtempSync(join(tmpdir(), "security-pcs-bench-"));
  try {
    const azure = join(scratch, "azure.csv");
    const m365 = join(scratch, "m365.csv");
    const certs = join(scratch, "certs.csv");
    writeCsv(azure, AZURE_HEADER, azureRows(1_000_000, 20_000));
    const m = m365Cells(200_000, 20_000);
    writeCsv(m365, m[0] ?? [], m.slice(1));
    const c = certCells(1_000);
    writeCsv(certs, c[0] ?? [], c.slice(1));
    const csv = measure(
      cli,
      ["score", "--azure", azure, "--m365", m365, "--certs", certs, "--json"],
      scratch,
      5
    );
    console.log(
      "Command line, CSV end to end: score --azure --m365 --certs --json > file (1,000,000 + 200,000 + 1,000 rows)"
    );
    console.log(
      `  wall:     ${fmt(csv.ms)} ms (median of 5)   target <= 1,500 ms: ${verdict(csv.ms <= 1500)}`
    );
    console.log(
      `  peak RSS: ${fmt(csv.rssMiB)} MiB   target <= 400 MiB: ${verdict(csv.rssMiB <= 400)}`
    );
    console.log(`  ratio:    ${fmt(csv.ms / engineMs, 2)} x the in-memory engine time of this run`);

    const big = join(scratch, "azure-10m.csv");
    writeCsv(big, AZURE_HEADER, azureRows(10_000_000, 20_000, 11));
    const huge = measure(cli, ["score", "--azure", big, "--json"], scratch, 1);
    console.log(
      `Command line, beyond Excel: a 10,000,000-row Azure CSV (${fmt(statSync(big).size / 1048576)} MiB)`
    );
    console.log(`  wall:     ${fmt(huge.ms)} ms`);
    console.log(
      `  peak RSS: ${fmt(huge.rssMiB)} MiB   target <= 1,024 MiB: ${verdict(huge.rssMiB <= 1024)}`
    );
    rmSync(big);

    for (const [rows, targetMs, targetMiB, times] of [
      [100_000, 2_000, Infinity, 3],
      [1_048_575, 20_000, 1_536, 1],
    ] as const) {
      const book = join(scratch, `book-${rows}.xlsx`);
      await writeXlsx(book, "Azure", AZURE_HEADER, azureRows(rows, 5_000, 21), scratch);
      const run = measure(
        cli,
        ["score", "--workbook", book, "--out", join(scratch, "scored.xlsx"), "--force"],
        scratch,
        times
      );
      console.log(
        `Command line, workbook: ${fmt(rows + 1)} rows x 8 columns read, scored, and written with the scorecard (${fmt(statSync(book).size / 1048576, 1)} MiB .xlsx)`
      );
      console.log(
        `  wall:     ${fmt(run.ms)} ms${times > 1 ? ` (median of ${times})` : ""}   target <= ${fmt(targetMs)} ms: ${verdict(run.ms <= targetMs)}`
      );
      console.log(
        `  peak RSS: ${fmt(run.rssMiB)} MiB${Number.isFinite(targetMiB) ? `   target <= ${fmt(targetMiB)} MiB: ${verdict(run.rssMiB <= targetMiB)}` : ""}`
      );
      rmSync(book);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * A custom function call on a 100,000-row x 8-column range, warm, measured before the engine's
 * million rows exist: Excel's function runtime holds only the range, not the bench's other data.
 */
function customFunction(): void {
  const range = azureCells(100_000, 5_000, 7);
  usageMetricFormula("netCustomerAdds", range, null, "SMB", null);
  const fn = time(() => usageMetricFormula("netCustomerAdds", range, null, "SMB", null), 10);
  console.log("Custom function: SECURITY.NETADDS on 100,000 rows x 8 columns, warm");
  console.log(
    `  per call: ${fmt(fn.ms, 1)} ms   target <= 150 ms: ${fn.ms <= 150 ? "met" : "MISSED"}`
  );
}

async function main(): Promise<void> {
  customFunction();
  const azure = azureCells(1_000_000, 20_000);
  const m365 = m365Cells(200_000, 20_000);
  const certs = certCells(1_000);
  const rows = azure.length + m365.length + certs.length - 3;
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;

  // Engine and baseline runs alternate, so both see the same machine conditions; the best of
  // each is compared.
  let peakHeap = 0;
  let base = { ms: Infinity, value: 0 };
  let floor = { ms: Infinity, value: 0 };
  let engine = { ms: Infinity, value: undefined as unknown as ReturnType<typeof scoreTables> };
  let single = { ms: Infinity, value: undefined as unknown as ReturnType<typeof scoreTables> };
  for (let round = 0; round < 9; round++) {
    const b = time(() => baseline(azure, m365, certs), 1);
    if (b.ms < base.ms) base = b;
    const f = time(() => readingFloor(azure, m365), 1);
    if (f.ms < floor.ms) floor = f;
    const e = time(() => {
      const r = scoreTables({
        azure: { cells: azure, name: "Azure" },
        m365: { cells: m365, name: "M365" },
        certifications: { cells: certs, name: "Certs" },
      });
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      return r;
    }, 1);
    if (e.ms < engine.ms) engine = e;
    const o = time(
      () =>
        scoreTables(
          {
            azure: { cells: azure, name: "Azure" },
            m365: { cells: m365, name: "M365" },
            certifications: { cells: certs, name: "Certs" },
          },
          { comparison: false, outlook: false }
        ),
      1
    );
    if (o.ms < single.ms) single = o;
  }
  const ratio = engine.ms / base.ms;
  const inputs = {
    azure: { cells: azure, name: "Azure" },
    m365: { cells: m365, name: "M365" },
    certifications: { cells: certs, name: "Certs" },
  };
  const parse = time(() => parseInputs(inputs), 3);
  const scoring = time(() => scoreParsed(parse.value), 3);
  console.log(
    "Engine: 1,000,000 Azure + 200,000 Microsoft 365 + 1,000 certification rows, parsed and scored"
  );
  console.log(
    `  engine:   ${fmt(engine.ms)} ms (${fmt(rows / (engine.ms / 1000))} rows/s)   target <= 2,000 ms: ${engine.ms <= 2000 ? "met" : "MISSED"}`
  );
  console.log(`  phases:   parse ${fmt(parse.ms)} ms, score and explain ${fmt(scoring.ms)} ms`);
  console.log(`  baseline: ${fmt(base.ms)} ms (one walk summing ACR and licences per tenant)`);
  console.log(`  ratio:    ${fmt(ratio, 2)} x   target <= 2.5: ${ratio <= 2.5 ? "met" : "MISSED"}`);
  console.log(
    `  floor:    ${fmt(floor.ms)} ms = ${fmt(floor.ms / base.ms, 2)} x the baseline (only numbering the text cells of the columns the rules read, nothing checked or scored)`
  );
  console.log(
    `  one score: ${fmt(single.ms)} ms = ${fmt(single.ms / base.ms, 2)} x the baseline (the as-of month under one rules version, explained, without the comparison, history, forecast or ways to 70: the scope of the engine when the 2.5 x target was set)`
  );
  console.log(
    `  timing:   best of 9 alternating runs each (baseline, floor, engine, one score), heap collected before every run`
  );
  console.log(
    `  memory:   peak heap ${mib(peakHeap)} (inputs ${mib(heapBefore)}), peak RSS ${mib(process.resourceUsage().maxRSS * 1024)}`
  );
  console.log(
    `  result:   as of ${engine.value.asOf}, Enterprise ${fmt(engine.value.tracks.enterprise.total, 1)}, SMB ${fmt(engine.value.tracks.smb.total, 1)}, ${engine.value.customers.length} customers`
  );

  // The history: what twelve months add to one score. Views are read once for the whole span,
  // so the cost is the wider span plus eleven more months scored.
  const asOf = 2025 * 12 + 5;
  const rules = rulesFor(asOf).rules;
  const one = time(() => {
    const c = new ScoringContext(parse.value, { from: asOf - LOOK_BACK_MONTHS, to: asOf });
    return c.month(rules, asOf);
  }, 3);
  const twelve = time(() => {
    const c = new ScoringContext(parse.value, {
      from: asOf - LOOK_BACK_MONTHS - HISTORY_MONTHS + 1,
      to: asOf,
    });
    return scoreHistory(c, asOf, undefined);
  }, 3);
  const added = twelve.ms - one.ms;
  const share = added / engine.ms;
  console.log("History: the 12 months ending at the as-of month, on the same rows");
  console.log(
    `  adds:     ${fmt(added)} ms to one score of ${fmt(engine.ms)} ms (+${fmt(share * 100)}%)   target <= +50%: ${verdict(share <= 0.5)}`
  );
  console.log(
    `  detail:   one month ${fmt(one.ms)} ms (view + month), twelve months ${fmt(twelve.ms)} ms (wider view + 12 months)`
  );

  const dist = join(__dirname, "..");
  const files = ["functions.js", "taskpane.js"].map((f) => join(dist, f));
  if (files.every((f) => existsSync(f))) {
    const gz = files.reduce((n, f) => n + gzipSync(readFileSync(f), { level: 9 }).length, 0);
    console.log(
      `Bundle: functions.js + taskpane.js = ${fmt(gz / 1024, 1)} KiB gzip   target <= 150 KiB: ${gz <= 150 * 1024 ? "met" : "MISSED"}`
    );
  }
  await endToEnd(engine.ms);
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
