/**
 * Calendar arithmetic on plain integers, free of time zones: a *day* is the number of days since
 * 1970-01-01 and a *month index* is `year × 12 + (month − 1)`.
 */

/** Excel's serial number of 1970-01-01 in the 1900 date system. */
const EXCEL_SERIAL_1970 = 25569;

/**
 * Days from the 1900 date system's serial 0 to the 1904 system's (1904-01-01 is serial 1462 in the
 * 1900 system): a workbook saved with the 1904 date system (Excel for Mac's old default) stores
 * every date as its 1900 serial minus this.
 */
export const DATE_1904_OFFSET = 1462;

/** Smallest serial number accepted as a date (1900-03-01, after Excel's fictitious 1900-02-29). */
export const MIN_EXCEL_SERIAL = 61;
/** Largest serial number accepted as a date (9999-12-31). */
export const MAX_EXCEL_SERIAL = 2958465;

/** A calendar date. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Days since 1970-01-01 of a calendar date (proleptic Gregorian). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The calendar date of a day number. */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Number of days in a month. */
export function daysInMonth(year: number, month: number): number {
  return (
    daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) -
    daysFromCivil(year, month, 1)
  );
}

/** True when the three numbers form a real calendar date. */
export function isValidDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Day number of an Excel serial date (1900 system, serial ≥ 61; fractions are times and dropped). */
export function daysFromExcelSerial(serial: number): number {
  return Math.floor(serial) - EXCEL_SERIAL_1970;
}

/** Excel serial number of a day number. */
export function excelSerialFromDays(days: number): number {
  return days + EXCEL_SERIAL_1970;
}

/** Month index of a calendar year and month. */
export function monthIndex(year: number, month: number): number {
  return year * 12 + (month - 1);
}

/** Month index of a day number. */
export function monthOfDay(days: number): number {
  const d = civilFromDays(days);
  return monthIndex(d.year, d.month);
}

/** First day (day number) of a month index. */
export function firstDayOfMonth(mi: number): number {
  return daysFromCivil(Math.floor(mi / 12), (mi % 12) + 1, 1);
}

/** Last day (day number) of a month index. */
export function lastDayOfMonth(mi: number): number {
  return firstDayOfMonth(mi + 1) - 1;
}

/**
 * Formats a month index as `YYYY-MM`.
 * @example formatMonth(monthIndex(2025, 6)) //=> "2025-06"
 */
export function formatMonth(mi: number): string {
  const year = Math.floor(mi / 12);
  const month = (mi % 12) + 1;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;
}

/** Formats a day number as `YYYY-MM-DD`. */
export function formatDay(days: number): string {
  const d = civilFromDays(days);
  return `${String(d.year).padStart(4, "0")}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
}

/**
 * The same calendar day `years` later; 29 February becomes 28 February in a year without it.
 */
export function addYears(days: number, years: number): number {
  const d = civilFromDays(days);
  const year = d.year + years;
  const day = Math.min(d.day, daysInMonth(year, d.month));
  return daysFromCivil(year, d.month, day);
}

/** Parses strict `YYYY-MM-DD` (used for rules data, never for user cells). */
export function parseIsoDay(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) throw new Error(`rules data: bad ISO date ${text}`);
  return daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
}
