import { cellText } from "./cells";
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
// PartnerAttributionType is Partner Center's attribution column and comes first: the
// AssociationType column beside it in the Azure usage report means something else.
const ASSOCIATION = [
  "PartnerAttributionType",
  "PartnerAttachType",
  "Association",
  "Association Type",
  "AssociationType",
  "Attribution",
];

/** Azure service columns: every one present is read, in this order (scoring-rules §1.1). */
export const SERVICE_ALIASES: readonly string[] = [
  "ServiceName",
  "Service Name",
  "Service",
  "ServiceLevel2",
  "ServiceLevel3",
  "ServiceLevel4",
  "ServiceLevel1",
  "Meter Category",
  "MeterCategory",
  "Product",
];

/** Azure consumption columns (§1.1); the service columns are resolved separately. */
export const AZURE_FIELDS: readonly FieldSpec[] = [
  {
    field: "month",
    label: "month",
    aliases: ["Month", "Usage Month", "UsageDate", "Date"],
    required: true,
  },
  { field: "tenant", label: "tenant", aliases: TENANT, required: true },
  { field: "customer", label: "customer name", aliases: CUSTOMER, required: false },
  { field: "service", label: "service", aliases: SERVICE_ALIASES, required: true },
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
    aliases: [
      "ACR_USD",
      "ACR (USD)",
      "ACR",
      "AzureConsumedRevenueUSD",
      "TotalACR",
      "Consumed Revenue",
    ],
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

/** A workload column pair of a wide licence table (Partner Center's Enterprise Mobility report). */
export interface WidePair {
  prefix: string;
  /** The workload the pair counts as (a name of the eligibility catalogue). */
  workload: string;
  paid: string;
  active: string;
}

/** The wide table's column pairs (scoring-rules §1.2). */
export const WIDE_PAIRS: readonly WidePair[] = [
  {
    prefix: "AADP",
    workload: "Microsoft Entra ID P1",
    paid: "AADPPaidAvailableUnits",
    active: "AADPMonthlyActiveUsers",
  },
  {
    prefix: "Intune",
    workload: "Intune",
    paid: "IntunePaidAvailableUnits",
    active: "IntuneMonthlyActiveUsers",
  },
  {
    prefix: "Azip",
    workload: "Microsoft Purview Information Protection",
    paid: "AzipPaidAvailableUnits",
    active: "AzipMonthlyActiveUsers",
  },
];

/** Columns of the wide report that carry no paid count, so are not used (an info note says so). */
export const WIDE_UNUSED = ["AATPActiveUsage", "MCASActiveUsage"];

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
  { field: "trainingType", label: "training type", aliases: ["TrainingType"], required: false },
];

/** Person columns, in order of preference per row; else first + last name together. */
export const PERSON_ALIASES: readonly string[] = ["MCPID", "CorpEmail", "Person", "Email", "Name"];
/** First-name header used with {@link LAST_NAME} when a row has no person column filled. */
export const FIRST_NAME = "IndividualFirstName";
/** Last-name header used with {@link FIRST_NAME}. */
export const LAST_NAME = "IndividualLastName";

/** The header row of a table, normalised, with each header's leftmost column. */
export class HeaderRow {
  private readonly positions = new Map<string, number>();
  private readonly counts = new Map<string, number>();

  /** Reads a header row (any cell form). */
  constructor(readonly raw: readonly unknown[]) {
    raw.forEach((cell, index) => {
      const key = normalizeHeader(cellText(cell));
      if (key === "") return;
      if (!this.positions.has(key)) this.positions.set(key, index);
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    });
  }

  /** How many columns share column `column`'s header (compared as headers are, §1.0). */
  sharing(column: number): number {
    return this.counts.get(normalizeHeader(cellText(this.raw[column]))) ?? 0;
  }

  /** Column index of the first alias present, or -1. */
  find(aliases: readonly string[]): number {
    for (const alias of aliases) {
      const index = this.positions.get(normalizeHeader(alias));
      if (index !== undefined) return index;
    }
    return -1;
  }

