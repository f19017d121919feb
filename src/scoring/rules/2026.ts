import { RULES_2025 } from "./2025";
import { CatalogueEntry, Rules } from "./types";

/**
 * Solutions Partner for Security, rules id `2026`: Microsoft's page as revised in 2026
 * (scoring-rules §8). Everything not listed here is as in rules `2025`.
 */

/** The 2025 aliases of a service, by its canonical name there. */
function aliases2025(canonical: string): readonly string[] {
  const entry = RULES_2025.azureServices.find((s) => s.canonical === canonical);
  if (!entry) throw new Error(`rules data: no 2025 service ${canonical}`);
  return entry.aliases;
}

const AZURE_SERVICES_2026: readonly CatalogueEntry[] = [
  { canonical: "Application Gateway", aliases: aliases2025("Application Gateway") },
  { canonical: "Azure Active Directory B2C", aliases: aliases2025("Microsoft Entra ID B2C") },
  {
    canonical: "Azure Active Directory for External Identities",
    aliases: aliases2025("Microsoft Entra ID for External Identities"),
  },
  { canonical: "Azure Bastion", aliases: aliases2025("Azure Bastion") },
  { canonical: "Azure DDoS Protection", aliases: aliases2025("Azure DDoS Protection") },
  { canonical: "Azure Firewall", aliases: aliases2025("Azure Firewall") },
  { canonical: "Azure Firewall Manager", aliases: aliases2025("Azure Firewall Manager") },
  { canonical: "Azure Front Door Service", aliases: aliases2025("Azure Front Door Service") },
  { canonical: "Azure IoT Security", aliases: aliases2025("Azure IoT Security") },
  { canonical: "Key Vault", aliases: aliases2025("Key Vault") },
  {
    // [decision] the former names of Defender for Cloud keep counting under its new name.
    canonical: "Microsoft Defender for Cloud",
    aliases: [
      ...aliases2025("Azure Defender"),
      ...aliases2025("Security Center"),
      ...aliases2025("Advanced Data Security"),
      ...aliases2025("Advanced Threat Protection"),
    ],
  },
  {
    canonical: "Microsoft Entra",
    aliases: [
      "microsoft entra",
      "microsoft entra id",
      "entra id",
      "azure active directory",
      "azure ad",
    ],
  },
  {
    canonical: "Microsoft Entra Domain Services",
    aliases: aliases2025("Microsoft Entra Domain Services"),
  },
  {
    canonical: "Microsoft Entra Verified ID",
    aliases: [
      "microsoft entra verified id",
      "entra verified id",
      "azure ad verifiable credentials",
      "verifiable credentials",
    ],
  },
  { canonical: "Microsoft Purview", aliases: ["microsoft purview", "azure purview", "purview"] },
  {
    canonical: "Microsoft Security Copilot",
    aliases: [
      "microsoft security copilot",
      "security copilot",
      "copilot for security",
      "microsoft copilot for security",
    ],
  },
  { canonical: "Sentinel", aliases: aliases2025("Microsoft Sentinel") },
];

/** Rules id `2026` (scoring-rules §8), in force for as-of months from 2026-05 (§9). */
export const RULES_2026: Rules = {
  ...RULES_2025,
  id: "2026",
  title: "Solutions Partner for Security (2026)",
  inForceFrom: "2026-05",
  smbStickiness: true,
  azureServices: AZURE_SERVICES_2026,
  m365PlanRestrictions: [
    {
      workload: "Microsoft Defender for Endpoint",
      excluded: ["p1", "plan 1"],
      plans: ["p1", "plan 1", "p2", "plan 2"],
      assumed: "P2",
      reason: "plan",
    },
  ],
  suspiciousWords: [...RULES_2025.suspiciousWords, "purview", "copilot"],
  certifications: [
    {
      step: 1,
      exam: "AZ-500",
      title: "Azure Security Engineer Associate",
      names: ["azure security engineer associate", "azure security engineer"],
      retired: "2026-08-31",
      validYearsAfterEarned: 1,
    },
    {
      step: 1,
      exam: "SC-500",
      title: "Cloud and AI Security Engineer Associate",
      names: ["cloud and ai security engineer associate", "cloud and ai security engineer"],
    },
    ...RULES_2025.certifications.filter((c) => c.step !== 1),
  ],
  decisions: [
    ...RULES_2025.decisions.filter((d) => !d.startsWith("A retired certification")),
    "A retired certification (SC-400, retired 2025-05-31; AZ-500, retired 2026-08-31) counts like any other up to its retirement day; after it, only if it was earned on or before that day, and until one year after it was earned.",
    "Microsoft Defender for Cloud includes its former names (Azure Defender, Azure Security Center, Advanced Data Security, Advanced Threat Protection) and their plans.",
    'SMB stickiness compares the as-of month with the same month a year earlier ("the previous year" is M−12) and applies at the as-of month only: an Enterprise tenant that was SMB then still counts in SMB.',
    "Microsoft Defender for Endpoint counts only as P2: a name saying P1 or Plan 1 is not eligible; a name saying no plan is taken as P2, with a note.",
    "Rules 2026 are in force for as-of months from 2026-05, the first month the revised page is known to have been published; earlier months use rules 2025.",
  ],
};
