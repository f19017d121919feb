import { catalogueFor } from "./catalogue";
import {
  Cell,
  cellText,
  describeCell,
  isBlankNumeric,
  isBlankText,
  parseFlag,
  parseNumber,
} from "./cells";
import { MonthCache } from "./month-cache";
import { HeaderRow, M365_FIELDS, resolveColumns } from "./headers";
import { emptyCounts, IssueLog, RowCounts } from "./issues";
import { Rules } from "./rules/types";
import { SuspiciousNames } from "./suspicious";
import { AssociationTypes, countNotEligible, isEmptyRow, MonthRange, TableShape } from "./table";
import { TenantRegistry } from "./tenants";

/** Counted Microsoft 365 rows, column by column. */
export interface M365Rows {
  count: number;
  tenant: Int32Array;
  month: Int32Array;
  /** Index into `rules.m365Workloads`. */
  workload: Int16Array;
  association: Int8Array;
  paid: Float64Array;
  active: Float64Array;
  associationTypes: string[];
}

/** A parsed Microsoft 365 table. */
export interface M365Table extends TableShape {
  kind: "m365";
  rows: M365Rows;
  /** False when the table has no active-licences column (active counts as 0). */
  hasActive: boolean;
  /** Rows per tenant number that were not counted (not eligible or duplicate-flagged). */
  excludedRowsByTenant: number[];
}

const NOT_ELIGIBLE = -1;
const SUSPICIOUS = -2;
const BUNDLE = -3;

/** Reads a licence count: a whole, non-negative number; returns a message on failure. */
function licenceCount(value: Cell, label: string): number | string {
  const n = parseNumber(value);
  if (isNaN(n))
    return `${label} ${describeCell(value)} is not a number: enter a whole number of licences`;
  if (n < 0) return `${label} ${describeCell(value)} is negative: licence counts must be 0 or more`;
  if (!Number.isInteger(n))
    return `${label} ${describeCell(value)} is not a whole number: licence counts are whole numbers`;
  return n;
}

/**
 * Parses a Microsoft 365 licence table (header row + rows) into counted rows, outcomes and issues.
 * Throws only an {@link InputError} for a missing required column; never throws on cells.
 */