  /** Every column whose header is one of the aliases, in alias order, each column once. */
  findAll(aliases: readonly string[]): number[] {
    const found: number[] = [];
    for (const alias of aliases) {
      const index = this.positions.get(normalizeHeader(alias));
      if (index !== undefined && !found.includes(index)) found.push(index);
    }
    return found;
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

/**
 * The warning when a column a table is read from shares its header with another column, else
 * null. The leftmost is read (scoring-rules §1.0), which is right for a stray copy of a column
 * but silently drops a second export pasted beside the first, so the partner is told.
 * @param used the columns the table is read from (-1 for absent ones)
 */
export function sharedHeaderWarning(header: HeaderRow, used: readonly number[]): string | null {
  const labels = [
    ...new Set(
      used
        .filter((c) => c >= 0 && header.sharing(c) > 1)
        .sort((a, b) => a - b)
        .map((c) => header.label(c))
    ),
  ];
  if (labels.length === 0) return null;
  const names = labels.map((l) => `"${l}"`).join(", ");
  return `${labels.length === 1 ? `The header ${names} heads` : `The headers ${names} each head`} more than one column: the leftmost is read and the others are ignored. If another table was pasted beside this one, move it below this table or to a sheet (or file) of its own; if a column holds something else, rename its header.`;
}

/** The aliases of one field. */
export function fieldAliases(fields: readonly FieldSpec[], field: string): readonly string[] {
  return fields.find((f) => f.field === field)?.aliases ?? [];
}

/** What a missing required column is called and which headers it accepts. */
export interface MissingColumn {
  field: string;
  label: string;
  aliases: readonly string[];
}

function missingOf(spec: FieldSpec): MissingColumn {
  return { field: spec.field, label: spec.label, aliases: spec.aliases };
}

/** Resolved Azure columns (-1 for absent optional columns). */
export interface AzureColumns {
  month: number;
  tenant: number;
  customer: number;
  /** Every service column present, in the order of {@link SERVICE_ALIASES}. */
  services: number[];
  offer: number;
  association: number;
  subscription: number;
  acr: number;
  duplicate: number;
}

/** Resolved Microsoft 365 columns; `wide` lists the workload pairs of a wide table. */
export interface M365Columns {
  month: number;
  tenant: number;
  customer: number;
  /** -1 in a wide table. */
  workload: number;
  paid: number;
  active: number;
  association: number;
  duplicate: number;
  /** Pairs present in a wide table (no workload column), with their columns. */
  wide: { pair: WidePair; paid: number; active: number }[];
}

/** Resolved certification columns. */
export interface CertColumns {
  /** Person columns present, in the order of {@link PERSON_ALIASES}. */
  persons: number[];
  first: number;
  last: number;
  certification: number;
  earned: number;
  expires: number;
  trainingType: number;
}

function columnsOf(header: HeaderRow, fields: readonly FieldSpec[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const spec of fields) out[spec.field] = header.find(spec.aliases);
  return out;
}

function missingFields(
  header: HeaderRow,
  fields: readonly FieldSpec[],
  skip: readonly string[] = []
): MissingColumn[] {
  return fields
    .filter((f) => f.required && !skip.includes(f.field) && header.find(f.aliases) < 0)
    .map(missingOf);
}

/** Azure columns of a header row, with the required ones that are missing. */
export function azureColumns(header: HeaderRow): {
  columns: AzureColumns;
  missing: MissingColumn[];
} {
  const c = columnsOf(header, AZURE_FIELDS);
  const columns: AzureColumns = {
    month: c.month ?? -1,
    tenant: c.tenant ?? -1,
    customer: c.customer ?? -1,
    services: header.findAll(SERVICE_ALIASES),
    offer: c.offer ?? -1,
    association: c.association ?? -1,
    subscription: c.subscription ?? -1,
    acr: c.acr ?? -1,
    duplicate: c.duplicate ?? -1,
  };
  return { columns, missing: missingFields(header, AZURE_FIELDS) };
}

/** Microsoft 365 columns of a header row (a long or a wide table), with the missing ones. */
export function m365Columns(header: HeaderRow): {
  columns: M365Columns;
  missing: MissingColumn[];
} {
  const c = columnsOf(header, M365_FIELDS);
  const workload = c.workload ?? -1;
  const wide =
    workload >= 0
      ? []
      : WIDE_PAIRS.flatMap((pair) => {
          const paid = header.find([pair.paid]);
          return paid < 0 ? [] : [{ pair, paid, active: header.find([pair.active]) }];
        });
  const columns: M365Columns = {
    month: c.month ?? -1,
    tenant: c.tenant ?? -1,
    customer: c.customer ?? -1,
    workload,
    paid: wide.length > 0 ? -1 : (c.paid ?? -1),
    active: wide.length > 0 ? -1 : (c.active ?? -1),
    association: c.association ?? -1,
    duplicate: c.duplicate ?? -1,
    wide,
  };
  const missing = missingFields(header, M365_FIELDS, wide.length > 0 ? ["workload", "paid"] : []);
  return { columns, missing };
}

/** The person requirement of a certifications table, as a missing-column description. */
export const PERSON_COLUMN: MissingColumn = {
  field: "person",
  label: "person",
  aliases: [...PERSON_ALIASES, `${FIRST_NAME} + ${LAST_NAME}`],
};

/** Certification columns of a header row, with the missing ones. */
export function certColumns(header: HeaderRow): {
  columns: CertColumns;
  missing: MissingColumn[];
} {
  const c = columnsOf(header, CERT_FIELDS);
  const persons = header.findAll(PERSON_ALIASES);
  const first = header.find([FIRST_NAME]);
  const last = header.find([LAST_NAME]);
  const columns: CertColumns = {
    persons,
    first,
    last,
    certification: c.certification ?? -1,
    earned: c.earned ?? -1,
    expires: c.expires ?? -1,
    trainingType: c.trainingType ?? -1,
  };
  const missing = missingFields(header, CERT_FIELDS);
  if (persons.length === 0 && (first < 0 || last < 0)) missing.unshift(PERSON_COLUMN);
  return { columns, missing };
}
