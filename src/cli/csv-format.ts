/**
 * What a CSV file's first bytes say about how to read it (scoring-rules §1.0): its encoding (a
 * byte-order mark, else UTF-8), and its delimiter: whichever of comma, semicolon and tab occurs
 * most often in the first ten lines outside double quotes (a tie goes to comma, then semicolon).
 * A semicolon-delimited file uses decimal commas (the CSV Excel writes in most of Europe).
 */

/** Byte values of the characters the tokenizer looks for. */
export const COMMA = 0x2c;
export const SEMICOLON = 0x3b;
export const TAB = 0x09;
export const QUOTE = 0x22;
export const LF = 0x0a;
export const CR = 0x0d;

/** A file's encoding as its byte-order mark says. */
export type Encoding = "utf-8" | "utf-16le" | "utf-16be";

/** How to read a CSV file. */
export interface CsvFormat {
  encoding: Encoding;
  /** Bytes of the byte-order mark to skip. */
  bom: number;
  delimiter: number;
  /** Amounts use decimal commas (`1.250,50`). */
  decimalComma: boolean;
}

/** The encoding and byte-order-mark length of a file's first bytes. */
export function detectEncoding(head: Uint8Array): { encoding: Encoding; bom: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return { encoding: "utf-8", bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf-16le", bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be", bom: 2 };
  return { encoding: "utf-8", bom: 0 };
}

/** How many lines the delimiter count looks at. */
export const DELIMITER_SCAN_LINES = 10;

/**
 * The delimiter of UTF-8 text starting at `from`: counts of comma, semicolon and tab outside
 * double quotes over the first ten lines.
 */
export function detectDelimiter(bytes: Uint8Array, from = 0): number {
  let commas = 0;
  let semicolons = 0;
  let tabs = 0;
  let lines = 0;
  let quoted = false;
  for (let i = from; i < bytes.length && lines < DELIMITER_SCAN_LINES; i++) {
    const b = bytes[i];
    if (b === QUOTE) quoted = !quoted;
    else if (quoted) continue;
    else if (b === COMMA) commas++;
    else if (b === SEMICOLON) semicolons++;
    else if (b === TAB) tabs++;
    else if (b === LF) lines++;
  }
  if (commas >= semicolons && commas >= tabs) return COMMA;
  if (semicolons >= tabs) return SEMICOLON;
  return TAB;
}

/** The name of a delimiter, for notes. */
export function delimiterName(delimiter: number): string {
  return delimiter === SEMICOLON ? "semicolon" : delimiter === TAB ? "tab" : "comma";
}
