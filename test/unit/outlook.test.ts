import fc from "fast-check";
import { formatMonth, parseAsOf, scoreTables, ScoreResult } from "../../src/scoring";
import { Inputs } from "../../src/scoring/parse-inputs";
import { MonthScore } from "../../src/scoring/month-score";
import { AZURE_HEADER, CERT_HEADER, M365_HEADER } from "../helpers/tables";

// The outlook checked against the engine itself on changed data: each history month is the score
// of that month; each forecast month is the score of the data carried on flat; each plan win,
// applied to the data, gains exactly the points it claims.

const AS_OF = "2026-03";
const SERVICES = ["Azure Sentinel", "Key Vault", "Azure Firewall", "Virtual Machines"];
const WORKLOADS = ["Intune", "Microsoft Defender for Office 365", "Exchange Online"];
const EXAMS = ["AZ-500", "SC-200", "SC-100", "SC-300", "SC-401", "AZ-104"];

interface Data {
  azure: unknown[][];
  m365: unknown[][];
  certs: unknown[][];
}

/** A small partner: one association per tenant, one licence row per tenant, workload and month. */
function partner(seed: number): Data {
  let a = seed >>> 0;
  const rnd = (): number => {
    a = (Math.imul(a ^ (a >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return a / 4294967296;
  };
  const asOf = parseAsOf(AS_OF);
  const azure: unknown[][] = [AZURE_HEADER];
  const m365: unknown[][] = [M365_HEADER];
  const certs: unknown[][] = [CERT_HEADER];
  for (let t = 0; t < 30; t++) {
    const scale = [20, 80, 600, 1500][t % 4] ?? 50;
    const grows = rnd() < 0.5;
    for (let m = asOf - 34; m <= asOf; m++) {
      if (rnd() < 0.2) continue;
      const acr =
        Math.round(scale * (0.5 + rnd()) * (grows ? 1 + (m - asOf + 34) / 30 : 1) * 100) / 100;
      azure.push([
        formatMonth(m),
        `t-${t}`,
        `Customer ${t}`,
        SERVICES[t % SERVICES.length],
        "Azure Plan",
        "PAL",
        `s-${t}`,
        acr,
      ]);
    }
  }
  for (let t = 0; t < 20; t++)
    for (const w of WORKLOADS.slice(0, 1 + (t % 3)))
      for (let m = asOf - 24; m <= asOf; m += 1) {
        const paid = Math.max(0, Math.round((t % 2 ? 250 : 3) + rnd() * 80 + (m - asOf) * (t % 3)));
        m365.push([
          formatMonth(m),
          `t-${t}`,
          `Customer ${t}`,
          w,
          paid,
          Math.round(paid * rnd() * 0.3),
          "CPOR",
        ]);
      }
  for (let p = 0; p < 8; p++) {
    const earned = `20${24 + (p % 2)}-0${1 + (p % 8)}-15`;
    certs.push([
      `p${p}@partner.example`,
      EXAMS[p % EXAMS.length],
      earned,
      p % 3 === 0 ? "2026-07-31" : "",
    ]);
  }
  return { azure, m365, certs };
}

function score(data: Data, asOf: string): ScoreResult {
  const inputs: Inputs = {
    azure: { cells: data.azure, name: "Azure" },
    m365: { cells: data.m365, name: "M365" },
    certifications: { cells: data.certs, name: "Certs" },
  };
  return scoreTables(inputs, { asOf: parseAsOf(asOf), today: new Date(Date.UTC(2026, 10, 22)) });
}

/** The figures a month's score is made of. */
function figures(s: MonthScore): unknown {
  const track = (t: "enterprise" | "smb"): unknown => {
    const r = s.tracks[t];
    return {
      metrics: [r.netCustomerAdds, r.skilling, r.deployments, r.usageGrowth].map((m) => m.points),
      sides: [r.netCustomerAdds, r.deployments, r.usageGrowth].map((m) => [
        m.azure.current,
        m.azure.previous,
        m.m365.current,
        m.m365.previous,
      ]),
      total: r.total,
      qualified: r.qualified,
    };
  };
  return { asOf: s.asOf, rules: s.rules, enterprise: track("enterprise"), smb: track("smb") };
}

/** The data carried on flat: every row of the as-of month copied into each later month. */
function flat(data: Data, months: number): Data {
  const later = (rows: unknown[][]): unknown[][] => {
    const out = [...rows];
    for (let k = 1; k <= months; k++)
      for (const row of rows.slice(1))
        if (row[0] === AS_OF) out.push([formatMonth(parseAsOf(AS_OF) + k), ...row.slice(1)]);
    return out;
  };
  return { azure: later(data.azure), m365: later(data.m365), certs: data.certs };
}

describe("history, forecast and plan", () => {
  it("scores each history month as the main score of that month", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), (seed) => {
        const data = partner(seed);
        const result = score(data, AS_OF);
        expect(result.history).toHaveLength(12);
        expect(result.history[11]?.asOf).toBe(AS_OF);
        result.history.forEach((h, i) => {
          const month = formatMonth(parseAsOf(AS_OF) - 11 + i);
          expect(figures(h)).toEqual(figures(score(data, month)));
        });
      }),
      { numRuns: 4 }
    );
  });

  it("scores each forecast month as the data carried on flat from the as-of month", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), (seed) => {
        const data = partner(seed);
        const result = score(data, AS_OF);
        expect(result.forecastAssumption).toBe("flat");
        expect(result.forecast).toHaveLength(6);
        const carried = flat(data, 6);
        result.forecast.forEach((f, i) => {
          const month = formatMonth(parseAsOf(AS_OF) + 1 + i);
          expect(figures(f)).toEqual(figures(score(carried, month)));
        });
        // The first month at risk is the first forecast month where the best track stops
        // qualifying or one of its metrics falls to 0.
        const best = result.bestTrack;
        const first = result.forecast.find((f) => {
          const a = result.tracks[best];
          const b = f.tracks[best];
          const keys = ["netCustomerAdds", "skilling", "deployments", "usageGrowth"] as const;
          return (
            (a.qualified && !b.qualified) || keys.some((k) => a[k].points > 0 && b[k].points === 0)
          );
        });
        expect(result.firstMonthAtRisk).toBe(first?.asOf ?? null);
        expect(result.riskDrivers.length > 0).toBe(first !== undefined);
      }),
      { numRuns: 4 }
    );
  });

  it("gains exactly the points each Azure, licence and certification win claims when applied to the data", () => {
    let checked = 0;
    for (const seed of [3, 17, 99]) {
      const data = partner(seed);
      const result = score(data, AS_OF);
      for (const track of ["enterprise", "smb"] as const) {
        const plan = result.plan[track];
        expect(plan.wins.length).toBeLessThanOrEqual(25);
        expect(plan.shortfall.points).toBeCloseTo(Math.max(0, 70 - result.tracks[track].total), 9);
        for (const win of plan.wins) {
          const changed = apply(data, win, result);
          if (!changed) continue;
          const after = score(changed, AS_OF).tracks[track].total;
          expect({ win: win.subject, gained: after - result.tracks[track].total }).toEqual({
            win: win.subject,
            gained: expect.closeTo(win.points, 9),
          });
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(5);
  });
});

/** The data with a win applied, or null for a win on a total (no single row to change). */
function apply(
  data: Data,
  win: ScoreResult["plan"]["smb"]["wins"][number],
  result: ScoreResult
): Data | null {
  const tenant = (name: string): string =>
    result.customers.find((c) => c.name === name)?.tenant ?? name;
  if (win.needed.unit === "USD ACR" && win.metric !== "usageGrowth") {
    const t = tenant(win.subject);
    const service = data.azure.find((r) => r[1] === t)?.[3];
    return {
      ...data,
      azure: [
        ...data.azure,
        [AS_OF, t, win.subject, service, "Azure Plan", "PAL", `s-plan`, win.needed.amount],
      ],
    };
  }
  if (win.needed.unit === "paid licences" || win.needed.unit === "active users") {
    const [name, workload] = win.subject.split(" — ");
    const t = tenant(name ?? "");
    const m365 = data.m365.map((r) =>
      r[0] === AS_OF && r[1] === t && r[3] === workload
        ? win.needed.unit === "paid licences"
          ? [r[0], r[1], r[2], r[3], (r[4] as number) + win.needed.amount, r[5], r[6]]
          : [
              r[0],
              r[1],
              r[2],
              r[3],
              r[4],
              Math.min(r[4] as number, r[5] as number) + win.needed.amount,
              r[6],
            ]
        : r
    );
    return { ...data, m365 };
  }
  if (win.metric === "skilling") {
    const exam = /certification: (\S+?)(,| or |$)/.exec(win.needed.unit)?.[1];
    if (exam) return { ...data, certs: [...data.certs, [win.subject, exam, "2025-01-10", ""]] };
    const step = /person certified (\S+?)(,| or |$)/.exec(win.needed.unit)?.[1];
    if (step)
      return { ...data, certs: [...data.certs, ["new@partner.example", step, "2025-01-10", ""]] };
  }
  return null;
}
