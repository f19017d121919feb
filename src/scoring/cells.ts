import {
  DATE_1904_OFFSET,
  daysFromCivil,
  daysFromExcelSerial,
  isValidDate,
  lastDayOfMonth,
  MAX_EXCEL_SERIAL,
  MIN_EXCEL_SERIAL,
  monthIndex,
  monthOfDay,
} from "./calendar";

/**
 * Reading single cells of any form a spreadsheet, a CSV file or Excel's custom-function runtime can
 * give (scoring-rules §1.4). Every reader here is total: bad input gives a sentinel, never a throw.
 */

/** A cell as it arrives: Excel passes numbers, strings, booleans and blanks; libraries may give `Date`. */
export type Cell = unknown;

/** True for a blank cell in a numeric column: `""`, only spaces, `null`, `undefined`. */
export function isBlankNumeric(value: Cell): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === "string") return value.trim() === "";
  return false;
}

/**
 * True for a blank cell in a text or date column: as {@link isBlankNumeric}, plus the number 0 and
 * the text "0", because Excel may pass a blank cell to a custom function as 0.
 */
export function isBlankText(value: Cell): boolean {
  if (typeof value === "string") {
    if (isSurelyFilled(value)) return false;
    const t = value.trim();
    return t === "" || t === "0";
  }
  if (value === null || value === undefined) return true;
  return value === 0;
}

/** The trimmed text of a cell (numbers and booleans as Excel would show them). */
export function cellText(value: Cell): string {
  if (typeof value === "string") return value.trim();
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value).trim();
}

/** A short, safe rendering of a cell for messages. */
export function describeCell(value: Cell): string {
  const text = cellText(value);
  const short = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  return `"${short}"`;
}

/** How a table writes decimals (scoring-rules §1.4): `1,250.50` (point) or `1.250,50` (comma). */
export type DecimalMark = "point" | "comma";

