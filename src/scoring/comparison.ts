import { AzureClasses, M365_REASONS, M365Classes } from "./classify";
import { SkillingInput } from "./certifications";
import { MonthDetail } from "./month-score";
import { SIDED_METRICS } from "./metrics";
import { formatUsd, fromMicro } from "./money";
import { ParsedInputs } from "./parse-inputs";
import { Track, TRACKS } from "./rules/types";
import { RulesView } from "./rules-view";

/**
 * The rules comparison (scoring-rules §9): the same data and as-of month under every rules
 * version, per track and metric, and the rows, people and tenants whose outcome differs between
 * versions (a service no longer eligible with the ACR it carried, P1 rows, SC-500 people, AZ-500
 * after its retirement year, tenants counted through SMB stickiness).
 */

/** One track's points per metric under one version. */
export interface ComparedTrack {
  netCustomerAdds: number;
  skilling: number;
  deployments: number;
  usageGrowth: number;
  total: number;
  qualified: boolean;
}

/** One version's score of the same data and month. */
export interface ComparedVersion {
  rules: string;
  reason: string;
  tracks: Record<Track, ComparedTrack>;
  bestTrack: Track;
  total: number;
  qualified: boolean;
}

/** Something whose outcome differs between versions. */
export interface RuleDifference {
  kind: "service" | "workload" | "person" | "tenant";
  /** The product name as the data writes it, the person, or the tenant. */
  subject: string;
  table: string | null;
  /** Rows concerned (products), else null. */
  rows: number | null;
  /** What those rows carry, e.g. "$540.00 ACR" or "120 paid licences". */
  amount: string | null;
  /** The outcome under each version, by rules id. */
  outcomes: Record<string, string>;
}

/** The comparison shown in the JSON and on the scorecard. */
export interface RulesComparison {
  /** Every version, oldest first; the one the result uses is marked by `ScoreResult.rules`. */
  versions: ComparedVersion[];
  differences: RuleDifference[];
}

/** A version's view, its score at the as-of month and why it applies. */
export interface VersionRun {
  view: RulesView;
  detail: MonthDetail;
  reason: string;
}

function compared(run: VersionRun): ComparedVersion {
  const s = run.detail.score;
  const track = (t: Track): ComparedTrack => {
    const r = s.tracks[t];
    return {
      netCustomerAdds: r.netCustomerAdds.points,
      skilling: r.skilling.points,
      deployments: r.deployments.points,
      usageGrowth: r.usageGrowth.points,
      total: r.total,
      qualified: r.qualified,
    };
  };
  return {
    rules: s.rules,
    reason: run.reason,
    tracks: { enterprise: track("enterprise"), smb: track("smb") },
    bestTrack: s.bestTrack,
    total: s.total,
    qualified: s.qualified,
  };
}

const differs = (outcomes: Record<string, string>): boolean =>
  new Set(Object.values(outcomes)).size > 1;

function serviceDifferences(parsed: ParsedInputs, runs: readonly VersionRun[]): RuleDifference[] {
  const out: RuleDifference[] = [];
  parsed.azure.forEach((table, k) => {
    const bySubject = new Map<string, RuleDifference & { micro: number }>();
    table.combos.forEach((combo, c) => {
      if (combo.rows === 0) return;
      const outcomes: Record<string, string> = {};
      for (const run of runs) {
        const cls = run.view.azureClasses[k] as AzureClasses;
        const service = cls.comboService[c] ?? -1;
        outcomes[run.view.rules.id] =
          service >= 0
            ? `eligible (${run.view.rules.azureServices[service]?.canonical ?? ""})`
            : "not eligible (service)";
      }
      const eligibility = Object.values(outcomes).map((o) => o.startsWith("eligible"));
      if (new Set(eligibility).size < 2) return;
      const subject = combo.values.find((v) => v !== "") ?? "";
      const entry = bySubject.get(subject);
      if (entry) {
        entry.rows = (entry.rows ?? 0) + combo.rows;
        entry.micro += combo.acrMicro;
      } else
        bySubject.set(subject, {
          kind: "service",
          subject,
          table: table.table,
          rows: combo.rows,
          amount: null,
          outcomes,
          micro: combo.acrMicro,
        });
    });
    for (const { micro, ...d } of bySubject.values())
      out.push({ ...d, amount: `${formatUsd(fromMicro(micro))} ACR` });
  });
  return out;
}

