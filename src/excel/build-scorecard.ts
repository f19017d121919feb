import { buildScorecardLayout } from "../report/layout";
import {
  date1904Note,
  hiddenSheetWarning,
  Inputs,
  scoreTables,
  ScoreResult,
  TableInput,
} from "../scoring";
import { readDateSystem } from "./date-system";
import { Candidate, readCandidate } from "./read-tables";
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
  const chosen = (["azure", "m365", "certifications"] as const).flatMap((kind) =>
    (selection[kind] ?? []).map((candidate) => ({ kind, candidate }))
  );
  const totalRows = chosen.reduce((n, c) => n + c.candidate.rowCount, 0) || 1;
  let done = 0;
  // Date cells arrive as serial numbers of the workbook's own date system.
  const date1904 = (await readDateSystem(context)) === true;
  const inputs: Required<Pick<Inputs, "azure" | "m365" | "certifications">> = {
    azure: [],
    m365: [],
    certifications: [],
  };
  for (const { kind, candidate } of chosen) {
    // Tables are read one after another: each read is a series of bounded requests.
    const cells = await readCandidate(context, candidate, (rows) =>
      progress(
        `Reading ${candidate.label}: ${rows.toLocaleString("en-US")} of ${candidate.rowCount.toLocaleString("en-US")} rows`,
        ((done + rows) / totalRows) * 0.8
      )
    );
    done += candidate.rowCount;
    // Row numbers in messages are the sheet's own: the header row is sheet row rowIndex + 1.
    (inputs[kind] as TableInput[]).push({
      cells,
      name: candidate.table ?? candidate.sheet,
      firstRow: candidate.rowIndex + 1,
      date1904,
    });
  }
  progress("Scoring", 0.85);
  const result = scoreTables(inputs, {
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
    ...[...hiddenSheets].map(([sheet, visibility]) => hiddenSheetWarning(sheet, visibility))
  );
  progress("Writing the scorecard sheet", 0.9);
  const layout = buildScorecardLayout(result, { generated: now, date1904 });
  const outcome = await writeScorecard(context, layout);
  progress("Done", 1);
  return { result, outcome };
}
