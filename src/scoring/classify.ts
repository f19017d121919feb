import { catalogueFor } from "./catalogue";
import { AzureTable } from "./parse-azure";
import { M365Table } from "./parse-m365";
import { normalizeName } from "./normalize";
import { PlanRestriction, Rules } from "./rules/types";

/**
 * What a rules version makes of a parsed table's categories (scoring-rules §2): each distinct
 * combination of service cells, offer and association is judged once, so a million rows cost a
 * table look-up each.
 */

/** Why an Azure row is not counted, by code (0 = counted); checked in this order. */
export const AZURE_REASONS = ["", "service", "offer", "association"] as const;
/** Why a Microsoft 365 row is not counted, by code (0 = counted); checked in this order. */
export const M365_REASONS = ["", "workload", "bundle", "plan", "association"] as const;

/** An Azure table as one rules version reads it. */
export interface AzureClasses {
  /** Per category: 0 counted, else an index into {@link AZURE_REASONS}. */
  reason: Uint8Array;
  /** Per category: the canonical service (index into `rules.azureServices`), or -1. */
  service: Int16Array;
  /** Per category: the shared normalised-offer number. */
  offer: Int32Array;
  /** Per category: the association type (index into the rules' types; 0 without a column). */
  type: Int8Array;
  /** Per service combo: the canonical service or -1, the name it is reported under, look-alike. */
  comboService: Int16Array;
  comboName: string[];
  comboSuspicious: boolean[];
}

/** How a rules version reads one service combo: the first cell naming an eligible service decides. */
function serviceOf(
  values: readonly string[],
  rules: Rules
): { service: number; name: string; suspicious: boolean } {
  const catalogue = catalogueFor(rules);
  let first = "";
  for (const value of values) {
    if (value === "") continue;
    if (first === "") first = value;
    const match = catalogue.matchService(value);
    if (match.kind === "eligible")
      return {
        service: match.index,
        name: rules.azureServices[match.index]?.canonical ?? value,
        suspicious: false,
      };
  }
  const match = catalogue.matchService(first);
  return { service: -1, name: first, suspicious: match.kind === "none" && match.suspicious };
}

/** Judges every category of an Azure table under `rules`. */
export function classifyAzure(table: AzureTable, rules: Rules): AzureClasses {
  const catalogue = catalogueFor(rules);
  const combos = table.combos.map((combo) => serviceOf(combo.values, rules));
  const offerOk = table.offers.map((o) => !table.hasOffer || catalogue.isEligibleOffer(o));
  const types = rules.azureAssociations.map((a) => a.type);
  const typeOf = table.associations.map((a) => {
    if (!table.hasAssociation) return 0;
    const type = catalogue.azureAssociation(a);
    return type === undefined ? -1 : types.indexOf(type);
  });
  const n = table.categories.combo.length;
  const out: AzureClasses = {
    reason: new Uint8Array(n),
    service: new Int16Array(n),
    offer: new Int32Array(n),
    type: new Int8Array(n),
    comboService: Int16Array.from(combos.map((c) => c.service)),
    comboName: combos.map((c) => c.name),
    comboSuspicious: combos.map((c) => c.suspicious),
  };
  for (let k = 0; k < n; k++) {
    const combo = combos[table.categories.combo[k] ?? 0];
    const offer = table.categories.offer[k] ?? 0;
    const type = typeOf[table.categories.association[k] ?? 0] ?? -1;
    out.service[k] = combo?.service ?? -1;
    out.offer[k] = table.offerKeys[offer] ?? 0;
    out.type[k] = Math.max(0, type);
    out.reason[k] = (combo?.service ?? -1) < 0 ? 1 : !offerOk[offer] ? 2 : type < 0 ? 3 : 0;
  }
  return out;
}

/** A Microsoft 365 table as one rules version reads it. */
export interface M365Classes {
  /** Per category: 0 counted, else an index into {@link M365_REASONS}. */
  reason: Uint8Array;
  /** Per category: the canonical workload (index into `rules.m365Workloads`), or -1. */
  workload: Int16Array;
  type: Int8Array;
  /**
   * Per workload name of the table: how the catalogue reads it, and the plan it is taken to be
   * when a plan restriction applies and the name says none.
   */
  names: { workload: number; reason: number; suspicious: boolean; assumedPlan: string | null }[];
}

/** How a plan restriction reads a workload name: excluded, a named plan, or no plan (assumed). */
function planOf(name: string, restriction: PlanRestriction): "excluded" | "named" | "assumed" {
  const padded = ` ${normalizeName(name)} `;
  const has = (words: readonly string[]): boolean => words.some((w) => padded.includes(` ${w} `));
  if (has(restriction.excluded)) return "excluded";
  return has(restriction.plans) ? "named" : "assumed";
}

/** Judges every category of a Microsoft 365 table under `rules`. */
export function classifyM365(table: M365Table, rules: Rules): M365Classes {
  const catalogue = catalogueFor(rules);
  const names = table.workloads.map((w) => {
    const match = catalogue.matchWorkload(w.name);
    if (match.kind === "bundle")
      return { workload: -1, reason: 2, suspicious: false, assumedPlan: null };
    if (match.kind !== "eligible")
      return { workload: -1, reason: 1, suspicious: match.suspicious, assumedPlan: null };
    const canonical = rules.m365Workloads[match.index]?.canonical;
    const restriction = rules.m365PlanRestrictions.find((r) => r.workload === canonical);
    const plan = restriction ? planOf(w.name, restriction) : "named";
    if (plan === "excluded")
      return { workload: -1, reason: 3, suspicious: false, assumedPlan: null };
    return {
      workload: match.index,
      reason: 0,
      suspicious: false,
      assumedPlan: plan === "assumed" ? (restriction?.assumed ?? null) : null,
    };
  });
  const types = rules.m365Associations.map((a) => a.type);
  const typeOf = table.associations.map((a) => {
    if (!table.hasAssociation) return 0;
    const type = catalogue.m365Association(a);
    return type === undefined ? -1 : types.indexOf(type);
  });
  const n = table.categories.workload.length;
  const out: M365Classes = {
    reason: new Uint8Array(n),
    workload: new Int16Array(n),
    type: new Int8Array(n),
    names,
  };
  for (let k = 0; k < n; k++) {
    const name = names[table.categories.workload[k] ?? 0];
    const type = typeOf[table.categories.association[k] ?? 0] ?? -1;
    out.workload[k] = name?.workload ?? -1;
    out.type[k] = Math.max(0, type);
    out.reason[k] = name && name.reason !== 0 ? name.reason : type < 0 ? 4 : 0;
  }
  return out;
}
