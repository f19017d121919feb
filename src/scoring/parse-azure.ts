import { catalogueFor } from "./catalogue";
import { cellText, describeCell, isBlankNumeric, isBlankText, parseFlag, parseMonth, parseNumber } from "./cells";
import { AZURE_FIELDS, HeaderRow, resolveColumns } from "./headers";
import { emptyCounts, Issue, IssueLog, RowCounts } from "./issues";
import { formatUsd, toMicro } from "./money";
import { normalizeName } from "./normalize";
import { Rules } from "./rules/types";
import { SuspiciousNames } from "./suspicious";
import { TenantRegistry } from "./tenants";
import { countNotEligible, isEmptyRow, MonthRange, TableShape } from "./table";

/** Counted Azure rows, column by column (typed arrays keep a million rows small and fast). */
export interface AzureRows {
  count: number;
  tenant: Int32Array;
  subscription: Int32Array;
  month: Int32Array;
  /** Index into `rules.azureServices`. */
  service: Int16Array;
  offer: Int32Array;
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
  /** Per tenant: rows that were not counted (not eligible or duplicate-flagged). */
  excludedRowsByTenant: Map<number, number>;
}

const NOT_ELIGIBLE = -1;
const SUSPICIOUS = -2;

/**
 * Parses an Azure consumption table (header row + rows) into counted rows, outcomes and issues.
 * Throws only an {@link InputError} for a missing required column; never throws on cells.
 */
