import { InputError } from "./errors";
import {
  AZURE_FIELDS,
  azureColumns,
  AzureColumns,
  certColumns,
  CertColumns,
  fieldAliases,
  FIRST_NAME,
  HeaderRow,
  KIND_LABEL,
  LAST_NAME,
  M365_FIELDS,
  m365Columns,
  M365Columns,
  MissingColumn,
  PERSON_ALIASES,
  TableKind,
  WIDE_PAIRS,
} from "./headers";

/**
 * Finding an input's table (scoring-rules §1.0): the header row is the first of the input's top
 * ten rows that holds every required column of a table kind, so title lines, notes and blank rows
 * above it are skipped. The task pane, the command line and the custom functions all use this.
 */

/** How many rows at the top of an input are searched for the header row. */
export const HEADER_SCAN_ROWS = 10;

/** A recognised table: where its header row is, its kind, columns and layout name. */
export type FoundTable =
  | { kind: "azure"; headerIndex: number; header: HeaderRow; columns: AzureColumns; layout: string }
  | { kind: "m365"; headerIndex: number; header: HeaderRow; columns: M365Columns; layout: string }
  | {
      kind: "certifications";
      headerIndex: number;
      header: HeaderRow;
      columns: CertColumns;
      layout: string;
    };

/** What a header row holds: the complete kinds and the columns that tell the kinds apart. */
interface HeaderFacts {
  header: HeaderRow;
  azure: ReturnType<typeof azureColumns>;
  m365: ReturnType<typeof m365Columns>;
  certs: ReturnType<typeof certColumns>;
  hasAcr: boolean;
  /** A paid-licences column or a wide workload pair. */
  hasPaid: boolean;
  hasCertification: boolean;
}

function factsOf(row: readonly unknown[]): HeaderFacts {
  const header = new HeaderRow(row);
  return {
    header,
    azure: azureColumns(header),
    m365: m365Columns(header),
    certs: certColumns(header),
    hasAcr: header.find(fieldAliases(AZURE_FIELDS, "acr")) >= 0,
    hasPaid:
      header.find(fieldAliases(M365_FIELDS, "paid")) >= 0 ||
      WIDE_PAIRS.some((p) => header.find([p.paid]) >= 0),
    hasCertification:
      header.find(["Certification", "Certification Name", "Exam", "TrainingTitle", "Credential"]) >=
      0,
  };
}

function complete(f: HeaderFacts, kind: TableKind): boolean {
  if (kind === "azure") return f.azure.missing.length === 0;
  if (kind === "m365") return f.m365.missing.length === 0;
  return f.certs.missing.length === 0;
}

function found(f: HeaderFacts, kind: TableKind, headerIndex: number): FoundTable {
  if (kind === "azure")
    return {
      kind,
      headerIndex,
      header: f.header,
      columns: f.azure.columns,
      layout: layoutName(kind, f),
    };
  if (kind === "m365")
    return {
      kind,
      headerIndex,
      header: f.header,
      columns: f.m365.columns,
      layout: layoutName(kind, f),
    };
  return {
    kind,
    headerIndex,
    header: f.header,
    columns: f.certs.columns,
    layout: layoutName(kind, f),
  };
}

/** The name of a table's layout: Partner Center's downloads by name, else the kind. */
function layoutName(kind: TableKind, f: HeaderFacts): string {
  const has = (...headers: string[]): boolean => headers.every((h) => f.header.find([h]) >= 0);
  if (kind === "azure") {
    return has("ServiceLevel2") &&
      (has("PartnerAttributionType") || has("IsACRDuplicateAtMPNLevel"))
      ? "Azure usage report (Partner Center)"
      : "Azure consumption table";
  }
  if (kind === "m365") {
    const wide = f.m365.columns.wide.length;
    if (wide > 0)
      return `Enterprise Mobility licence usage report (Partner Center), wide: ${wide} workload${wide === 1 ? "" : "s"}`;
    if (has("ClaimId") || has("DateAssociated"))
      return "CPOR Microsoft 365 usage report (Partner Center)";
    if (
      has("WorkloadName", "PaidAvailableUnits") &&
      (has("IsDuplicateRowForPGA") || has("PGAPartnerID"))
    )
      return "Office 365 licence usage report (Partner Center)";
    return "Microsoft 365 licences table";
  }
  return has("TrainingTitle", "TrainingType")
    ? "Trainings, exams and certifications (Partner Center)"
    : "Certifications table";
}

function bothKindsError(table: string): InputError {
  return new InputError(
    table,
    "the table has both an ACR column and a paid-licences column, so it cannot be told apart as Azure or Microsoft 365. Put Azure consumption and Microsoft 365 licences in separate tables."
  );
}

