import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { azureCells, certCells, m365Cells } from "../../bench/data";
import { runCli } from "../helpers/cli";
import { call, loadBuiltFunctions } from "../helpers/functions-host";

const fns = loadBuiltFunctions();
const fn = (id: string) => fns.get(id);

// One fixture set, fed to the command line (as CSV) and to the functions (as Excel cell arrays).
const azure = azureCells(4000, 120, 11);
const m365 = m365Cells(1500, 120, 12);
const certs = certCells(60, 13);
// Excel hands blank cells as "" or null: blank some optional customer names both ways.
azure.forEach((row, i) => {
  if (i > 0 && i % 7 === 0) row[2] = i % 2 ? "" : null;
});
m365.forEach((row, i) => {
  if (i > 0 && i % 5 === 0) row[2] = null;
});
const dir = mkdtempSync(join(tmpdir(), "pcs-fn-"));
const csv = (name: string, cells: unknown[][]): string => {
  const p = join(dir, name);
  writeFileSync(
    p,
    cells.map((r) => r.map((c) => (c === null ? "" : String(c))).join(",")).join("\n")
  );
  return p;
};
let cli: {
  history: {
    asOf: string;
    total: number;
    qualified: boolean;
    tracks: Record<string, { total: number }>;
  }[];
  forecast: {
    asOf: string;
    total: number;
    qualified: boolean;
    tracks: Record<string, { total: number }>;
  }[];
  plan: Record<
    string,
    {
      wins: {
        metric: string;
        points: number;
        subject: string;
        needed: { amount: number; unit: string };
        because: string;
      }[];
    }
  >;
  bestTrack: string;
  tracks: Record<
    string,
    Record<string, { points: number }> & { total: number; qualified: boolean }
  >;
  total: number;
  qualified: boolean;
  asOf: string;
};

beforeAll(async () => {
  const out = await runCli([
    "score",
    "--azure",
    csv("a.csv", azure),
    "--m365",
    csv("m.csv", m365),
    "--certs",
    csv("c.csv", certs),
    "--json",
  ]);
  cli = JSON.parse(out.out);
});

describe("dist/functions.js in a context with only CustomFunctions and Office", () => {
  it("registers every function listed in functions.json", () => {
    const meta = JSON.parse(
      readFileSync(join(__dirname, "..", "..", "dist", "functions.json"), "utf8")
    ) as { functions: { id: string }[] };
    expect([...fns.keys()].sort()).toEqual(meta.functions.map((f) => f.id).sort());
  });
});

describe("the same numbers as security-pcs score", () => {
  it.each(["Enterprise", "SMB"])(
    "NETADDS, DEPLOYMENTS, USAGEGROWTH on the %s track, usage ranges in either order",
    (track) => {
      const t = track.toLowerCase();
      expect(call(fn("NETADDS"), azure, m365, track, null)).toBe(
        cli.tracks[t]?.netCustomerAdds?.points
      );
      expect(call(fn("NETADDS"), m365, azure, track, null)).toBe(
        cli.tracks[t]?.netCustomerAdds?.points
      );
      expect(call(fn("DEPLOYMENTS"), azure, m365, track, null)).toBe(
        cli.tracks[t]?.deployments?.points
      );
      expect(call(fn("USAGEGROWTH"), m365, azure, track, null)).toBe(
        cli.tracks[t]?.usageGrowth?.points
      );
    }
  );
  it("SKILLING for both tracks at the data's as-of month, given as text or as a date serial", () => {
    expect(call(fn("SKILLING"), certs, "SMB", cli.asOf)).toBe(cli.tracks.smb?.skilling?.points);
    const [y, m] = cli.asOf.split("-").map(Number) as [number, number];
    const serial = Date.UTC(y, m - 1, 15) / 86400000 + 25569;
    expect(call(fn("SKILLING"), certs, "enterprise", serial)).toBe(
      cli.tracks.enterprise?.skilling?.points
    );
  });
  it("SCORE, QUALIFIED and SCORECARD", () => {
    expect(call(fn("SCORE"), azure, m365, certs, null, null)).toBe(cli.total);
    expect(call(fn("SCORE"), azure, m365, certs, "SMB", null)).toBe(cli.tracks.smb?.total);
    expect(call(fn("QUALIFIED"), azure, m365, certs, null)).toBe(cli.qualified);
    const table = call(fn("SCORECARD"), azure, m365, certs, null) as unknown[][];
    expect(table[0]).toEqual(["Metric", "Max", "Enterprise", "SMB"]);
    expect(table.map((r) => r[0])).toEqual([
      "Metric",
      "Net customer adds",
      "Intermediate certifications",
      "Deployments",
      "Usage growth",
      "Total",
      "Qualified",
    ]);
    expect(table[5]).toEqual(["Total", 100, cli.tracks.enterprise?.total, cli.tracks.smb?.total]);
    expect(table[6]).toEqual([
      "Qualified",
      "",
      cli.tracks.enterprise?.qualified,
      cli.tracks.smb?.qualified,
    ]);
  });
});

