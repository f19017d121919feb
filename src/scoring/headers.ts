import { cellText } from "./cells";
import { InputError } from "./errors";
import { normalizeHeader } from "./normalize";

/**
 * Column recognition by header name (scoring-rules §1): headers compare after normalisation,
 * aliases are tried in order, the leftmost of equal headers wins, unknown columns are ignored.
 */

/** A field of a table and the headers it accepts, in order of preference. */
export interface FieldSpec {
  field: string;
  /** Label used in messages. */
  label: string;
  aliases: readonly string[];
  required: boolean;
}

/** The three kinds of input table. */
export type TableKind = "azure" | "m365" | "certifications";

/** Human names of the table kinds, for messages. */
export const KIND_LABEL: Record<TableKind, string> = {
  azure: "Azure consumption",
  m365: "Microsoft 365 licences",
  certifications: "certifications",
};

const TENANT = ["CustomerTenantId", "Customer Tenant ID", "Tenant ID", "TenantId", "Tenant"];
const CUSTOMER = ["CustomerName", "Customer Name", "Customer"];
const ASSOCIATION = [
  "Association",
  "Association Type",
  "AssociationType",
  "PartnerAttributionType",
  "Attribution",
];

/** Azure consumption columns (§1.1). */
export const AZURE_FIELDS: readonly FieldSpec[] = [
  { field: "month", label: "month", aliases: ["Month", "Usage Month", "Date"], required: true },
  { field: "tenant", label: "tenant", aliases: TENANT, required: true },
  { field: "customer", label: "customer name", aliases: CUSTOMER, required: false },
  {
    field: "service",
    label: "service",
    aliases: [
      "Service",
      "Service Name",
      "ServiceName",
      "ServiceLevel2",
      "Meter Category",
      "Product",
    ],
    required: true,
  },
  {
    field: "offer",
    label: "offer",
    aliases: ["Offer", "Offer Type", "OfferType", "Offer Name"],
    required: false,
  },
  { field: "association", label: "association", aliases: ASSOCIATION, required: false },
  {
    field: "subscription",
    label: "subscription",
    aliases: ["SubscriptionId", "Subscription ID", "Subscription"],
    required: false,
  },
  {
    field: "acr",
    label: "ACR",
    aliases: ["ACR_USD", "ACR (USD)", "ACR", "AzureConsumedRevenueUSD", "Consumed Revenue"],
    required: true,
  },
  {
    field: "duplicate",
    label: "duplicate flag",
    aliases: ["IsACRDuplicateAtMPNLevel", "IsDuplicate"],
    required: false,
  },
];

/** Microsoft 365 licence columns (§1.2). */
export const M365_FIELDS: readonly FieldSpec[] = [
  { field: "month", label: "month", aliases: ["Month", "Date"], required: true },
  { field: "tenant", label: "tenant", aliases: TENANT, required: true },
  { field: "customer", label: "customer name", aliases: CUSTOMER, required: false },
  {
    field: "workload",
    label: "workload",
    aliases: ["Workload", "WorkloadName", "Workload Name", "Product"],
    required: true,
  },
  {
    field: "paid",
    label: "paid licences",
    aliases: ["PaidAvailableUnits", "Paid Licenses", "Paid Licences", "Paid Seats", "Paid"],
    required: true,
  },
  {
    field: "active",
    label: "active licences",
    aliases: ["MonthlyActiveUsers", "Active Licenses", "Active Licences", "Active Users", "Active"],
    required: false,
  },
  { field: "association", label: "association", aliases: ASSOCIATION, required: false },
  {
    field: "duplicate",
    label: "duplicate flag",
    aliases: ["IsDuplicateRowForPGA", "IsDuplicate"],
    required: false,
  },
];

/** Certification columns (§1.3); the person is resolved separately. */
export const CERT_FIELDS: readonly FieldSpec[] = [
  {
    field: "certification",
    label: "certification",
    aliases: ["Certification", "Certification Name", "Exam", "TrainingTitle", "Credential"],
    required: true,
  },
  {
    field: "earned",
    label: "earned date",
    aliases: ["Earned", "Earned Date", "TrainingCompletionDate", "Completion Date", "Date"],
    required: false,
  },
  {
    field: "expires",
    label: "expiry date",
    aliases: ["Expires", "Expiration Date", "ExpirationDate", "Valid Until"],
    required: false,
  },
];

/** Person columns, in order of preference; else first + last name together. */
export const PERSON_ALIASES: readonly string[] = ["Person", "Email", "CorpEmail", "MCPID", "Name"];
/** First-name header used when no person column exists (with {@link LAST_NAME}). */
export const FIRST_NAME = "IndividualFirstName";
/** Last-name header used when no person column exists (with {@link FIRST_NAME}). */
export const LAST_NAME = "IndividualLastName";