export function parseAzureTable(cells: readonly (readonly unknown[])[], table: string, rules: Rules, tenants: TenantRegistry): AzureTable {
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
  const cDup = col.duplicate ?? -1;
  const catalogue = catalogueFor(rules);
  const log = new IssueLog(table);
  const counts: RowCounts = emptyCounts();
  const months: MonthRange = { min: Infinity, max: -Infinity };

  const capacity = Math.max(0, cells.length - 1);
  const out: AzureRows = {
    count: 0,
    tenant: new Int32Array(capacity),
    subscription: new Int32Array(capacity),
    month: new Int32Array(capacity),
    service: new Int16Array(capacity),
    offer: new Int32Array(capacity),
    association: new Int8Array(capacity),
    acrMicro: new Float64Array(capacity),
    associationTypes: cAssoc < 0 ? ["all"] : [],
  };

  const monthCache = new Map<unknown, number>();
  const serviceCache = new Map<string, number>();
  const offerCache = new Map<string, number>();
  const offerIds = new Map<string, number>();
  const assocCache = new Map<string, number>();
  const subIds = new Map<string, number>();
  const suspicious = new SuspiciousNames();
  const excludedRowsByTenant = new Map<number, number>();
  const serviceName = header.label(cService);
  const acrName = header.label(cAcr);

  for (let r = 1; r < cells.length; r++) {
    const row = cells[r] ?? [];
    const sheetRow = r + 1;
    counts.dataRows++;
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
    if (monthBlank) (problems ??= []).push(`${header.label(cMonth)} is blank: enter the usage month (e.g. 2025-06)`);
    else {
      const cached = typeof monthCell === "string" || typeof monthCell === "number" ? monthCache.get(monthCell) : undefined;
      month = cached ?? parseMonth(monthCell);
      if (cached === undefined && (typeof monthCell === "string" || typeof monthCell === "number")) monthCache.set(monthCell, month);
      if (month < 0) (problems ??= []).push(`${header.label(cMonth)} ${describeCell(monthCell)} is not a month: use YYYY-MM, M/D/YYYY or an Excel date`);
    }
    if (tenantBlank) (problems ??= []).push(`${header.label(cTenant)} is blank: enter the customer's tenant id`);
    if (serviceBlank) (problems ??= []).push(`${serviceName} is blank: enter the Azure service name`);
    let acr = NaN;
    if (acrBlank) (problems ??= []).push(`${acrName} is blank: enter the ACR in USD (0 if none)`);
    else {
      acr = parseNumber(acrCell);
      if (isNaN(acr)) (problems ??= []).push(`${acrName} ${describeCell(acrCell)} is not a number: enter an amount such as 1250.50, $1,250.50 or (12.50)`);
    }
    let duplicate = false;
    if (cDup >= 0) {
      const flag = parseFlag(row[cDup]);
      if (flag === null) (problems ??= []).push(`${header.label(cDup)} ${describeCell(row[cDup])} is not a yes/no flag: use 1/0, TRUE/FALSE or yes/no`);
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
    if (cCustomer >= 0) {
      const name = row[cCustomer];
      if (!isBlankText(name)) tenants.nameTenant(tenant, cellText(name));
    }
    if (duplicate) {
      counts.duplicate++;
      excludedRowsByTenant.set(tenant, (excludedRowsByTenant.get(tenant) ?? 0) + 1);
      continue;
    }

    const serviceKey = typeof serviceCell === "string" ? serviceCell : cellText(serviceCell);
    let service = serviceCache.get(serviceKey);
    if (service === undefined) {
      const match = catalogue.matchService(serviceKey);
      service = match.kind === "eligible" ? match.index : match.kind === "none" && match.suspicious ? SUSPICIOUS : NOT_ELIGIBLE;
      serviceCache.set(serviceKey, service);
    }
    if (service < 0) {
      if (service === SUSPICIOUS) suspicious.add(cellText(serviceCell), sheetRow, acr);
      countNotEligible(counts, "service");
      excludedRowsByTenant.set(tenant, (excludedRowsByTenant.get(tenant) ?? 0) + 1);
      continue;
    }

    let offer = 0;
    if (cOffer >= 0) {
      const offerCell = row[cOffer];
      const offerKey = typeof offerCell === "string" ? offerCell : isBlankText(offerCell) ? "" : cellText(offerCell);
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
        excludedRowsByTenant.set(tenant, (excludedRowsByTenant.get(tenant) ?? 0) + 1);
        continue;
      }
      offer = cachedOffer;
    }

    let association = 0;
    if (cAssoc >= 0) {
      const assocCell = row[cAssoc];
      const assocKey = typeof assocCell === "string" ? assocCell : isBlankText(assocCell) ? "" : cellText(assocCell);
      let cachedAssoc = assocCache.get(assocKey);
      if (cachedAssoc === undefined) {
        const type = catalogue.azureAssociation(assocKey);
        if (type === undefined) cachedAssoc = NOT_ELIGIBLE;
        else {
          cachedAssoc = out.associationTypes.indexOf(type);
          if (cachedAssoc < 0) cachedAssoc = out.associationTypes.push(type) - 1;
        }
        assocCache.set(assocKey, cachedAssoc);
      }
      if (cachedAssoc < 0) {
        countNotEligible(counts, "association");
        excludedRowsByTenant.set(tenant, (excludedRowsByTenant.get(tenant) ?? 0) + 1);
        continue;
      }
      association = cachedAssoc;
    }

    let subscription = 0;
    if (cSub >= 0) {
      const subCell = row[cSub];
      const subKey = isBlankText(subCell) ? "" : cellText(subCell).toLowerCase();
      let id = subIds.get(subKey);
      if (id === undefined) {
        id = subIds.size;
        subIds.set(subKey, id);
      }
      subscription = id;
    }

    const i = out.count++;
    out.tenant[i] = tenant;
    out.subscription[i] = subscription;
    out.month[i] = month;
    out.service[i] = service;
    out.offer[i] = offer;
    out.association[i] = association;
    out.acrMicro[i] = toMicro(acr);
    counts.counted++;
  }

  suspicious.report(log, serviceName, (usd) => `${formatUsd(usd)} ACR`);
  if (cOffer < 0) log.add("info", null, "No offer column: every row's offer is taken as eligible.");
  if (cAssoc < 0) log.add("info", null, "No association column: every row is taken as eligibly associated (one association type).");
  return { kind: "azure", table, rows: out, counts, issues: log.finish(), months, excludedRowsByTenant, rowCount: counts.dataRows };
}

/** Shared result fields of every parsed table. */
export type { Issue };
