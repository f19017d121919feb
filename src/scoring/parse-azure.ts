import { catalogueFor } from "./catalogue";
import {
  cellText,
  describeCell,
  isBlankNumeric,
  isBlankText,
  parseFlag,
  parseNumber,
} from "./cells";
import { MonthCache } from "./month-cache";
import { AZURE_FIELDS, HeaderRow, resolveColumns } from "./headers";
import { emptyCounts, IssueLog, RowCounts } from "./issues";
import { formatUsd, toMicro } from "./money";
import { normalizeName } from "./normalize";
import { Rules } from "./rules/types";
import { SuspiciousNames } from "./suspicious";
import { TenantRegistry } from "./tenants";
import { AssociationTypes, countNotEligible, isEmptyRow, MonthRange, TableShape } from "./table";

/** Counted Azure rows, column by column (typed arrays keep a million rows small and fast). */
export interface AzureRows {
  count: number;
  tenant: Int32Array;
  /** Sheet index (into the input cells) of each counted row, to read its subscription only when needed. */
  sourceRow: Int32Array;
  /** The input cells and the subscription column (-1 when absent). */
  cells: readonly (readonly unknown[])[];
  subscriptionColumn: number;
  month: Int32Array;
  /** Index into `rules.azureServices`. */
  service: Int16Array;
  offer: Int32Array;
  /** Number of distinct eligible offers (offer ids are 0 … offerCount − 1). */
  offerCount: number;
  /** Association type index (0 when the table has no association column). */
  association: Int8Array;
  /** ACR in micro-dollars (integers). */
  acrMicro: Float64Array;
  /** Association type names by index. */
  associationTypes: string[];
}

/** A parsed Azure table. */
export interface AzureTable extends TableShape {
  kind: "azure";
  rows: AzureRows;
  /** Rows per tenant number that were not counted (not eligible or duplicate-flagged). */
  excludedRowsByTenant: number[];
}

const NOT_ELIGIBLE = -1;
const SUSPICIOUS = -2;

/**
 * Parses an Azure consumption table (header row + rows) into counted rows, outcomes and issues.
 * Throws only an {@link InputError} for a missing required column; never throws on cells.
 */
