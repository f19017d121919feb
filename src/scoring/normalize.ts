/**
 * Text normalisation used to compare headers, product names, offers and associations.
 * Only ASCII letters and digits are "letters" and "digits" (scoring-rules §1), so lower-casing is
 * ASCII-only: a locale-aware lower-case could turn other characters into ASCII letters.
 */

function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (run) => run.toLowerCase());
}

/**
 * Normalises a header (or an association type): ASCII lower-case, every character that is not an
 * ASCII letter or digit removed.
 * @example normalizeHeader("Customer Tenant ID") //=> "customertenantid"
 */
export function normalizeHeader(text: string): string {
  return asciiLower(text).replace(/[^a-z0-9]+/g, "");
}

/**
 * Normalises a product, offer or certification name: lower-case, `&` → `and`, every run of other
 * characters → one space, trimmed.
 * @example normalizeName("Azure Security Center - Standard") //=> "azure security center standard"
 */
export function normalizeName(text: string): string {
  return asciiLower(text)
    .replace(/&/g, "and")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}