const NUMBER_FORMS: Record<DecimalMark, readonly RegExp[]> = {
  point: [/^[0-9]+(\.[0-9]+)?$/, /^[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$/],
  comma: [/^[0-9]+(,[0-9]+)?$/, /^[0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?$/],
};
const DIGITS_ONLY = /^[0-9]+$/;

/** The magnitude of `N` in one convention, or NaN when `N` is not of its forms. */
function magnitude(body: string, mark: DecimalMark): number {
  // Most cells are plain digits: valid in both conventions, read without regular expressions.
  if (DIGITS_ONLY.test(body)) return Number(body);
  const [plain, grouped] = NUMBER_FORMS[mark];
  if (!plain?.test(body) && !grouped?.test(body)) return NaN;
  const group = mark === "point" ? /,/g : /\./g;
  const standard = body.replace(group, "");
  return Number(mark === "point" ? standard : standard.replace(",", "."));
}

/** The text of an amount without `$`, `USD` and spaces (non-breaking ones too), split from its sign. */
function amountParts(text: string): { sign: number; body: string } | null {
  const t = text.replace(/usd/gi, "").replace(/[$\s]/g, "");
  if (t.length === 0) return null;
  if (t.charCodeAt(0) === 45 /* - */) return { sign: -1, body: t.slice(1) };
  if (t.charCodeAt(0) === 40 /* ( */ && t.charCodeAt(t.length - 1) === 41 /* ) */)
    return { sign: -1, body: t.slice(1, -1) };
  return { sign: 1, body: t };
}

/**
 * Reads a number (scoring-rules §1.4): a finite number, or text that after removing `$`, `USD` and
 * spaces is `N`, `-N` or `(N)` (negative), `N` written in the table's decimal convention with
 * valid thousands groups. Returns `NaN` for anything else, never a guess. Blank handling is the
 * caller's.
 * @example parseNumber("$1,250.00") //=> 1250
 * @example parseNumber("1.250,50", "comma") //=> 1250.5
 * @example parseNumber("700,50") //=> NaN (a decimal comma in a decimal-point table)
 */
export function parseNumber(value: Cell, mark: DecimalMark = "point"): number {
  if (typeof value === "number") return Number.isFinite(value) ? value : NaN;
  if (typeof value !== "string") return NaN;
  const parts = amountParts(value);
  if (parts === null) return NaN;
  return parts.sign * magnitude(parts.body, mark);
}

/**
 * The value a text would have in the other decimal convention, or NaN: `"700,50"` in a
 * decimal-point table reads as 700.5 with decimal commas, which is what the error message says.
 */
export function otherConventionValue(value: Cell, mark: DecimalMark): number {
  if (typeof value !== "string") return NaN;
  const parts = amountParts(value);
  if (parts === null) return NaN;
  return parts.sign * magnitude(parts.body, mark === "point" ? "comma" : "point");
}

/**
 * Writes an amount in a decimal convention, grouped in thousands (the inverse of
 * {@link parseNumber}, used by tests and messages).
 * @example formatNumber(1250.5, "comma") //=> "1.250,5"
 */
export function formatNumber(value: number, mark: DecimalMark, decimals?: number): string {
  const fixed =
    decimals === undefined ? String(Math.abs(value)) : Math.abs(value).toFixed(decimals);
  const [whole = "0", fraction] = fixed.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, mark === "point" ? "," : ".");
  const text =
    fraction === undefined ? grouped : `${grouped}${mark === "point" ? "." : ","}${fraction}`;
  return value < 0 ? `-${text}` : text;
}

/** Whether a date-like text says only a month (so the caller picks the first or last day). */
interface TextDate {
  days: number;
  monthOnly: boolean;
}

const TIME = String.raw`(?:T.*|\s+\d{1,2}:\d{2}.*)?`;
const YMD = new RegExp(String.raw`^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?${TIME}$`);
const Y_SLASH_M = new RegExp(String.raw`^(\d{4})/(\d{1,2})${TIME}$`);
const M_SLASH_Y = new RegExp(String.raw`^(\d{1,2})/(\d{4})${TIME}$`);
const M_D_Y = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})${TIME}$`);
const D_M_Y = new RegExp(String.raw`^(\d{1,2})\.(\d{1,2})\.(\d{4})${TIME}$`);
const SERIAL_TEXT = /^[0-9]+(\.[0-9]+)?$/;

function serialToDays(serial: number): number {
  if (!(serial >= MIN_EXCEL_SERIAL && serial < MAX_EXCEL_SERIAL + 1)) return NaN;
  return daysFromExcelSerial(serial);
}

function ymd(year: number, month: number, day: number | undefined): TextDate | null {
  if (day === undefined) {
    if (month < 1 || month > 12) return null;
    return { days: daysFromCivil(year, month, 1), monthOnly: true };
  }
  if (!isValidDate(year, month, day)) return null;
  return { days: daysFromCivil(year, month, day), monthOnly: false };
}

function parseTextDate(text: string): TextDate | null {
  if (SERIAL_TEXT.test(text)) {
    const days = serialToDays(Number(text));
    return isNaN(days) ? null : { days, monthOnly: false };
  }
  let m = YMD.exec(text);
  if (m) return ymd(Number(m[1]), Number(m[2]), m[3] === undefined ? undefined : Number(m[3]));
  m = Y_SLASH_M.exec(text);
  if (m) return ymd(Number(m[1]), Number(m[2]), undefined);
  m = M_SLASH_Y.exec(text);
  if (m) return ymd(Number(m[2]), Number(m[1]), undefined);
  m = M_D_Y.exec(text);
  if (m) return ymd(Number(m[3]), Number(m[1]), Number(m[2]));
  m = D_M_Y.exec(text);
  if (m) return ymd(Number(m[3]), Number(m[2]), Number(m[1]));
  return null;
}

function dateObjectDays(value: Date): number {
  const t = value.getTime();
  if (isNaN(t)) return NaN;
  // Spreadsheet libraries give dates at UTC midnight; the UTC calendar day is the cell's day.
  return daysFromCivil(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
}

/**
 * Reads the calendar month of a cell: an Excel serial number (61…2958465), a `Date`, or text in
 * the forms of scoring-rules §1.4. Returns the month index, or -1 when unreadable.
 * @param date1904 numbers are serials of the 1904 date system (a workbook setting)
 * @example formatMonth(parseMonth(45565)) //=> "2024-09"
 */
export function parseMonth(value: Cell, date1904 = false): number {
  if (typeof value === "number") {
    const days = serialToDays(date1904 ? value + DATE_1904_OFFSET : value);
    return isNaN(days) ? -1 : monthOfDay(days);
  }
  if (typeof value === "string") {
    const d = parseTextDate(value.trim());
    return d === null ? -1 : monthOfDay(d.days);
  }
  if (value instanceof Date) {
    const days = dateObjectDays(value);
    return isNaN(days) ? -1 : monthOfDay(days);
  }
  return -1;
}

/**
 * Reads a calendar day (day number). A month-only text means the month's first day, or its last
 * day when `monthOnlyMeansLastDay` (an expiry). Returns `NaN` when unreadable.
 * @param date1904 numbers are serials of the 1904 date system (a workbook setting)
 */
export function parseDay(value: Cell, monthOnlyMeansLastDay: boolean, date1904 = false): number {
  if (typeof value === "number") return serialToDays(date1904 ? value + DATE_1904_OFFSET : value);
  if (value instanceof Date) return dateObjectDays(value);
  if (typeof value !== "string") return NaN;
  const d = parseTextDate(value.trim());
  if (d === null) return NaN;
  if (d.monthOnly && monthOnlyMeansLastDay) return lastDayOfMonth(monthOfDay(d.days));
  return d.days;
}

/** Reads a yes/no flag: 1/true/yes → true; 0/false/no/blank → false; anything else → null. */
export function parseFlag(value: Cell): boolean | null {
  if (value === null || value === undefined) return false;
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value === 1 ? true : value === 0 ? false : null;
  if (typeof value !== "string") return null;
  const t = value.trim().toLowerCase();
  if (t === "" || t === "0" || t === "false" || t === "no" || t === "n") return false;
  if (t === "1" || t === "true" || t === "yes" || t === "y") return true;
  return null;
}

/** Re-exported for callers that build month indexes from user input. */
export { monthIndex };

/**
 * True for text that is certainly not blank: longer than one character and starting and ending
 * with a visible ASCII character, so {@link isBlankText} need not trim it.
 */
function isSurelyFilled(value: Cell): boolean {
  if (typeof value !== "string") return typeof value === "number" && value !== 0;
  const n = value.length;
  if (n < 2) return false;
  const a = value.charCodeAt(0);
  const b = value.charCodeAt(n - 1);
  return a > 32 && a < 127 && b > 32 && b < 127;
}