describe("TREND and GAP spill the outlook the command line reports", () => {
  it("TREND: twelve months of history by default, the forecast with negative months", () => {
    const table = call(fn("TREND"), azure, m365, certs, null, null, null) as unknown[][];
    expect(table[0]).toEqual(["Month", "Enterprise", "SMB", "Best", "Qualified"]);
    expect(table.slice(1)).toEqual(
      cli.history.map((h) => [
        h.asOf,
        h.tracks.enterprise!.total,
        h.tracks.smb!.total,
        h.total,
        h.qualified,
      ])
    );
    const ahead = call(fn("TREND"), azure, m365, certs, -6, "SMB", null) as unknown[][];
    expect(ahead.slice(1).map((r) => [r[0], r[2]])).toEqual(
      cli.forecast.map((f) => [f.asOf, f.tracks.smb!.total])
    );
    const three = call(fn("TREND"), azure, m365, certs, 3, null, null) as unknown[][];
    expect(three.slice(1).map((r) => r[0])).toEqual(cli.history.slice(-3).map((h) => h.asOf));
  });
  it("TREND refuses a month count it cannot give, saying which it can", () => {
    expect(call(fn("TREND"), azure, m365, certs, 13, null, null)).toMatchObject({
      error: "#VALUE!",
      message: expect.stringMatching(
        /Months "13" must be a whole number from 1 to 12 .* or from -1 to -6/
      ),
    });
  });
  it("GAP: the plan of the chosen track, nearest wins first", () => {
    const table = call(fn("GAP"), azure, m365, certs, "Enterprise", null) as unknown[][];
    expect(table[0]).toEqual(["Metric", "Points", "Subject", "Needed", "Because"]);
    const wins = cli.plan.enterprise!.wins;
    if (wins.length > 0) {
      expect(table.slice(1).map((r) => [r[1], r[2], r[4]])).toEqual(
        wins.map((w) => [w.points, w.subject, w.because])
      );
    } else expect(table).toHaveLength(2);
  });
});

