// Writes samples/contoso-security.xlsx: a fictitious partner, Contoso Cloud Partners, with about
// 150 customer tenants, 26 months of Azure consumption, Microsoft 365 licences and 15 people.
// Deterministic: a seeded random generator, fixed dates; the same cells every run.
//
// The story a partner-programme lead will recognise: Contoso has grown a book of small and
// mid-sized customers and qualifies on the SMB track, but on the Enterprise track it adds no
// net large deployment (it lost one large customer) and so does not qualify.
const path = require("path");
const fs = require("fs");
const ExcelJS = require("exceljs");
const JSZip = require("jszip");

function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = random(20250630);
const pick = (list) => list[Math.floor(rnd() * list.length)];
const between = (lo, hi) => lo + rnd() * (hi - lo);
const round2 = (x) => Math.round(x * 100) / 100;

// Months as real dates (first of the month, UTC): 2023-05 … 2025-06, as-of 2025-06.
const MONTHS = Array.from({ length: 26 }, (_, k) => new Date(Date.UTC(2023, 4 + k, 1)));

const NAMES = [
  "Northwind",
  "Fabrikam",
  "Adatum",
  "Litware",
  "Tailspin",
  "Wingtip",
  "Woodgrove",
  "Proseware",
  "Lucerne",
  "Alpine",
  "Bellows",
  "Coho",
  "Contoso Pharma",
  "Fourth Coffee",
  "Graphic Design",
  "Humongous",
  "Margie's Travel",
  "Nod Publishers",
  "Relecloud",
  "Southridge",
  "Trey Research",
  "VanArsdel",
  "Wide World",
  "Blue Yonder",
  "City Power",
  "Consolidated Messenger",
  "First Up",
  "Lamna",
  "Munson's",
  "Olympia",
];
const SUFFIX = ["Ltd", "GmbH", "Inc", "BV", "AB", "Pty", "SAS", "LLC"];
let tenantNo = 0;
function tenant() {
  tenantNo++;
  const hex = (n) => Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join("");
  return {
    id: `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`,
    name: `${NAMES[tenantNo % NAMES.length]} ${SUFFIX[tenantNo % SUFFIX.length]} ${Math.ceil(tenantNo / NAMES.length)}`,
  };
}

const SECURITY = [
  "Azure Sentinel",
  "Key Vault",
  "Azure Firewall",
  "Azure Security Center Standard",
  "Azure Defender for Servers",
  "Application Gateway WAF v2",
  "Azure DDoS Protection",
  "Azure Bastion",
  "Azure Front Door Standard",
];
const OTHER = [
  "Virtual Machines",
  "Storage",
  "Azure SQL Database",
  "Bandwidth",
  "Azure App Service",
];
const azure = [
  [
    "Month",
    "CustomerTenantId",
    "CustomerName",
    "SubscriptionId",
    "ServiceName",
    "Offer",
    "PartnerAttributionType",
    "ACR_USD",
    "IsACRDuplicateAtMPNLevel",
  ],
];

/** Adds monthly rows for a tenant between two month positions with a monthly security spend. */
function consume(t, from, to, monthly, options = {}) {
  const sub = `${t.id.slice(0, 8)}-sub-${Math.floor(rnd() * 9)}`;
  const association = options.association || pick(["PAL", "PAL", "CSP Tier 1", "CSP Tier 2"]);
  for (let k = from; k <= to; k++) {
    const service = options.service || pick(SECURITY);
    const amount = round2(monthly * between(0.85, 1.15) * (1 + (options.growth || 0) * (k / 25)));
    azure.push([
      MONTHS[k],
      t.id,
      t.name,
      sub,
      service,
      options.offer || pick(["Azure Plan", "Azure Plan", "Pay-As-You-Go"]),
      association,
      amount,
      0,
    ]);
    if (options.duplicateUnder) {
      // The same consumption reported again under a second association type: counted once.
      azure.push([
        MONTHS[k],
        t.id,
        t.name,
        sub,
        service,
        "Azure Plan",
        options.duplicateUnder,
        amount,
        0,
      ]);
    }
    if (rnd() < 0.5)
      azure.push([
        MONTHS[k],
        t.id,
        t.name,
        sub,
        pick(OTHER),
        "Azure Plan",
        association,
        round2(between(50, 900)),
        0,
      ]);
  }
}

