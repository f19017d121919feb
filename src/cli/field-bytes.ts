import { DecimalMark } from "../scoring/cells";

/**
 * Reading one CSV field from its bytes, the same way whichever reader holds them (the record being
 * scanned, or a block of records scanned on another thread).
 */

const utf8 = new TextDecoder("utf-8", { fatal: true });
const windows1252 = new TextDecoder("windows-1252");

/**
 * A field's text: UTF-8, or Windows-1252 when the bytes are not valid UTF-8 (then `onNotUtf8` is
 * called, so the reader can say how many values it read that way).
 */
export function fieldText(bytes: Uint8Array, onNotUtf8: () => void): string {
  for (let i = 0; i < bytes.length; i++) {
    if ((bytes[i] as number) >= 0x80) {
      try {
        return utf8.decode(bytes);
      } catch {
        onNotUtf8();
        return windows1252.decode(bytes);
      }
    }
  }
  // ASCII: every byte is its character.
  return String.fromCharCode.apply(null, bytes as unknown as number[]);
}

/**
 * A plain number (digits, an optional minus and one decimal mark) read straight from the bytes
 * `buf[start … end)`; NaN for anything else (groups, $, parentheses, quotes), which the caller
 * reads through the full rules of §1.4 instead.
 */
export function plainNumber(
  buf: Uint8Array,
  start: number,
  end: number,
  mark: DecimalMark
): number {
  if (end <= start) return NaN;
  const separator = mark === "point" ? 0x2e : 0x2c;
  let i = start;
  const negative = buf[i] === 0x2d;
  if (negative) i++;
  let whole = 0;
  let digits = 0;
  let fraction = 0;
  let scale = 1;
  let seenMark = false;
  if (i >= end) return NaN;
  for (; i < end; i++) {
    const b = buf[i] as number;
    if (b >= 0x30 && b <= 0x39) {
      digits++;
      if (seenMark) {
        fraction = fraction * 10 + (b - 0x30);
        scale *= 10;
      } else whole = whole * 10 + (b - 0x30);
    } else if (b === separator && !seenMark && digits > 0) seenMark = true;
    else return NaN;
  }
  if (digits === 0 || digits > 15 || (seenMark && scale === 1)) return NaN;
  // One exact integer divided once: the same double as Number() of the text.
  const value = (whole * scale + fraction) / scale;
  return negative ? -value : value;
}

/**
 * Whether the bytes `buf[start … end)` are blank for a numeric column (none, or only spaces and
 * tabs); null when a non-ASCII byte comes first, which only the field's text can tell (a
 * no-break space is blank). No callback: this runs for every row's amount.
 */
export function blankBytes(buf: Uint8Array, start: number, end: number): boolean | null {
  for (let i = start; i < end; i++) {
    const b = buf[i] as number;
    if (b !== 0x20 && b !== 0x09) return b < 0x80 ? false : null;
  }
  return true;
}

/**
 * The byte form of `THREE_AFTER_SEPARATOR` (`src/scoring/mixed-marks.ts`): the field's last digits
 * are exactly three after a `.` or `,`, before only spaces, `)` or `USD`. A few byte reads per
 * amount; the rare field that passes is checked exactly by its text.
 */
export function threeAfterSeparator(buf: Uint8Array, start: number, end: number): boolean {
  let i = end - 1;
  while (i >= start && isAmountTail(buf[i] as number)) i--;
  let digits = 0;
  for (; i >= start && (buf[i] as number) >= 0x30 && (buf[i] as number) <= 0x39; i--) digits++;
  return digits === 3 && i >= start && (buf[i] === 0x2e || buf[i] === 0x2c);
}

/** Bytes an amount may end with after its digits: spaces (a no-break space's two), `)`, `USD`. */
function isAmountTail(b: number): boolean {
  return (
    b === 0x20 ||
    b === 0x09 ||
    b === 0x29 ||
    b === 0xc2 ||
    b === 0xa0 ||
    b === 0x55 ||
    b === 0x53 ||
    b === 0x44 ||
    b === 0x75 ||
    b === 0x73 ||
    b === 0x64
  );
}
