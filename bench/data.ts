/**
 * Deterministic synthetic inputs for the benchmark, shaped as Excel hands ranges to the add-in:
 * numbers for amounts, serial numbers for months, strings for names.
 */

/** A small deterministic pseudo-random generator (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SERVICES = [
  "Azure Sentinel",
  "Key Vault",
  "Azure Firewall",
  "Virtual Machines",
  "Storage",
  "Azure Security Center Standard",
  "Application Gateway",
  "Azure Front Door Standard",
  "Bandwidth",
  "Azure Bastion",
];
const OFFERS = ["Azure Plan", "Pay-As-You-Go", "Enterprise Agreement", "Free Trial"];
const ASSOCIATIONS = ["PAL", "PAL", "PAL", "CSP Tier 1", "CSP Tier 2"];
const WORKLOADS = [
  "Intune",
  "Microsoft Defender for Office 365",
  "Microsoft Entra ID P1",
  "Microsoft Defender for Endpoint",
  "Exchange Online",
  "Microsoft 365 E5",
];

/** Excel serial of the first day of month index `mi`. */
function serialOfMonth(mi: number): number {
  const y = Math.floor(mi / 12);
  const m = (mi % 12) + 1;
  return Math.round(Date.UTC(y, m - 1, 1) / 86400000) + 25569;
}

/** The Azure table's header row. */
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

/**
 * `rows` Azure rows over 24 months for `tenants` tenants, one at a time (so a file of any size
 * can be written without holding it). As in Partner Center exports, a tenant's consumption
 * carries its association (most PAL, some CSP); one tenant in eight is also reported under a
 * second association type, half of its rows twice.
 */
export function* azureRows(rows: number, tenants: number, seed = 1): Generator<unknown[]> {
  const rnd = random(seed);
  const months = Array.from({ length: 24 }, (_, k) => serialOfMonth(2025 * 12 + 5 - k));
  const tenantIds = Array.from(
    { length: tenants },
    (_, i) => `tenant-${String(i).padStart(6, "0")}`
  );
  const names = tenantIds.map((_, i) => `Customer ${i}`);
  const association = tenantIds.map(
    () => ASSOCIATIONS[Math.floor(rnd() * ASSOCIATIONS.length)] ?? "PAL"
  );
  const doubled = tenantIds.map(() => rnd() < 0.125);
  let made = 0;
  while (made < rows) {
    const t = Math.floor(rnd() * tenants);
    const row = [
      months[Math.floor(rnd() * 24)],
      tenantIds[t],
      names[t],
      SERVICES[Math.floor(rnd() * SERVICES.length)],
      OFFERS[Math.floor(rnd() * OFFERS.length)],
      association[t],
      `sub-${t}-${Math.floor(rnd() * 3)}`,
      Math.round(rnd() * 50000) / 100,
    ];
    made++;
    yield row;
    if (doubled[t] && rnd() < 0.5 && made < rows) {
      made++;
      yield [...row.slice(0, 5), association[t] === "PAL" ? "CSP Tier 1" : "PAL", ...row.slice(6)];
    }
  }
}

/** `rows` Azure rows (header row first), as {@link azureRows} makes them. */
export function azureCells(rows: number, tenants: number, seed = 1): unknown[][] {
  return [AZURE_HEADER, ...azureRows(rows, tenants, seed)];
}

/** `rows` Microsoft 365 rows (header row first). */
export function m365Cells(rows: number, tenants: number, seed = 2): unknown[][] {
  const rnd = random(seed);
  const months = Array.from({ length: 13 }, (_, k) => serialOfMonth(2025 * 12 + 5 - k));
  const tenantIds = Array.from(
    { length: tenants },
    (_, i) => `tenant-${String(i).padStart(6, "0")}`
  );
  const out: unknown[][] = [
    [
      "Month",
      "CustomerTenantId",
      "CustomerName",
      "Workload",
      "PaidAvailableUnits",
      "MonthlyActiveUsers",
      "Association",
      "IsDuplicate",
    ],
  ];
  for (let i = 0; i < rows; i++) {
    const t = Math.floor(rnd() * tenants);
    const paid = Math.floor(rnd() * 600);
    out.push([
      months[Math.floor(rnd() * 13)],
      tenantIds[t],
      `Customer ${t}`,
      WORKLOADS[Math.floor(rnd() * WORKLOADS.length)],
      paid,
      Math.floor(rnd() * paid),
      rnd() < 0.8 ? "CPOR" : "CSP Tier 1",
      rnd() < 0.01 ? 1 : 0,
    ]);
  }
  return out;
}

/** `rows` certification rows (header row first). */
export function certCells(rows: number, seed = 3): unknown[][] {
  const rnd = random(seed);
  const certs = ["AZ-500", "SC-200", "SC-100", "SC-300", "SC-400", "SC-401", "AZ-900", "AZ-104"];
  const out: unknown[][] = [["Email", "Certification", "Earned", "Expires"]];
  for (let i = 0; i < rows; i++) {
    const earned = 44927 + Math.floor(rnd() * 900);
    out.push([
      `person${Math.floor(rnd() * 400)}@partner.example`,
      certs[Math.floor(rnd() * certs.length)],
      earned,
      rnd() < 0.5 ? earned + 365 : "",
    ]);
  }
  return out;
}