const tenants = {
  steady: [],
  newcomers: [],
  lost: [],
  large: [],
  lostLarge: [],
  small: [],
  other: [],
};
// 55 steady SMB customers over all 26 months, growing a little.
for (let i = 0; i < 55; i++) {
  const t = tenant();
  tenants.steady.push(t);
  consume(t, 0, 25, between(90, 700), {
    growth: between(0, 0.4),
    ...(i % 9 === 0 ? { duplicateUnder: "CSP Tier 1", association: "PAL" } : {}),
  });
}
// 18 customers won in the last 12 months.
for (let i = 0; i < 18; i++) {
  const t = tenant();
  tenants.newcomers.push(t);
  consume(t, 14 + (i % 6), 25, between(180, 650));
}
// 6 customers lost during the year.
for (let i = 0; i < 6; i++) {
  const t = tenant();
  tenants.lost.push(t);
  consume(t, 0, 12 + (i % 3), between(150, 500));
}
// 5 large customers above $12,000 a year in both years.
for (let i = 0; i < 5; i++) {
  const t = tenant();
  tenants.large.push(t);
  consume(t, 0, 25, between(1400, 3000), { growth: 0.25 });
}
// One large customer lost in the spring.
{
  const t = tenant();
  tenants.lostLarge.push(t);
  consume(t, 0, 20, 2600, { association: "CSP Tier 1" });
}
// 20 small customers below $600 a year.
for (let i = 0; i < 20; i++) {
  const t = tenant();
  tenants.small.push(t);
  consume(t, 10, 25, between(5, 35));
}
// 12 customers with only non-security services, trials or internal use.
for (let i = 0; i < 12; i++) {
  const t = tenant();
  tenants.other.push(t);
  for (let k = 0; k <= 25; k++) {
    azure.push([
      MONTHS[k],
      t.id,
      t.name,
      `${t.id.slice(0, 8)}-sub-1`,
      pick(OTHER),
      "Azure Plan",
      "PAL",
      round2(between(100, 2000)),
      0,
    ]);
    if (i < 3)
      azure.push([
        MONTHS[k],
        t.id,
        t.name,
        `${t.id.slice(0, 8)}-sub-2`,
        "Azure Sentinel",
        i === 0 ? "Free Trial" : "Internal Use",
        "PAL",
        round2(between(100, 300)),
        0,
      ]);
  }
}
// A product on no list, under a security-sounding name: reported as possibly renamed.
const easm = tenants.steady[3];
azure.push([
  MONTHS[25],
  easm.id,
  easm.name,
  `${easm.id.slice(0, 8)}-sub-7`,
  "Microsoft Defender EASM",
  "Azure Plan",
  "PAL",
  420.5,
  0,
]);
// A reseller association that is not PAL or CSP, and a row Partner Center flags as a duplicate.
azure.push([
  MONTHS[24],
  tenants.steady[5].id,
  tenants.steady[5].name,
  "x-sub",
  "Azure Sentinel",
  "Azure Plan",
  "Indirect reseller",
  310,
  0,
]);
azure.push([
  MONTHS[25],
  tenants.steady[6].id,
  tenants.steady[6].name,
  "x-sub",
  "Key Vault",
  "Azure Plan",
  "PAL",
  280,
  1,
]);
// Deliberate data problems: an impossible month, an unreadable amount, a missing tenant.
azure.push([
  "2025-13",
  tenants.steady[7].id,
  tenants.steady[7].name,
  "x-sub",
  "Key Vault",
  "Azure Plan",
  "PAL",
  100,
  0,
]);
azure.push([
  MONTHS[25],
  tenants.steady[8].id,
  tenants.steady[8].name,
  "x-sub",
  "Key Vault",
  "Azure Plan",
  "PAL",
  "n/a",
  0,
]);
azure.push([
  MONTHS[25],
  "",
  "Unknown customer",
  "x-sub",
  "Azure Firewall",
  "Azure Plan",
  "PAL",
  75,
  0,
]);