export function parseAzureTable(
  cells: readonly (readonly unknown[])[],
  table: string,
  rules: Rules,
  tenants: TenantRegistry
): AzureTable {
  const header = new HeaderRow(cells[0] ?? []);
  const col = resolveColumns(header, AZURE_FIELDS, table, "azure");
  const cTenant = col.tenant ?? -1;
  const cMonth = col.month ?? -1;
  const cService = col.service ?? -1;
  const cAcr = col.acr ?? -1;
  const cCustomer = col.customer ?? -1;
  const cOffer = col.offer ?? -1;
  const cAssoc = col.association ?? -1;
  const cSub = col.subscription ?? -1;
  // Subscriptions are read back from the cells only where association types must be told apart.
  const cDup = col.duplicate ?? -1;
  const catalogue = catalogueFor(rules);
  const log = new IssueLog(table);
  const counts: RowCounts = emptyCounts();
  const months: MonthRange = { min: Infinity, max: -Infinity };

  const capacity = Math.max(0, cells.length - 1);
  const out: AzureRows = {
    count: 0,
    tenant: new Int32Array(capacity),
    sourceRow: new Int32Array(capacity),
    cells,
    subscriptionColumn: -1,
    month: new Int32Array(capacity),
    service: new Int16Array(capacity),
    offer: new Int32Array(capacity),
    offerCount: 1,
    association: new Int8Array(capacity),
    acrMicro: new Float64Array(capacity),
    associationTypes: [],
  };
  out.subscriptionColumn = cSub;

  const monthCache = new MonthCache();
  const serviceCache = new Map<string, number>();
  const offerCache = new Map<string, number>();
  const offerIds = new Map<string, number>();
  const associations = new AssociationTypes(
    (text) => catalogue.azureAssociation(text),
    cAssoc >= 0
  );
  out.associationTypes = associations.names;
  const suspicious = new SuspiciousNames();
  const excludedRowsByTenant: number[] = [];
  const exclude = (tenant: number): void => {
    excludedRowsByTenant[tenant] = (excludedRowsByTenant[tenant] ?? 0) + 1;
  };
  const serviceName = header.label(cService);
  const acrName = header.label(cAcr);

  // Locals, not object fields, in the loop that runs a million times.
  let minMonth = Infinity;
  let maxMonth = -Infinity;
  for (let r = 1; r < cells.length; r++) {
    const row = cells[r] ?? [];
    const sheetRow = r + 1;
    const tenantCell = row[cTenant];
    const monthCell = row[cMonth];
    const serviceCell = row[cService];
    const acrCell = row[cAcr];

    let problems: string[] | null = null;
    const tenantBlank = isBlankText(tenantCell);
    const monthBlank = isBlankText(monthCell);
    const serviceBlank = isBlankText(serviceCell);
    const acrBlank = isBlankNumeric(acrCell);
    if ((tenantBlank || monthBlank || serviceBlank || acrBlank) && isEmptyRow(row)) {
      counts.empty++;
      continue;
    }

    let month = -1;
    if (monthBlank)
      (problems ??= []).push(
        `${header.label(cMonth)} is blank: enter the usage month (e.g. 2025-06)`
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
    if (serviceBlank)
      (problems ??= []).push(`${serviceName} is blank: enter the Azure service name`);
    let acr = NaN;
    if (acrBlank) (problems ??= []).push(`${acrName} is blank: enter the ACR in USD (0 if none)`);
    else {
      acr = parseNumber(acrCell);
      if (isNaN(acr))
        (problems ??= []).push(
          `${acrName} ${describeCell(acrCell)} is not a number: enter an amount such as 1250.50, $1,250.50 or (12.50)`
        );
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

    if (month < minMonth) minMonth = month;
    if (month > maxMonth) maxMonth = month;
    const tenant = tenants.idOf(tenantCell);
    if (cCustomer >= 0 && tenants.names[tenant] === "") {
      const name = row[cCustomer];
      if (!isBlankText(name)) tenants.nameTenant(tenant, cellText(name));
    }
    if (duplicate) {
      counts.duplicate++;
      exclude(tenant);
      continue;
    }

    const serviceKey = typeof serviceCell === "string" ? serviceCell : cellText(serviceCell);
    let service = serviceCache.get(serviceKey);
    if (service === undefined) {
      const match = catalogue.matchService(serviceKey);
      service =
        match.kind === "eligible"
          ? match.index
          : match.kind === "none" && match.suspicious
            ? SUSPICIOUS
            : NOT_ELIGIBLE;
      serviceCache.set(serviceKey, service);
    }
    if (service < 0) {
      if (service === SUSPICIOUS) suspicious.add(cellText(serviceCell), sheetRow, acr);
      countNotEligible(counts, "service");
      exclude(tenant);
      continue;
    }

    let offer = 0;
    if (cOffer >= 0) {
      const offerCell = row[cOffer];
      const offerKey =
        typeof offerCell === "string"
          ? offerCell
          : isBlankText(offerCell)
            ? ""
            : cellText(offerCell);
      let cachedOffer = offerCache.get(offerKey);
      if (cachedOffer === undefined) {
        if (catalogue.isEligibleOffer(offerKey)) {
          const normalised = normalizeName(offerKey);
          cachedOffer = offerIds.get(normalised);
          if (cachedOffer === undefined) {
            cachedOffer = offerIds.size;
            offerIds.set(normalised, cachedOffer);
          }
        } else cachedOffer = NOT_ELIGIBLE;
        offerCache.set(offerKey, cachedOffer);
      }
      if (cachedOffer < 0) {
        countNotEligible(counts, "offer");
        exclude(tenant);
        continue;
      }
      offer = cachedOffer;
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
    out.sourceRow[i] = r;
    out.month[i] = month;
    out.service[i] = service;
    out.offer[i] = offer;
    out.association[i] = association;
    out.acrMicro[i] = toMicro(acr);
    counts.counted++;
  }

  out.offerCount = Math.max(1, offerIds.size);
  counts.dataRows = Math.max(0, cells.length - 1);
  months.min = minMonth;
  months.max = maxMonth;
  suspicious.report(log, serviceName, (usd) => `${formatUsd(usd)} ACR`);
  if (cOffer < 0) log.add("info", null, "No offer column: every row's offer is taken as eligible.");
  if (cAssoc < 0)
    log.add(
      "info",
      null,
      "No association column: every row is taken as eligibly associated (one association type)."
    );
  return {
    kind: "azure",
    table,
    rows: out,
    counts,
    issues: log.finish(),
    months,
    excludedRowsByTenant,
    rowCount: counts.dataRows,
  };
}
