import {
  aggregateAzure,
  aggregateM365,
  AzureMonthly,
  M365Monthly,
  MonthWindow,
  rowCounts,
  VersionOutcomes,
} from "./aggregate";
import { AzureClasses, classifyAzure, classifyM365, M365Classes } from "./classify";
import { Issue, RowCounts } from "./issues";
import { formatUsd, fromMicro } from "./money";
import { ParsedInputs } from "./parse-inputs";
import { Rules } from "./rules/types";

/**
 * The inputs as one rules version reads them over a window of months: monthly building blocks,
 * every row's outcome, the rows of each tenant that do not count, and the warnings that depend on
 * the version (look-alike product names, bundles).
 */
export interface RulesView {
  rules: Rules;
  window: MonthWindow;
  azure: AzureMonthly | null;
  m365: M365Monthly | null;
  azureClasses: AzureClasses[];
  m365Classes: M365Classes[];
  /** Row outcomes of each table, in the order of the parsed inputs (Azure, Microsoft 365). */
  azureCounts: RowCounts[];
  m365Counts: RowCounts[];
  /** Rows per tenant that were not counted (not eligible or duplicate-flagged). */
  excludedByTenant: Int32Array;
  /** Warnings per table name. */
  issues: Map<string, Issue[]>;
}

/** Bundle rows listed one by one before the rest are summarised. */
const LISTED_BUNDLE_ROWS = 20;

function addIssue(issues: Map<string, Issue[]>, issue: Issue): void {
  const list = issues.get(issue.table);
  if (list) list.push(issue);
  else issues.set(issue.table, [issue]);
}

/** One warning per look-alike name: rows and what they carry. */
function lookAlike(
  table: string,
  column: string,
  name: string,
  first: number,
  rows: number,
  amount: string
): Issue {
  return {
    severity: "warning",
    table,
    row: first,
    message: `${column} "${name}" is not on the eligible list but looks like a Security product (possibly a renamed eligible product; not counted): ${rows} row${rows === 1 ? "" : "s"} carrying ${amount}. If it is an eligible product under a new name, rename it in the data to the name on Microsoft's list.`,
  };
}

function azureWarnings(
  parsed: ParsedInputs,
  classes: AzureClasses[],
  issues: Map<string, Issue[]>
): void {
  parsed.azure.forEach((table, k) => {
    const cls = classes[k] as AzureClasses;
    const byName = new Map<string, { first: number; rows: number; micro: number }>();
    table.combos.forEach((combo, c) => {
      if (cls.comboService[c] !== -1 || !cls.comboSuspicious[c] || combo.rows === 0) return;
      const name = cls.comboName[c] ?? "";
      const entry = byName.get(name);
      if (entry) {
        entry.first = Math.min(entry.first, combo.firstRow);
        entry.rows += combo.rows;
        entry.micro += combo.acrMicro;
      } else byName.set(name, { first: combo.firstRow, rows: combo.rows, micro: combo.acrMicro });
    });
    const column =
      table.serviceLabels.length === 1 ? (table.serviceLabels[0] ?? "Service") : "Service";
    for (const [name, e] of byName)
      addIssue(
        issues,
        lookAlike(
          table.table,
          column,
          name,
          e.first,
          e.rows,
          `${formatUsd(fromMicro(e.micro))} ACR`
        )
      );
  });
}

function m365Warnings(
  parsed: ParsedInputs,
  classes: M365Classes[],
  issues: Map<string, Issue[]>,
  rules: Rules
): void {
  parsed.m365.forEach((table, k) => {
    const cls = classes[k] as M365Classes;
    const bundleRows: { row: number; name: string }[] = [];
    let bundleTotal = 0;
    table.workloads.forEach((w, n) => {
      const name = cls.names[n];
      if (!name || w.rows === 0) return;
      if (name.reason === 2) {
        bundleTotal += w.rows;
        for (const row of w.firstRows) bundleRows.push({ row, name: w.name });
      } else if (name.reason === 1 && name.suspicious)
        addIssue(
          issues,
          lookAlike(
            table.table,
            table.workloadLabel,
            w.name,
            w.firstRows[0] ?? 0,
            w.rows,
            `${w.paid} paid licences`
          )
        );
    });
    // One note per restricted workload: how many rows name no plan and are taken as the assumed one.
    const assumed = new Map<string, { plan: string; rows: number }>();
    table.workloads.forEach((w, n) => {
      const name = cls.names[n];
      if (!name?.assumedPlan || w.rows === 0) return;
      const workload = rules.m365Workloads[name.workload]?.canonical ?? w.name;
      const entry = assumed.get(workload) ?? { plan: name.assumedPlan, rows: 0 };
      entry.rows += w.rows;
      assumed.set(workload, entry);
    });
    for (const [workload, { plan, rows }] of assumed)
      addIssue(issues, {
        severity: "info",
        table: table.table,
        row: null,
        message: `${rows} ${workload} row${rows === 1 ? " names" : "s name"} no plan and ${rows === 1 ? "is" : "are"} taken as ${plan} (rules ${rules.id}: only ${plan} counts; a name saying another plan is not eligible).`,
      });
    bundleRows.sort((a, b) => a.row - b.row);
    for (const b of bundleRows.slice(0, LISTED_BUNDLE_ROWS))
      addIssue(issues, {
        severity: "warning",
        table: table.table,
        row: b.row,
        message: `${table.workloadLabel} "${b.name}" is a licence bundle, not a workload (bundle: list its workloads as separate rows); not counted.`,
      });
    if (bundleTotal > LISTED_BUNDLE_ROWS)
      addIssue(issues, {
        severity: "warning",
        table: table.table,
        row: null,
        message: `${bundleTotal} rows name licence bundles rather than workloads (only the first ${LISTED_BUNDLE_ROWS} are listed); list each bundle's workloads as separate rows.`,
      });
  });
}