function workloadDifferences(parsed: ParsedInputs, runs: readonly VersionRun[]): RuleDifference[] {
  const out: RuleDifference[] = [];
  parsed.m365.forEach((table, k) => {
    table.workloads.forEach((w, n) => {
      if (w.rows === 0) return;
      const outcomes: Record<string, string> = {};
      for (const run of runs) {
        const name = (run.view.m365Classes[k] as M365Classes).names[n];
        outcomes[run.view.rules.id] =
          !name || name.reason !== 0
            ? `not eligible (${M365_REASONS[name?.reason ?? 1]})`
            : `eligible (${run.view.rules.m365Workloads[name.workload]?.canonical ?? ""}${name.assumedPlan ? `, taken as ${name.assumedPlan}` : ""})`;
      }
      if (!differs(outcomes)) return;
      out.push({
        kind: "workload",
        subject: w.name,
        table: table.table,
        rows: w.rows,
        amount: `${w.paid} paid licences`,
        outcomes,
      });
    });
  });
  return out;
}

function personDifferences(runs: readonly VersionRun[]): RuleDifference[] {
  const byPerson = new Map<string, Record<string, string>>();
  for (const run of runs) {
    const skill: SkillingInput = run.detail.skill;
    for (const p of skill.people) {
      const outcomes = byPerson.get(p.person) ?? {};
      const held = p.certifications
        .filter((c) => c.status === "held")
        .map((c) => c.exam ?? c.certification);
      outcomes[run.view.rules.id] =
        p.steps.length > 0 ? `step ${p.steps.join(", ")} (${held.join(", ")})` : "not counted";
      byPerson.set(p.person, outcomes);
    }
  }
  return [...byPerson]
    .filter(([, outcomes]) => differs(outcomes))
    .map(([person, outcomes]) => ({
      kind: "person" as const,
      subject: person,
      table: null,
      rows: null,
      amount: null,
      outcomes,
    }));
}

function tenantDifferences(parsed: ParsedInputs, runs: readonly VersionRun[]): RuleDifference[] {
  const byTenant = new Map<number, Record<string, string>>();
  for (const run of runs) {
    const rules = run.view.rules;
    run.detail.years.forEach((y, t) => {
      const sticky: string[] = [];
      for (const metric of SIDED_METRICS)
        for (const side of ["azure", "m365"] as const)
          for (const track of TRACKS) {
            const c = metric.contribution(y, side, track, 0, rules);
            if (c.sticky) sticky.push(metric.countLabel(side, track));
          }
      if (sticky.length === 0) return;
      const outcomes = byTenant.get(t) ?? {};
      outcomes[rules.id] = `counted in SMB through stickiness: ${sticky.join("; ")}`;
      byTenant.set(t, outcomes);
    });
  }
  return [...byTenant].map(([t, outcomes]) => {
    for (const run of runs) outcomes[run.view.rules.id] ??= "not counted in SMB";
    const name = parsed.tenants.names[t];
    return {
      kind: "tenant" as const,
      subject: `${parsed.tenants.ids[t] ?? ""}${name ? ` (${name})` : ""}`,
      table: null,
      rows: null,
      amount: null,
      outcomes,
    };
  });
}

/** Compares the runs of every version over the same data and as-of month. */
export function compareRules(parsed: ParsedInputs, runs: readonly VersionRun[]): RulesComparison {
  return {
    versions: runs.map(compared),
    differences:
      runs.length < 2
        ? []
        : [
            ...serviceDifferences(parsed, runs),
            ...workloadDifferences(parsed, runs),
            ...personDifferences(runs),
            ...tenantDifferences(parsed, runs),
          ],
  };
}
