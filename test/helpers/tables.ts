import { formatMonth, scoreTables, ScoreResult } from "../../src/scoring";
import { Inputs } from "../../src/scoring/parse-inputs";

/** Test data builders: small tables in the shapes partners paste. */

export const AZURE_HEADER = [
  "Month",
  "CustomerTenantId",
  "CustomerName",
  "Service",
  "Offer",
  "Association",
  "SubscriptionId",
  "ACR_USD",
];
export const M365_HEADER = [
  "Month",
  "CustomerTenantId",
  "CustomerName",
  "Workload",
  "PaidAvailableUnits",
  "MonthlyActiveUsers",
  "Association",
];
export const CERT_HEADER = ["Person", "Certification", "Earned", "Expires"];

/** Month index helpers on "YYYY-MM" text. */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const mi = y * 12 + (m - 1) + delta;
  return formatMonth(mi);
}

/** An Azure row. */
export interface AzureRowSpec {
  month: string;
  tenant: string;
  acr: number | string;
  service?: string;
  offer?: string;
  association?: string;
  subscription?: string;
  customer?: string;
}

export function azureRow(r: AzureRowSpec): unknown[] {
  return [
    r.month,
    r.tenant,
    r.customer ?? `Customer ${r.tenant}`,
    r.service ?? "Azure Sentinel",
    r.offer ?? "Azure Plan",
    r.association ?? "PAL",
    r.subscription ?? "sub-1",
    r.acr,
  ];
}

/** Twelve monthly rows of `monthly` USD ending at `end` (a full TTM window). */
export function ttmRows(
  tenant: string,
  end: string,
  monthly: number,
  extra: Partial<AzureRowSpec> = {}
): unknown[][] {
  return Array.from({ length: 12 }, (_, k) =>
    azureRow({ month: addMonths(end, -k), tenant, acr: monthly, ...extra })
  );
}

export function azureTable(rows: unknown[][]): unknown[][] {
  return [AZURE_HEADER, ...rows];
}

/** A Microsoft 365 row. */
export function m365Row(
  month: string,
  tenant: string,
  workload: string,
  paid: number | string,
  active: number | string,
  association = "CPOR"
): unknown[] {
  return [month, tenant, `Customer ${tenant}`, workload, paid, active, association];
}

export function m365Table(rows: unknown[][]): unknown[][] {
  return [M365_HEADER, ...rows];
}

export function certTable(rows: unknown[][]): unknown[][] {
  return [CERT_HEADER, ...rows];
}

/** Scores tables with the 2025 rules. */
export function score(
  tables: { azure?: unknown[][]; m365?: unknown[][]; certs?: unknown[][] },
  asOf?: string
): ScoreResult {
  const inputs: Inputs = {};
  if (tables.azure) inputs.azure = { cells: tables.azure, name: "Azure" };
  if (tables.m365) inputs.m365 = { cells: tables.m365, name: "M365" };
  if (tables.certs) inputs.certifications = { cells: tables.certs, name: "Certs" };
  const [y, m] = (asOf ?? "").split("-").map(Number);
  const options = asOf
    ? { asOf: (y ?? 0) * 12 + (m ?? 1) - 1, today: new Date(Date.UTC(2026, 10, 22)) }
    : { today: new Date(Date.UTC(2026, 10, 22)) };
  return scoreTables(inputs, options);
}