function sameValues(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** True when `a` and `b` group the counted categories into services alike (one to one). */
function sameServiceGroups(a: AzureClasses, b: AzureClasses): boolean {
  const forth = new Map<number, number>();
  const back = new Map<number, number>();
  for (let c = 0; c < a.reason.length; c++) {
    if (a.reason[c] !== 0) continue;
    const x = a.service[c] as number;
    const y = b.service[c] as number;
    if ((forth.get(x) ?? y) !== y || (back.get(y) ?? x) !== x) return false;
    forth.set(x, y);
    back.set(y, x);
  }
  return true;
}

/**
 * True when `rules` reads every category of the tables as `other` does for the building blocks:
 * the same outcome, association type and offer, services grouped alike, the same workloads. The
 * monthly aggregates, row outcomes and excluded rows are then equal, so the view takes `other`'s
 * instead of reading a million rows again (a rules version usually differs from the previous one
 * in products the data does not have).
 */
function aggregatesAlike(
  other: RulesView,
  rules: Rules,
  span: MonthWindow,
  azure: readonly AzureClasses[],
  m365: readonly M365Classes[]
): boolean {
  const { from, to } = other.window;
  return (
    from === span.from &&
    to === span.to &&
    other.rules.azureAssociations.length === rules.azureAssociations.length &&
    other.rules.m365Associations.length === rules.m365Associations.length &&
    azure.every((cls, k) => {
      const prior = other.azureClasses[k] as AzureClasses;
      return (
        sameValues(cls.reason, prior.reason) &&
        sameValues(cls.type, prior.type) &&
        sameValues(cls.offer, prior.offer) &&
        sameServiceGroups(cls, prior)
      );
    }) &&
    m365.every((cls, k) => {
      const prior = other.m365Classes[k] as M365Classes;
      return (
        sameValues(cls.reason, prior.reason) &&
        sameValues(cls.type, prior.type) &&
        sameValues(cls.workload, prior.workload)
      );
    })
  );
}

/** The building blocks of a view: monthly aggregates, row outcomes, rows not counted per tenant. */
type Aggregates = Pick<
  RulesView,
  "azure" | "m365" | "azureCounts" | "m365Counts" | "excludedByTenant"
>;

function aggregate(
  parsed: ParsedInputs,
  rules: Rules,
  window: MonthWindow,
  azureClasses: AzureClasses[],
  m365Classes: M365Classes[]
): Aggregates {
  const tenants = parsed.tenants.size;
  const excludedByTenant = new Int32Array(tenants);
  for (const table of [...parsed.azure, ...parsed.m365])
    table.duplicatesByTenant.forEach(
      (n, t) => (excludedByTenant[t] = (excludedByTenant[t] ?? 0) + n)
    );
  const azure =
    parsed.azure.length > 0
      ? aggregateAzure(
          parsed.azure,
          azureClasses,
          tenants,
          rules.azureAssociations.length,
          rules.azureServices.length,
          window,
          excludedByTenant
        )
      : null;
  const m365 =
    parsed.m365.length > 0
      ? aggregateM365(
          parsed.m365,
          m365Classes,
          rules.m365Associations.length,
          window,
          excludedByTenant
        )
      : null;
  const counts = (
    tables: { counts: RowCounts }[],
    outcomes: VersionOutcomes[] | undefined
  ): RowCounts[] =>
    tables.map((t, k) => rowCounts(t.counts, outcomes?.[k] ?? { counted: 0, notEligible: {} }));
  return {
    azure: azure?.monthly ?? null,
    m365: m365?.monthly ?? null,
    azureCounts: counts(parsed.azure, azure?.outcomes),
    m365Counts: counts(parsed.m365, m365?.outcomes),
    excludedByTenant,
  };
}

/**
 * Reads the parsed inputs under one rules version over `window`.
 * @param others views of the same inputs under other versions: where one reads the tables alike
 *   (see `aggregatesAlike`), its building blocks are taken rather than computed again
 */
export function rulesView(
  parsed: ParsedInputs,
  rules: Rules,
  window: MonthWindow,
  others: readonly RulesView[] = []
): RulesView {
  const azureClasses = parsed.azure.map((t) => classifyAzure(t, rules));
  const m365Classes = parsed.m365.map((t) => classifyM365(t, rules));
  const alike = others.find((o) => aggregatesAlike(o, rules, window, azureClasses, m365Classes));
  const blocks: Aggregates = alike
    ? {
        azure: alike.azure,
        m365: alike.m365,
        azureCounts: alike.azureCounts.map((c) => ({ ...c, notEligible: { ...c.notEligible } })),
        m365Counts: alike.m365Counts.map((c) => ({ ...c, notEligible: { ...c.notEligible } })),
        excludedByTenant: alike.excludedByTenant,
      }
    : aggregate(parsed, rules, window, azureClasses, m365Classes);
  const issues = new Map<string, Issue[]>();
  azureWarnings(parsed, azureClasses, issues);
  m365Warnings(parsed, m365Classes, issues, rules);
  return {
    rules,
    window,
    azure: blocks.azure,
    m365: blocks.m365,
    azureClasses,
    m365Classes,
    azureCounts: blocks.azureCounts,
    m365Counts: blocks.m365Counts,
    excludedByTenant: blocks.excludedByTenant,
    issues,
  };
}