/** The header row of a table, normalised, with each header's leftmost column. */
export class HeaderRow {
  private readonly positions = new Map<string, number>();

  /** Reads the first row of a table (any cell form). */
  constructor(readonly raw: readonly unknown[]) {
    raw.forEach((cell, index) => {
      const key = normalizeHeader(cellText(cell));
      if (key !== "" && !this.positions.has(key)) this.positions.set(key, index);
    });
  }

  /** Column index of the first alias present, or -1. */
  find(aliases: readonly string[]): number {
    for (const alias of aliases) {
      const index = this.positions.get(normalizeHeader(alias));
      if (index !== undefined) return index;
    }
    return -1;
  }

  /** The header text of a column as the user wrote it. */
  label(column: number): string {
    return cellText(this.raw[column]);
  }

  /** Number of columns. */
  get width(): number {
    return this.raw.length;
  }
}

/** Resolved column indexes of a table, -1 for absent optional columns. */
export type Columns = Record<string, number>;

/**
 * Finds every field's column; a missing required column is an {@link InputError} naming the
 * table, the column and the headers it accepts.
 */
export function resolveColumns(
  header: HeaderRow,
  fields: readonly FieldSpec[],
  table: string,
  kind: TableKind
): Columns {
  const columns: Columns = {};
  for (const spec of fields) {
    const index = header.find(spec.aliases);
    if (index < 0 && spec.required) throw missingColumn(table, kind, spec);
    columns[spec.field] = index;
  }
  return columns;
}

/** The error for a missing required column. */
export function missingColumn(table: string, kind: TableKind, spec: FieldSpec): InputError {
  return new InputError(
    table,
    `the ${KIND_LABEL[kind]} table has no ${spec.label} column. Add a column with one of these headers: ${spec.aliases.join(", ")}.`,
    spec.field
  );
}

/**
 * Recognises a table by its header row: Azure if it has an ACR column, Microsoft 365 if it has a
 * paid-licences column, certifications if it has a certification column and a person column.
 * Returns `null` when it is none of them, `"ambiguous"` when it has both ACR and paid licences.
 */
export function detectKind(headerCells: readonly unknown[]): TableKind | "ambiguous" | null {
  const header = new HeaderRow(headerCells);
  const acr = header.find(fieldAliases(AZURE_FIELDS, "acr")) >= 0;
  const paid = header.find(fieldAliases(M365_FIELDS, "paid")) >= 0;
  if (acr && paid) return "ambiguous";
  if (acr) return "azure";
  if (paid) return "m365";
  const cert = header.find(fieldAliases(CERT_FIELDS, "certification")) >= 0;
  const person =
    header.find(PERSON_ALIASES) >= 0 ||
    (header.find([FIRST_NAME]) >= 0 && header.find([LAST_NAME]) >= 0);
  return cert && person ? "certifications" : null;
}

/** The aliases of one field. */
export function fieldAliases(fields: readonly FieldSpec[], field: string): readonly string[] {
  return fields.find((f) => f.field === field)?.aliases ?? [];
}

/**
 * Recognises a usage table (Azure or Microsoft 365) or raises the input error that says why not.
 */
export function detectUsageKind(headerCells: readonly unknown[], table: string): "azure" | "m365" {
  const kind = detectKind(headerCells);
  if (kind === "azure" || kind === "m365") return kind;
  if (kind === "ambiguous") {
    throw new InputError(
      table,
      "the table has both an ACR column and a paid-licences column, so it cannot be told apart as Azure or Microsoft 365. Put Azure consumption and Microsoft 365 licences in separate tables."
    );
  }
  throw new InputError(
    table,
    `the table is neither Azure consumption nor Microsoft 365 licences: it needs an ACR column (${fieldAliases(AZURE_FIELDS, "acr").join(", ")}) or a paid-licences column (${fieldAliases(M365_FIELDS, "paid").join(", ")}).`
  );
}

/** How many rows at the top of a sheet are searched for the header row. */
export const HEADER_SCAN_ROWS = 10;

/**
 * The index of a sheet's header row: the first of its top rows whose headers make a recognised
 * table (so a title line above the headers does not hide the table), else the first row that is
 * not blank, else 0.
 */
export function findHeaderRow(
  rows: readonly (readonly unknown[])[],
  scan = HEADER_SCAN_ROWS
): number {
  let firstFilled = -1;
  for (let i = 0; i < Math.min(scan, rows.length); i++) {
    const row = rows[i] ?? [];
    if (firstFilled < 0 && row.some((c) => cellText(c) !== "")) firstFilled = i;
    const kind = detectKind(row);
    if (kind !== null && kind !== "ambiguous") return i;
  }
  return Math.max(0, firstFilled);
}