/** The input error for a table of `kind` whose best header row lacks `missing`. */
export function missingColumnsError(
  table: string,
  kind: TableKind,
  missing: readonly MissingColumn[]
): InputError {
  const accepted = (m: MissingColumn): string =>
    m.field === "person"
      ? `${PERSON_ALIASES.join(", ")}; or both ${FIRST_NAME} and ${LAST_NAME}`
      : m.aliases.join(", ");
  const [first, ...rest] = missing;
  if (!first) return new InputError(table, `the ${KIND_LABEL[kind]} table cannot be read.`);
  if (rest.length === 0)
    return new InputError(
      table,
      `the ${KIND_LABEL[kind]} table has no ${first.label} column. Add a column with one of these headers: ${accepted(first)}.`,
      first.field
    );
  return new InputError(
    table,
    `the ${KIND_LABEL[kind]} table has no ${missing.map((m) => m.label).join(", no ")} column. Add a column for each: ${missing.map((m) => `${m.label} (one of ${accepted(m)})`).join("; ")}.`,
    first.field
  );
}

function missingOf(f: HeaderFacts, kind: TableKind): MissingColumn[] {
  return kind === "azure" ? f.azure.missing : kind === "m365" ? f.m365.missing : f.certs.missing;
}

/** Which kind a header row seems to be, by the column only that kind has. */
function likelyKind(f: HeaderFacts): TableKind | null {
  if (f.hasAcr && !f.hasPaid) return "azure";
  if (f.hasPaid && !f.hasAcr) return "m365";
  if (!f.hasAcr && !f.hasPaid && f.hasCertification) return "certifications";
  return null;
}

/** Options of {@link findTable}. */
export interface FindOptions {
  /** The kind the caller says the table is (the command line's `--azure`, `--m365`, `--certs`). */
  expected?: TableKind;
  /** Only Azure or Microsoft 365 tables are acceptable (a custom function's usage ranges). */
  usageOnly?: boolean;
}

/**
 * Finds the table in the top rows of an input: the first of the first ten rows that holds every
 * required column of a kind (of the expected kind, when the caller names one).
 * @throws InputError naming the missing columns of the kind expected, or why the kind is unclear
 */
export function findTable(
  rows: readonly (readonly unknown[])[],
  table: string,
  options: FindOptions = {}
): FoundTable {
  const top = rows.slice(0, HEADER_SCAN_ROWS).map((r) => factsOf(r ?? []));
  const { expected, usageOnly = false } = options;
  for (let i = 0; i < top.length; i++) {
    const f = top[i] as HeaderFacts;
    if (expected) {
      if (complete(f, expected)) return found(f, expected, i);
      continue;
    }
    const usage = complete(f, "azure") || complete(f, "m365");
    if (usage) {
      if (f.hasAcr && f.hasPaid) throw bothKindsError(table);
      return found(f, complete(f, "azure") ? "azure" : "m365", i);
    }
    if (!usageOnly && !f.hasAcr && !f.hasPaid && complete(f, "certifications"))
      return found(f, "certifications", i);
  }
  throw notFoundError(top, table, expected, usageOnly);
}

function notFoundError(
  top: readonly HeaderFacts[],
  table: string,
  expected: TableKind | undefined,
  usageOnly: boolean
): InputError {
  let kind = expected;
  if (!kind) {
    const likely = top
      .map(likelyKind)
      .find((k) => k !== null && (!usageOnly || k !== "certifications"));
    if (top.some((f) => f.hasAcr && f.hasPaid) && !likely) return bothKindsError(table);
    kind = likely ?? undefined;
  }
  if (!kind) {
    if (usageOnly)
      return new InputError(
        table,
        `the table is neither Azure consumption nor Microsoft 365 licences: it needs an ACR column (${fieldAliases(AZURE_FIELDS, "acr").join(", ")}) or a paid-licences column (${fieldAliases(M365_FIELDS, "paid").join(", ")}).`
      );
    return new InputError(
      table,
      `no header row of Azure consumption (an ACR column), Microsoft 365 licences (a paid-licences column) or certifications (a certification and a person column) in the first ${HEADER_SCAN_ROWS} rows.`
    );
  }
  // The row closest to a header of that kind says which columns are missing.
  const k = kind;
  const best = top.reduce<HeaderFacts | undefined>(
    (b, f) => (b === undefined || missingOf(f, k).length < missingOf(b, k).length ? f : b),
    undefined
  );
  const error = missingColumnsError(table, k, best ? missingOf(best, k) : []);
  const other = expected ? otherKindOf(top, expected) : null;
  return other === null
    ? error
    : new InputError(
        table,
        `${error.detail} Its headers are those of ${other === "azure" ? "an" : "a"} ${KIND_LABEL[other]} table: check that it is given as the right kind of input (command line: --azure, --m365 or --certs).`,
        error.column
      );
}

/** A kind other than `expected` whose every required column one of the top rows has, or null. */
function otherKindOf(top: readonly HeaderFacts[], expected: TableKind): TableKind | null {
  const kinds: TableKind[] = ["azure", "m365", "certifications"];
  for (const f of top)
    for (const kind of kinds) if (kind !== expected && complete(f, kind)) return kind;
  return null;
}

/**
 * Recognises a table from its top rows without raising: its kind and header row, or `null` (the
 * task pane's table picker uses it to preselect inputs).
 */
export function recogniseTable(rows: readonly (readonly unknown[])[]): FoundTable | null {
  try {
    return findTable(rows, "");
  } catch {
    return null;
  }
}
