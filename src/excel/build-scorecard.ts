import { buildScorecardLayout } from "../report/layout";
import {
  addParsed,
  date1904Note,
  hiddenRowsWarning,
  hiddenSheetWarning,
  KIND_LABEL,
  ParsedInputs,
  scoreParsed,
  ScoreResult,
  sharedRegistries,
  TableFeed,
  TableKind,
} from "../scoring";
import { readDateSystem } from "./date-system";
import { Candidate, findCandidates, readCandidateBlocks } from "./read-tables";
import { writeScorecard, WriteOutcome } from "./write-scorecard";

/** The pane's choice of inputs: every chosen table of each kind (several of a kind score together). */
export interface Selection {
  azure?: Candidate[];
  m365?: Candidate[];
  certifications?: Candidate[];
  /** As-of month index; default per the scoring rules. */
  asOf?: number;
  /** The rules version chosen; default the one in force in the as-of month. */
  rules?: string | null;
}

/** Reports progress as a phase and a fraction 0…1. */
export type BuildProgress = (message: string, fraction: number) => void;

/** A chosen table and the kind it was chosen as. */
interface Chosen {
  kind: TableKind;
  candidate: Candidate;
}

/**
 * The chosen tables as the workbook holds them now, not as when the pane looked: rows pasted or
 * columns added since then are read too (a month's data pasted under a table, then Build, must
 * count).
 * @throws Error naming a chosen table that is gone or no longer has its kind's headers
 */
async function asTheyAreNow(
  context: Excel.RequestContext,
  chosen: readonly Chosen[]
): Promise<Chosen[]> {
  const now = new Map((await findCandidates(context)).map((c) => [c.id, c]));
  return chosen.map(({ kind, candidate }) => {
    const fresh = now.get(candidate.id);
    if (!fresh)
      throw new Error(
        `${candidate.label} is no longer in the workbook (renamed, moved or deleted since the pane looked for tables): press Look for tables again, check the choices and build again.`
      );
    if (fresh.kind !== kind)
      throw new Error(
        `${candidate.label} no longer has the headers of ${KIND_LABEL[kind]} (changed since the pane looked for tables): press Look for tables again, check the choices and build again.`
      );
    return { kind, candidate: fresh };
  });
}

/**
 * Reads the chosen tables in blocks, scores them and writes the scorecard sheet: the whole job
 * behind the pane's one button.
 */
export async function buildScorecard(
  context: Excel.RequestContext,
  selection: Selection,
  progress: BuildProgress = () => undefined,
  now: Date = new Date()
): Promise<{ result: ScoreResult; outcome: WriteOutcome }> {
  const chosen = await asTheyAreNow(
    context,
    (["azure", "m365", "certifications"] as const).flatMap((kind) =>
      (selection[kind] ?? []).map((candidate) => ({ kind, candidate }))
    )
  );
  const totalRows = chosen.reduce((n, c) => n + c.candidate.rowCount, 0) || 1;
  let done = 0;
  // Date cells arrive as serial numbers of the workbook's own date system.
  const date1904 = (await readDateSystem(context)) === true;
  const parsed: ParsedInputs = { ...sharedRegistries(), azure: [], m365: [], certifications: [] };
  for (const { kind, candidate } of chosen) {
    // Tables are read one after another, each as a series of bounded requests, and every block
    // is parsed as it arrives: the cells of a million-row table are never all held at once.
    const feed = new TableFeed(
      {
        name: candidate.table ?? candidate.sheet,
        // Row numbers in messages are the sheet's own: the header row is sheet row rowIndex + 1.
        firstRow: candidate.rowIndex + 1,
        date1904,
        rowCount: candidate.rowCount,
      },
      parsed,
      { expected: kind }
    );
    await readCandidateBlocks(
      context,
      candidate,
      (rows) => feed.push(rows),
      (rows) =>
        progress(
          `Reading ${candidate.label}: ${rows.toLocaleString("en-US")} of ${candidate.rowCount.toLocaleString("en-US")} rows`,
          ((done + rows) / totalRows) * 0.8
        )
    );
    addParsed(parsed, feed.finish());
    done += candidate.rowCount;
  }
  progress("Scoring", 0.85);
  const result = scoreParsed(parsed, {
    ...(selection.asOf === undefined ? {} : { asOf: selection.asOf }),
    rules: selection.rules ?? null,
  });
  const hiddenSheets = new Map(
    chosen
      .map(({ candidate: c }) => [c.sheet, c.visibility] as const)
      .filter((s): s is [string, "hidden" | "veryHidden"] => s[1] !== "visible")
  );
  result.issues.unshift(
    ...(date1904 ? [date1904Note("This workbook")] : []),
    ...[...hiddenSheets].map(([sheet, visibility]) => hiddenSheetWarning(sheet, visibility)),
    ...chosen
      .filter(({ candidate: c }) => c.rowsHidden)
      .map(({ candidate: c }) => hiddenRowsWarning(c.table ?? c.sheet, null, null))
  );
  progress("Writing the scorecard sheet", 0.9);
  const layout = buildScorecardLayout(result, { generated: now, date1904 });
  const outcome = await writeScorecard(context, layout);
  progress("Done", 1);
  return { result, outcome };
}
