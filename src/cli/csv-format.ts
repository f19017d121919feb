/**
 * What a CSV file's first bytes say about how to read it (scoring-rules §1.0): its encoding (a
 * byte-order mark; else UTF-16 when its first bytes are UTF-16 text of mostly one-byte
 * characters, as some exporters write it without a mark; else UTF-8), and its delimiter:
 * whichever of comma, semicolon and tab occurs most often in the first ten lines outside double
 * quotes (a tie goes to comma, then semicolon).
 * A semicolon-delimited file uses decimal commas (the CSV Excel writes in most of Europe).
 * Lines end with LF or CRLF, or with CR alone in files whose first line break is a lone CR (what
 * Excel for Mac writes as "CSV (Macintosh)").
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
  /** The byte that ends a line: LF (a CR before it is dropped), or CR in classic Mac files. */
  lineEnd: number;
}

/**
 * The encoding and byte-order-mark length of a file's first bytes (`bom` 0 with a UTF-16 encoding:
 * UTF-16 recognised without a mark).
 */
export function detectEncoding(head: Uint8Array): { encoding: Encoding; bom: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return { encoding: "utf-8", bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf-16le", bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be", bom: 2 };
  return { encoding: unmarkedUtf16(head) ?? "utf-8", bom: 0 };
}

/** Byte pairs {@link unmarkedUtf16} looks at: a header line or more. */
const UTF16_SCAN_PAIRS = 1024;

/**
 * UTF-16 text without a byte-order mark, told by its zero bytes: a CSV header and most data are
 * one-byte characters, which UTF-16 writes as a zero byte beside a non-zero one, always on the same
 * side. UTF-8 text has no zero bytes at all; other binary files do not keep to one side. Null when
 * at least three pairs in four do not show one byte order.
 */
function unmarkedUtf16(head: Uint8Array): Encoding | null {
  const pairs = Math.min(UTF16_SCAN_PAIRS, head.length >> 1);
  if (pairs < 4) return null;
  let little = 0;
  let big = 0;
  for (let p = 0; p < pairs; p++) {
    const first = head[2 * p] as number;
    const second = head[2 * p + 1] as number;
    if (first !== 0 && second === 0) little++;
    else if (first === 0 && second !== 0) big++;
  }
  if (little * 4 >= pairs * 3) return "utf-16le";
  if (big * 4 >= pairs * 3) return "utf-16be";
  return null;
}

/**
 * The byte that ends lines in UTF-8 text starting at `from`: CR when the first line break outside
 * double quotes is a CR not followed by LF, else LF.
 */
export function detectLineEnd(bytes: Uint8Array, from = 0): number {
  let quoted = false;
  for (let i = from; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === QUOTE) quoted = !quoted;
    else if (quoted) continue;
    else if (b === LF) return LF;
    else if (b === CR) return i + 1 < bytes.length && bytes[i + 1] !== LF ? CR : LF;
  }
  return LF;
}

/** How many lines the delimiter count looks at. */
export const DELIMITER_SCAN_LINES = 10;

/**
 * The delimiter of UTF-8 text starting at `from`: counts of comma, semicolon and tab outside
 * double quotes over the first ten lines (lines ending with `lineEnd`).
 */
export function detectDelimiter(bytes: Uint8Array, from = 0, lineEnd = LF): number {
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
    else if (b === lineEnd) lines++;
  }
  if (commas >= semicolons && commas >= tabs) return COMMA;
  if (semicolons >= tabs) return SEMICOLON;
  return TAB;
}

/** The name of a delimiter, for notes. */
export function delimiterName(delimiter: number): string {
  return delimiter === SEMICOLON ? "semicolon" : delimiter === TAB ? "tab" : "comma";
}