// Microsoft 365: a year and a month of licences for 45 tenants, 15 of them Azure customers too.
const m365 = [
  [
    "Month",
    "CustomerTenantId",
    "CustomerName",
    "WorkloadName",
    "PaidAvailableUnits",
    "MonthlyActiveUsers",
    "PartnerAttributionType",
  ],
];
const WORKLOADS = [
  "Intune",
  "Microsoft Defender for Office 365",
  "Microsoft Entra ID P1",
  "Microsoft Defender for Endpoint P2",
  "Azure Information Protection Premium P1",
];
const m365Tenants = [...tenants.steady.slice(0, 15), ...Array.from({ length: 30 }, () => tenant())];
m365Tenants.forEach((t, i) => {
  const large = i % 15 === 0; // three customers with more than 300 licences
  const startsAt = i >= 34 ? 16 : 0; // eleven new Microsoft 365 customers this year
  const workloads = WORKLOADS.slice(0, 1 + (i % 3));
  for (let k = 12 + (startsAt ? startsAt - 12 : 0); k <= 25; k++) {
    for (const w of workloads) {
      const paid = large ? Math.round(between(320, 520)) : Math.round(between(8, 180));
      const activeShare = i % 7 === 0 ? between(0.02, 0.12) : between(0.2, 0.9);
      m365.push([
        MONTHS[k],
        t.id,
        t.name,
        w,
        paid,
        Math.round(paid * activeShare),
        i % 4 === 0 ? "CSP Tier 1" : "CPOR",
      ]);
    }
  }
});
m365.push([
  MONTHS[25],
  m365Tenants[20].id,
  m365Tenants[20].name,
  "Microsoft 365 E5",
  120,
  90,
  "CPOR",
]);
m365.push([MONTHS[25], m365Tenants[21].id, m365Tenants[21].name, "Intune", -4, 0, "CPOR"]);

// People and certifications (as the Partner Center skilling export names them).
const certs = [["Email", "Certification", "Earned Date", "Expiration Date"]];
const day = (y, m, d) => new Date(Date.UTC(y, m - 1, d));
const people = [
  [
    "aisha.khan@contoso-partners.example",
    "Microsoft Certified: Azure Security Engineer Associate (AZ-500)",
    day(2024, 2, 12),
    day(2026, 2, 12),
  ],
  ["ben.ortiz@contoso-partners.example", "AZ-500", day(2023, 11, 3), day(2025, 11, 3)],
  ["chloe.martin@contoso-partners.example", "AZ-500", day(2022, 6, 1), day(2024, 6, 1)],
  [
    "dev.patel@contoso-partners.example",
    "Security Operations Analyst Associate",
    day(2024, 9, 20),
    day(2025, 9, 20),
  ],
  ["elena.rossi@contoso-partners.example", "SC-200", day(2025, 1, 15), day(2026, 1, 15)],
  ["farid.haddad@contoso-partners.example", "SC-200", day(2025, 8, 2), ""],
  ["grace.lee@contoso-partners.example", "SC-100", day(2024, 12, 5), day(2025, 12, 5)],
  ["aisha.khan@contoso-partners.example", "SC-300", day(2024, 5, 30), day(2026, 5, 30)],
  [
    "hugo.berg@contoso-partners.example",
    "Microsoft Certified: Information Security Administrator Associate",
    day(2025, 3, 10),
    day(2026, 3, 10),
  ],
  ["ines.silva@contoso-partners.example", "SC-400", day(2024, 3, 1), day(2025, 3, 1)],
  ["jonas.weber@contoso-partners.example", "SC-400", day(2025, 2, 20), ""],
  ["kira.novak@contoso-partners.example", "AZ-900", day(2024, 1, 9), ""],
  ["liam.obrien@contoso-partners.example", "AZ-104", day(2023, 10, 2), day(2025, 10, 2)],
  ["maya.cohen@contoso-partners.example", "SC-300", day(2025, 6, 18), day(2026, 6, 18)],
  ["noah.schmidt@contoso-partners.example", "SC-300", day(2023, 4, 1), "soon"],
];
for (const p of people) certs.push(p);

