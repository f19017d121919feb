/**
 * SpreadsheetML's escapes in text (ECMA-376 Part 1, ST_Xstring): a character XML cannot carry, or
 * that a writer chose to escape, is written `_xHHHH_` (its UTF-16 code unit in hex), and a
 * literal `_x` that would read as such an escape is written `_x005F_x…`. Excel writes a carriage
 * return inside a cell (a line break pasted from another program) as `_x000D_`.
 */
const ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/**
 * The text a cell holds, its `_xHHHH_` escapes decoded.
 * @example unescapeXstring("ACR_x000D_\n(USD)") //=> "ACR\r\n(USD)"
 * @example unescapeXstring("_x005F_x0041_") //=> "_x0041_"
 */
export function unescapeXstring(text: string): string {
  // Nearly every text has no escape: one search, no new string.
  if (text.indexOf("_x") < 0) return text;
  return text.replace(ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