describe("blank and omitted arguments", () => {
  const small = [
    ["Month", "Tenant", "Service", "ACR"],
    [45838, "t1", "Key Vault", 700],
    ["", null, 0, ""],
  ];
  it.each([[""], [null], [0], [[[""]]], [[[null]]], [[[0]]]])(
    "treats a blank moreUsage (%p) as no table",
    (blank) => {
      expect(call(fn("NETADDS"), small, blank, "SMB", null)).toBe(4);
    }
  );
  it("scores a whole-column reference (1,048,576 rows, blank below the data) as its filled rows", () => {
    // The first column is optional, so the last data row starts with a blank cell.
    const rows: unknown[][] = [
      ["Customer", "Month", "Tenant", "Service", "ACR"],
      ["Alpha", 45838, "t1", "Key Vault", 700],
      ["", 45838, "t2", "Azure Firewall", 900],
    ];
    const padded: unknown[][] = [...rows];
    while (padded.length < 1_048_576)
      padded.push(padded.length % 3 ? ["", "", "", "", ""] : [null, 0, null, "", 0]);
    expect(call(fn("NETADDS"), rows.slice(0, 2), null, "SMB", null)).not.toBe(
      call(fn("NETADDS"), rows, null, "SMB", null)
    );
    for (const id of ["NETADDS", "DEPLOYMENTS", "USAGEGROWTH"])
      expect(call(fn(id), padded, null, "SMB", null)).toBe(call(fn(id), rows, null, "SMB", null));
    const people = [
      ["Person", "Certification"],
      ["Ann", "SC-200"],
    ];
    const peoplePadded = [...people, ...Array.from({ length: 5000 }, () => ["", null])];
    expect(call(fn("SCORE"), padded, null, peoplePadded, "SMB", null)).toBe(
      call(fn("SCORE"), rows, null, people, "SMB", null)
    );
  });
  it("gives #N/A when there is nothing to score", () => {
    expect(call(fn("NETADDS"), [[""]], null, null, null)).toEqual({
      error: "#N/A",
      message: "Nothing to score: give an Azure or Microsoft 365 range with its header row.",
    });
    expect(call(fn("SKILLING"), [[null]], null, null)).toMatchObject({ error: "#N/A" });
    expect(call(fn("SCORE"), [[0]], "", [[""]], null, null)).toMatchObject({ error: "#N/A" });
  });
});