export function parseM365Table(
  cells: readonly (readonly unknown[])[],
  table: string,
  rules: Rules,
  tenants: TenantRegistry
): M365Table {
  const header = new HeaderRow(cells[0] ?? []);
  const col = resolveColumns(header, M365_FIELDS, table, "m365");
  const cTenant = col.tenant ?? -1;
  const cMonth = col.month ?? -1;
  const cWorkload = col.workload ?? -1;
  const cPaid = col.paid ?? -1;
  const cActive = col.active ?? -1;
  const cCustomer = col.customer ?? -1;
  const cAssoc = col.association ?? -1;
  const cDup = col.duplicate ?? -1;
  const catalogue = catalogueFor(rules);
  const log = new IssueLog(table);
  const counts: RowCounts = emptyCounts();
  const months: MonthRange = { min: Infinity, max: -Infinity };
  const capacity = Math.max(0, cells.length - 1);
  const out: M365Rows = {
    count: 0,
    tenant: new Int32Array(capacity),
    month: new Int32Array(capacity),
    workload: new Int16Array(capacity),
    association: new Int8Array(capacity),
    paid: new Float64Array(capacity),
    active: new Float64Array(capacity),
    associationTypes: [],
  };
  const monthCache = new MonthCache();
  const workloadCache = new Map<string, number>();
  const associations = new AssociationTypes((text) => catalogue.m365Association(text), cAssoc >= 0);
  out.associationTypes = associations.names;
  const suspicious = new SuspiciousNames();
  const excludedRowsByTenant: number[] = [];
  const workloadName = header.label(cWorkload);
  const exclude = (tenant: number): void => {
    excludedRowsByTenant[tenant] = (excludedRowsByTenant[tenant] ?? 0) + 1;
  };

  for (let r = 1; r < cells.length; r++) {
    const row = cells[r] ?? [];
    const sheetRow = r + 1;
    counts.dataRows++;
    const tenantCell = row[cTenant];
    const monthCell = row[cMonth];
    const workloadCell = row[cWorkload];
    const paidCell = row[cPaid];
    const tenantBlank = isBlankText(tenantCell);
    const monthBlank = isBlankText(monthCell);
    const workloadBlank = isBlankText(workloadCell);
    const paidBlank = isBlankNumeric(paidCell);
    if ((tenantBlank || monthBlank || workloadBlank || paidBlank) && isEmptyRow(row)) {
      counts.empty++;
      continue;
    }

    let problems: string[] | null = null;
    let month = -1;
    if (monthBlank)
      (problems ??= []).push(
        `${header.label(cMonth)} is blank: enter the licence month (e.g. 2025-06)`
      );
    else {
      month = monthCache.get(monthCell);
      if (month < 0)
        (problems ??= []).push(
          `${header.label(cMonth)} ${describeCell(monthCell)} is not a month: use YYYY-MM, M/D/YYYY or an Excel date`
        );
    }
    if (tenantBlank)
      (problems ??= []).push(`${header.label(cTenant)} is blank: enter the customer's tenant id`);
    if (workloadBlank) (problems ??= []).push(`${workloadName} is blank: enter the workload name`);
    let paid = 0;
    if (paidBlank)
      (problems ??= []).push(
        `${header.label(cPaid)} is blank: enter the paid licences (0 if none)`
      );
    else {
      const value = licenceCount(paidCell, header.label(cPaid));
      if (typeof value === "string") (problems ??= []).push(value);
      else paid = value;
    }
    let active = 0;
    if (cActive >= 0 && !isBlankNumeric(row[cActive])) {
      const value = licenceCount(row[cActive], header.label(cActive));
      if (typeof value === "string") (problems ??= []).push(value);
      else active = value;
    }
    let duplicate = false;
    if (cDup >= 0) {
      const flag = parseFlag(row[cDup]);
      if (flag === null)
        (problems ??= []).push(
          `${header.label(cDup)} ${describeCell(row[cDup])} is not a yes/no flag: use 1/0, TRUE/FALSE or yes/no`
        );
      else duplicate = flag;
    }
    if (problems !== null) {
      counts.errors++;
      log.rowError(sheetRow, problems.join("; ") + ".");
      continue;
    }

    if (month < months.min) months.min = month;
    if (month > months.max) months.max = month;
    const tenant = tenants.idOf(tenantCell);
    if (cCustomer >= 0 && tenants.names[tenant] === "" && !isBlankText(row[cCustomer]))
      tenants.nameTenant(tenant, cellText(row[cCustomer]));
    if (duplicate) {
      counts.duplicate++;
      exclude(tenant);
      continue;
    }

    const workloadKey = typeof workloadCell === "string" ? workloadCell : cellText(workloadCell);
    let workload = workloadCache.get(workloadKey);
    if (workload === undefined) {
      const match = catalogue.matchWorkload(workloadKey);
      workload =
        match.kind === "eligible"
          ? match.index
          : match.kind === "bundle"
            ? BUNDLE
            : match.suspicious
              ? SUSPICIOUS
              : NOT_ELIGIBLE;
      workloadCache.set(workloadKey, workload);
    }
    if (workload < 0) {
      if (workload === BUNDLE) {
        countNotEligible(counts, "bundle");
        if ((counts.notEligible.bundle ?? 0) <= 20) {
          log.add(
            "warning",
            sheetRow,
            `${workloadName} "${cellText(workloadCell)}" is a licence bundle, not a workload (bundle: list its workloads as separate rows); not counted.`
          );
        }
      } else {
        if (workload === SUSPICIOUS) suspicious.add(cellText(workloadCell), sheetRow, paid);
        countNotEligible(counts, "workload");
      }
      exclude(tenant);
      continue;
    }

    let association = 0;
    if (cAssoc >= 0) {
      association = associations.indexOf(row[cAssoc]);
      if (association < 0) {
        countNotEligible(counts, "association");
        exclude(tenant);
        continue;
      }
    }

    const i = out.count++;
    out.tenant[i] = tenant;
    out.month[i] = month;
    out.workload[i] = workload;
    out.association[i] = association;
    out.paid[i] = paid;
    out.active[i] = active;
    counts.counted++;
  }

  suspicious.report(log, workloadName, (licences) => `${licences} paid licences`);
  if ((counts.notEligible.bundle ?? 0) > 20) {
    log.add(
      "warning",
      null,
      `${counts.notEligible.bundle} rows name licence bundles rather than workloads (only the first 20 are listed); list each bundle's workloads as separate rows.`
    );
  }
  if (cActive < 0) {
    log.add(
      "warning",
      null,
      "No active-licences column: active licences count as 0, so Microsoft 365 deployments and usage growth score 0. Add a column such as MonthlyActiveUsers."
    );
  }
  if (cAssoc < 0)
    log.add(
      "info",
      null,
      "No association column: every row is taken as eligibly associated (one association type)."
    );
  return {
    kind: "m365",
    table,
    rows: out,
    counts,
    issues: log.finish(),
    months,
    hasActive: cActive >= 0,
    excludedRowsByTenant,
    rowCount: counts.dataRows,
  };
}
