import { normalizeHeader, normalizeName } from "./normalize";
import { AssociationType, CatalogueEntry, CertificationRule, Rules } from "./rules/types";

/**
 * Matching names against the eligibility catalogue (scoring-rules §2): exact aliases beat `*`
 * prefix aliases; among prefix aliases the longest wins; a prefix ends on a word boundary.
 */
export class NameMatcher<T> {
  private readonly exact = new Map<string, T>();
  private readonly prefixes: { prefix: string; value: T }[] = [];

  /** Builds a matcher from `[alias, value]` pairs; aliases are already normalised. */
  constructor(pairs: Iterable<readonly [string, T]>) {
    for (const [alias, value] of pairs) {
      if (alias.endsWith("*")) this.prefixes.push({ prefix: alias.slice(0, -1).trim(), value });
      else if (!this.exact.has(alias)) this.exact.set(alias, value);
    }
    this.prefixes.sort((a, b) => b.prefix.length - a.prefix.length);
  }

  /** The value for a normalised name, or `undefined` when no alias matches. */
  match(name: string): T | undefined {
    const hit = this.exact.get(name);
    if (hit !== undefined) return hit;
    for (const { prefix, value } of this.prefixes) {
      if (
        name.startsWith(prefix) &&
        (name.length === prefix.length || name.charCodeAt(prefix.length) === 32)
      ) {
        return value;
      }
    }
    return undefined;
  }
}

function catalogueMatcher(entries: readonly CatalogueEntry[]): NameMatcher<number> {
  const pairs: [string, number][] = [];
  entries.forEach((entry, index) => entry.aliases.forEach((alias) => pairs.push([alias, index])));
  return new NameMatcher(pairs);
}

/** The result of matching a product name: an eligible entry's index, a bundle, or nothing. */
export type ProductMatch =
  { kind: "eligible"; index: number } | { kind: "bundle" } | { kind: "none"; suspicious: boolean };

/** Everything the parsers and functions need from the catalogue, built once per rules version. */
export class Catalogue {
  private readonly services: NameMatcher<number>;
  private readonly workloads: NameMatcher<number>;
  private readonly bundles: NameMatcher<true>;

  /** Builds the matchers for a rules version. */
  constructor(readonly rules: Rules) {
    this.services = catalogueMatcher(rules.azureServices);
    this.workloads = catalogueMatcher(rules.m365Workloads);
    this.bundles = new NameMatcher(rules.m365Bundles.map((alias) => [alias, true] as const));
  }

  private suspicious(name: string): boolean {
    return this.rules.suspiciousWords.some((word) => name.includes(word));
  }

  /** Matches an Azure service name (raw text). */
  matchService(raw: string): ProductMatch {
    const name = normalizeName(raw);
    const index = this.services.match(name);
    if (index !== undefined) return { kind: "eligible", index };
    return { kind: "none", suspicious: this.suspicious(name) };
  }

  /** Matches a Microsoft 365 workload name (raw text). */
  matchWorkload(raw: string): ProductMatch {
    const name = normalizeName(raw);
    const index = this.workloads.match(name);
    if (index !== undefined) return { kind: "eligible", index };
    if (this.bundles.match(name)) return { kind: "bundle" };
    return { kind: "none", suspicious: this.suspicious(name) };
  }

  /**
   * The canonical eligible name of any product (Azure service first, then Microsoft 365
   * workload), or `undefined`.
   */
  canonicalProduct(raw: string): string | undefined {
    const service = this.matchService(raw);
    if (service.kind === "eligible") return this.rules.azureServices[service.index]?.canonical;
    const workload = this.matchWorkload(raw);
    if (workload.kind === "eligible") return this.rules.m365Workloads[workload.index]?.canonical;
    return undefined;
  }

  /** True when an Azure offer is eligible: no excluded word appears in it as a whole word. */
  isEligibleOffer(raw: string): boolean {
    const padded = ` ${normalizeName(raw)} `;
    return !this.rules.excludedOfferWords.some((word) => padded.includes(` ${word} `));
  }

  /** The Azure association type (PAL, CSP1, CSP2) of a cell's text, or `undefined`. */
  azureAssociation(raw: string): string | undefined {
    return associationType(raw, this.rules.azureAssociations);
  }

  /** The Microsoft 365 association type (CPOR, CSP1, CSP2) of a cell's text, or `undefined`. */
  m365Association(raw: string): string | undefined {
    return associationType(raw, this.rules.m365Associations);
  }

  /**
   * Matches a certification by exam code (first `AZ`/`SC` code decides) or else by name.
   * Returns the rule, `null` for text that names something that is not a Security
   * certification, with the exam code found (if any).
   */
  matchCertification(raw: string): { rule: CertificationRule | null; code: string | null } {
    const code = /(?<![A-Za-z0-9])(AZ|SC)-?([0-9]{3})(?![0-9])/i.exec(raw);
    if (code) {
      const exam = `${(code[1] ?? "").toUpperCase()}-${code[2] ?? ""}`;
      return { rule: this.rules.certifications.find((c) => c.exam === exam) ?? null, code: exam };
    }
    let name = normalizeName(raw);
    if (name.startsWith("microsoft certified ")) name = name.slice("microsoft certified ".length);
    if (name.startsWith("microsoft ")) name = name.slice("microsoft ".length);
    return {
      rule: this.rules.certifications.find((c) => c.names.includes(name)) ?? null,
      code: null,
    };
  }
}

function associationType(raw: string, types: readonly AssociationType[]): string | undefined {
  const key = normalizeHeader(raw);
  return types.find((t) => t.prefixes.some((prefix) => key.startsWith(prefix)))?.type;
}

const catalogues = new WeakMap<Rules, Catalogue>();

/** The (cached) catalogue of a rules version. */
export function catalogueFor(rules: Rules): Catalogue {
  let catalogue = catalogues.get(rules);
  if (!catalogue) {
    catalogue = new Catalogue(rules);
    catalogues.set(rules, catalogue);
  }
  return catalogue;
}