describe("bad input gives #VALUE! with a message that says what to fix", () => {
  it("names the missing ACR or licence column", () => {
    const noKind = [
      ["Month", "Tenant", "Service"],
      [45838, "t1", "Key Vault"],
    ];
    const r = call(fn("NETADDS"), noKind, null, null, null) as { error: string; message: string };
    expect(r.error).toBe("#VALUE!");
    expect(r.message).toMatch(
      /^usage: the table is neither Azure consumption nor Microsoft 365 licences: it needs an ACR column \(ACR_USD, .*\) or a paid-licences column \(PaidAvailableUnits, /
    );
  });
  it("names a missing required column of a recognised table", () => {
    const r = call(fn("DEPLOYMENTS"), [["Month", "Tenant", "ACR"]], null, null, null) as {
      message: string;
    };
    expect(r).toMatchObject({ error: "#VALUE!" });
    expect(r.message).toBe(
      "usage: the Azure consumption table has no service column. Add a column with one of these headers: ServiceName, Service Name, Service, ServiceLevel2, ServiceLevel3, ServiceLevel4, ServiceLevel1, Meter Category, MeterCategory, Product."
    );
  });
  it("rejects an unknown track, Best without all inputs, and an unreadable as-of", () => {
    const small = [["Month", "Tenant", "Service", "ACR"]];
    expect(call(fn("NETADDS"), small, null, "Gold", null)).toEqual({
      error: "#VALUE!",
      message: 'Unknown track "Gold": use "Enterprise", "SMB".',
    });
    expect(call(fn("NETADDS"), small, null, "best", null)).toMatchObject({
      error: "#VALUE!",
      message: expect.stringMatching(/use SECURITY.SCORE/),
    });
    expect(call(fn("SCORE"), small, null, null, "Platinum", null)).toEqual({
      error: "#VALUE!",
      message: 'Unknown track "Platinum": use "Enterprise", "SMB" or "Best".',
    });
    expect(call(fn("NETADDS"), small, null, null, "soon")).toEqual({
      error: "#VALUE!",
      message: 'As-of "soon" is not a month: give a date cell or "YYYY-MM" text, e.g. "2025-06".',
    });
  });
  it("scores two Azure ranges together, the larger of two reports of the same consumption counting", () => {
    const header = ["Month", "Tenant", "Service", "ACR"];
    const a = [header, ["2025-06", "t1", "Key Vault", 400], ["2025-06", "t2", "Key Vault", 700]];
    const b = [header, ["2025-06", "t1", "Key Vault", 650]];
    // t1: the two exports report the same consumption, so 650 counts (not 1,050); t2: 700.
    expect(call(fn("NETADDS"), a, b, "SMB", "2025-06")).toBe(8);
    expect(call(fn("NETADDS"), a, null, "SMB", "2025-06")).toBe(4);
  });
  it("finds the header row under a title line in a range", () => {
    const titled = [
      ["Azure usage report, June 2025", "", "", ""],
      ["", "", "", ""],
      ["Month", "Tenant", "Service", "ACR"],
      ["2025-06", "t2", "Key Vault", 700],
    ];
    expect(call(fn("NETADDS"), titled, null, "SMB", "2025-06")).toBe(4);
  });
  it("never shows a JavaScript exception text", () => {
    const weird = [
      [{}, [], null],
      [Symbol.iterator, NaN, -Infinity],
    ];
    const r = call(fn("SCORE"), weird, weird, weird, null, null);
    expect(JSON.stringify(r ?? null)).not.toMatch(/TypeError|undefined is not|Cannot read/);
  });
});

describe("ELIGIBLE", () => {
  it.each([
    ["Azure Security Center Standard", "2025", "Security Center"],
    ["Azure Sentinel", "2025", "Microsoft Sentinel"],
    ["MDE", "2025", "Microsoft Defender for Endpoint"],
    ["Network Watcher", "2025", "Network Watcher"],
    ["Network Watcher", "2026", false],
    ["Azure Security Center Standard", "2026", "Microsoft Defender for Cloud"],
    ["Azure Active Directory", "2026", "Microsoft Entra"],
    ["Azure Active Directory", "2025", false],
    ["Virtual Machines", "2026", false],
    ["", "2025", false],
    [null, null, false],
  ])("ELIGIBLE(%p, %p) = %p", (product, rules, expected) => {
    expect(call(fn("ELIGIBLE"), product, rules)).toBe(expected);
  });
  it("uses the rules in force last month when no version is named (2026 today)", () => {
    expect(call(fn("ELIGIBLE"), "Network Watcher")).toBe(false);
  });
  it("names the versions it knows when given another", () => {
    expect(call(fn("ELIGIBLE"), "Key Vault", "2024")).toEqual({
      error: "#VALUE!",
      message:
        'Unknown rules version "2024": use "2025" or "2026", or leave it out for the version in force in the as-of month.',
    });
  });
});

describe("the rules version in the functions", () => {
  const header = ["Month", "Tenant", "Service", "ACR"];
  const rows = (month: string) => [
    header,
    [month, "nw", "Network Watcher", 700],
    [month, "kv", "Key Vault", 700],
  ];
  it("uses the version in force in the as-of month when none is named", () => {
    expect(call(fn("NETADDS"), rows("2026-04"), null, "SMB", "2026-04")).toBe(8);
    expect(call(fn("NETADDS"), rows("2026-05"), null, "SMB", "2026-05")).toBe(4);
  });
  it("takes a rules version as the last argument, as text or a number", () => {
    expect(call(fn("NETADDS"), rows("2026-06"), null, "SMB", "2026-06", "2025")).toBe(8);
    expect(call(fn("NETADDS"), rows("2026-06"), null, "SMB", "2026-06", 2025)).toBe(8);
    expect(call(fn("SCORE"), rows("2025-06"), null, null, "SMB", "2025-06", "2026")).toBe(4);
    expect(call(fn("QUALIFIED"), rows("2025-06"), null, null, "2025-06", "2026")).toBe(false);
    expect(
      call(
        fn("SKILLING"),
        [
          ["Person", "Exam"],
          ["a", "SC-500"],
        ],
        "SMB",
        "2026-06",
        "2026"
      )
    ).toBe(4);
    expect(
      call(
        fn("SKILLING"),
        [
          ["Person", "Exam"],
          ["a", "SC-500"],
        ],
        "SMB",
        "2026-06",
        "2025"
      )
    ).toBe(0);
  });
  it("refuses an unknown rules version with #VALUE! naming the known ones", () => {
    expect(call(fn("DEPLOYMENTS"), rows("2026-06"), null, "SMB", null, "v3")).toEqual({
      error: "#VALUE!",
      message:
        'Unknown rules version "v3": use "2025" or "2026", or leave it out for the version in force in the as-of month.',
    });
  });
});