async function main() {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "security-pcs sample";
  workbook.created = new Date(Date.UTC(2025, 6, 1));
  workbook.modified = new Date(Date.UTC(2025, 6, 1));
  const sheet = (name, rows, formats) => {
    const ws = workbook.addWorksheet(name);
    for (const row of rows) ws.addRow(row);
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: "frozen", ySplit: 1 }];
    Object.entries(formats).forEach(([col, fmt]) => (ws.getColumn(Number(col)).numFmt = fmt));
    rows[0].forEach((_, i) => (ws.getColumn(i + 1).width = i === 1 ? 38 : 22));
    return ws;
  };
  sheet("Azure consumption", azure, { 1: "yyyy-mm", 8: "$#,##0.00" });
  const m = workbook.addWorksheet("Microsoft 365");
  m.addTable({
    name: "M365Licences",
    ref: "A1",
    headerRow: true,
    style: { theme: "TableStyleLight9", showRowStripes: true },
    columns: m365[0].map((name) => ({ name, filterButton: true })),
    rows: m365.slice(1),
  });
  m.getColumn(1).numFmt = "yyyy-mm";
  m365[0].forEach((_, i) => (m.getColumn(i + 1).width = i === 1 ? 38 : 22));
  sheet("Certifications", certs, { 3: "yyyy-mm-dd", 4: "yyyy-mm-dd" });
  const notes = workbook.addWorksheet("About this sample");
  [
    ["Contoso Cloud Partners: sample data for the Security Scorecard add-in (fictitious)."],
    [
      `${azure.length - 1} Azure rows for ${tenantNo} tenants over 26 months (2023-05 to 2025-06), ${m365.length - 1} Microsoft 365 rows, ${certs.length - 1} certification rows.`,
    ],
    [
      "It includes renamed products, duplicate consumption under two association types, trials, internal use, a licence bundle and a few data errors on purpose.",
    ],
    ["Run: npx security-pcs score --workbook samples/contoso-security.xlsx"],
  ].forEach((r) => notes.addRow(r));
  notes.getColumn(1).width = 120;
  const out = process.argv[2]
    ? path.resolve(process.argv[2])
    : path.join(__dirname, "..", "samples", "contoso-security.xlsx");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  // Fixed dates inside the zip too, so the same script always writes the same bytes.
  const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
  const fixed = new Date(Date.UTC(2025, 6, 1));
  const rebuilt = new JSZip();
  for (const name of Object.keys(zip.files).sort()) {
    const file = zip.files[name];
    if (!file.dir)
      rebuilt.file(name, await file.async("uint8array"), { date: fixed, createFolders: false });
  }
  fs.writeFileSync(
    out,
    await rebuilt.generateAsync({ type: "nodebuffer", compression: "DEFLATE" })
  );
  console.log(
    `Wrote ${path.relative(process.cwd(), out)}: ${azure.length - 1} Azure rows, ${m365.length - 1} Microsoft 365 rows, ${certs.length - 1} certification rows, ${tenantNo} tenants.`
  );
}

main().catch((error) => {
  console.error(`make-sample: ${error.message}`);
  process.exitCode = 1;
});
