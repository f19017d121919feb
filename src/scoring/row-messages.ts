import { Cell, cellText, DecimalMark, describeCell, otherConventionValue } from "./cells";
import { englishErrorName, excelErrorValue } from "./excel-errors";

/**
 * The words of row errors, shared by the parsers: each says which column, what was found and what
 * to do.
 */

/** How the decimal convention of a table is changed, for the number messages. */
/** How to tell a reader that a file uses decimal commas. */
export const HOW_TO_SAY_DECIMAL_COMMAS =
  "if the file uses decimal commas, say so (command line: --decimal-comma; a semicolon-separated CSV file is read with decimal commas)";
/** How to tell a reader that a file uses decimal points. */
export const HOW_TO_SAY_DECIMAL_POINTS =
  "if the file uses decimal points, leave out --decimal-comma (a semicolon-separated CSV file is always read with decimal commas, so save it comma-separated)";

/**
 * A number in scientific notation (`1.5E-05`, `2,3E+04`): what Excel's General format shows for very
 * small or large amounts, and so what a CSV file saved from Excel holds.
 */
const SCIENTIFIC = /^\s*[-+]?[0-9]+([.,][0-9]+)?E[-+]?[0-9]+\s*$/i;

/** A dash with nothing else but `$`, `USD` and spaces: how Excel's Accounting format shows zero. */
const ACCOUNTING_ZERO = /^\s*(\$|usd)?\s*[-–]\s*(\$|usd)?\s*$/i;

const HOW_TO_AVOID_ACCOUNTING_ZERO =
  "a lone dash is how Excel's Accounting format shows zero: format the column as Number before saving as CSV, or give the workbook instead";

const HOW_TO_AVOID_SCIENTIFIC =
  "it is in scientific notation, as Excel's General format shows very small or large amounts: format the column as Number with enough decimals before saving as CSV, or give the workbook instead";

/**
 * The message for a cell holding an Excel error value (`#N/A`, `#VALUE!` …), in any column; null
 * when the cell holds none.
 */
export function errorCellProblem(label: string, cell: Cell): string | null {
  const value = excelErrorValue(cell);
  if (value === null) return null;
  const english = englishErrorName(value);
  // A localised value is named in English too: the help people find is mostly written in English.
  const alias = english.toUpperCase() === value.toUpperCase() ? "" : ` (${english} in English)`;
  return `${label} "${value}" is an Excel error value${alias}, not a value: the formula in that cell failed${english === "#N/A" ? " (#N/A: usually a lookup that found nothing)" : ""}; correct the formula or enter the value, then score again`;
}

/**
 * A currency other than the US dollar beside an amount: a sign, or a code other than USD (`$`
 * and `USD` are read, scoring-rules §1.4). Partner Center reports ACR in US dollars; these are
 * amounts someone converted.
 */
const OTHER_CURRENCY =
  /[€£¥₹₩₽₺₪₫₱฿]|(?:^|[\s\d])(?:EUR|GBP|CHF|JPY|CNY|INR|SEK|NOK|DKK|PLN|CZK|HUF|CAD|AUD|NZD|BRL|MXN|ZAR|TRY|RUB|KRW|SGD|HKD)(?=$|[\s\d])/i;

/**
 * The message for a number cell that cannot be read. When the text would read in the other
 * decimal convention it says so, and how to tell the reader; scientific notation and the
 * Accounting format's zero dash are named with how to avoid them, and an amount in another
 * currency as such; a number is never guessed.
 * @param example what a good value looks like, e.g. "an amount such as 1250.50, $1,250.50 or (12.50)"
 */
export function numberProblem(
  label: string,
  cell: Cell,
  mark: DecimalMark,
  example: string
): string {
  const error = errorCellProblem(label, cell);
  if (error !== null) return error;
  const other = otherConventionValue(cell, mark);
  if (Number.isFinite(other)) {
    return mark === "point"
      ? `${label} ${describeCell(cell)} looks like it uses a decimal comma (${other} with decimal commas), but this table uses decimal points: ${HOW_TO_SAY_DECIMAL_COMMAS}`
      : `${label} ${describeCell(cell)} looks like it uses a decimal point (${other} with decimal points), but this table uses decimal commas: ${HOW_TO_SAY_DECIMAL_POINTS}`;
  }
  const hint =
    typeof cell !== "string"
      ? ""
      : SCIENTIFIC.test(cell)
        ? ` (${HOW_TO_AVOID_SCIENTIFIC})`
        : ACCOUNTING_ZERO.test(cell)
          ? ` (${HOW_TO_AVOID_ACCOUNTING_ZERO})`
          : // Only amounts: a licence count with a currency sign is no converted ACR.
            example.startsWith("an amount") && OTHER_CURRENCY.test(cell)
            ? " (an amount in another currency: ACR is in US dollars, as Partner Center reports it; give the USD amounts, not amounts converted to another currency)"
            : "";
  return `${label} ${describeCell(cell)} is not a number: enter ${example}${hint}`;
}

/** Example amounts in a convention, for messages. */
export function amountExample(mark: DecimalMark): string {
  return mark === "point"
    ? "an amount such as 1250.50, $1,250.50 or (12.50)"
    : "an amount such as 1250,50, 1.250,50 or (12,50)";
}

/**
 * A date written with a month name (`Jun-25`, `June 2025`, `5-Jun-24`): what Excel shows for a
 * date in its `mmm-yy` or `d-mmm-yy` formats, and so what a CSV file saved from Excel holds.
 */
const MONTH_NAME_DATE = /^\s*(?:\d{1,2}[-\s])?(\p{L}{3,9})\.?[-\s]?(?:\d{2}|\d{4})\s*$/u;

/**
 * The first three letters of month names in English and the languages whose error values Excel
 * localises (see `excel-errors.ts`): a hint only, so a stem shared with another word costs nothing.
 */
const MONTH_STEMS = new Set(
  [
    // English, German, French, Spanish, Italian, Dutch, Portuguese, Nordic.
    "jan feb fév fev mar mär mrz maa apr avr abr may mai mei mag jun jui jul aug aoû aou ago sep",
    "set oct okt ott out nov dec dez déc dic maj des mrt",
    // Polish, Czech, Finnish, Hungarian, Turkish, Russian.
    "sty lut kwi cze lip sie wrz paź lis gru led úno bře dub kvě čvn čer čvc srp zář říj pro",
    "tam hel huh tou kes hei elo syy lok jou már ápr máj jún júl sze",
    "oca şub nis haz tem ağu eyl eki kas ara янв фев мар апр май мая июн июл авг сен окт ноя дек",
  ]
    .join(" ")
    .split(" ")
);

/** A date written as one number, year first (`20250601`, as databases and some exports write it). */
const COMPACT_DATE = /^\s*((?:19|20)[0-9]{2})(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])\s*$/;

/** Why a compact date (`20250601`) is not read, and how to write it; "" for other cells. */
function compactDateHint(cell: Cell): string {
  const m = COMPACT_DATE.exec(typeof cell === "number" ? String(cell) : String(cell ?? ""));
  return m
    ? ` (${cellText(cell)} looks like a date written YYYYMMDD: write it as ${m[1]}-${m[2]}-${m[3]})`
    : "";
}

/** Why a date cell written with a month name is not read, and how to avoid it; "" for other cells. */
function monthNameHint(cell: Cell): string {
  const word = typeof cell === "string" ? MONTH_NAME_DATE.exec(cell)?.[1] : undefined;
  return word !== undefined && MONTH_STEMS.has(word.slice(0, 3).toLowerCase())
    ? " (a month name, as Excel shows dates in its mmm-yy format and writes them into a CSV file: format the column as yyyy-mm-dd before saving as CSV, or give the workbook instead)"
    : "";
}

/**
 * The message for a date cell (earned, expires) that is not a date.
 * @param forms the forms a date may take, and what else the column accepts
 */
export function dateProblem(label: string, cell: Cell, forms: string): string {
  return (
    errorCellProblem(label, cell) ??
    `${label} ${describeCell(cell)} is not a date: ${forms}${monthNameHint(cell)}${compactDateHint(cell)}`
  );
}

/** The message for a month cell that is not a month. */
export function monthProblem(label: string, cell: Cell): string {
  return (
    errorCellProblem(label, cell) ??
    `${label} ${describeCell(cell)} is not a month: use YYYY-MM, M/D/YYYY, D.M.YYYY or an Excel date${monthNameHint(cell)}${compactDateHint(cell)}`
  );
}

/**
 * TRUE and FALSE as Excel writes them in other languages (German, French, Spanish, Italian, Dutch,
 * Portuguese, Danish, Norwegian, Swedish, Finnish, Polish, Czech, Hungarian, Russian, Turkish):
 * a CSV file saved from Excel holds the words of Excel's language.
 */
const LOCALISED_BOOLEANS = new Set(
  [
    ["WAHR", "FALSCH"],
    ["VRAI", "FAUX"],
    ["VERDADERO", "FALSO"],
    ["VERO", "FALSO"],
    ["WAAR", "ONWAAR"],
    ["VERDADEIRO", "FALSO"],
    ["SAND", "FALSK"],
    ["SANN", "USANN"],
    ["SANT", "FALSKT"],
    ["TOSI", "EPÄTOSI"],
    ["PRAWDA", "FAŁSZ"],
    ["PRAVDA", "NEPRAVDA"],
    ["IGAZ", "HAMIS"],
    ["ИСТИНА", "ЛОЖЬ"],
    ["DOĞRU", "YANLIŞ"],
  ].flat()
);

/**
 * The message of a row with an amount but no tenant and no product: a total or subtotal under
 * the data, which reports and pivot tables add (not counted, as every row error).
 */
export function totalRowProblem(amount: string, tenant: string, product: string): string {
  return `This row has ${amount} but no ${tenant} or ${product}, like a total or subtotal row: it is not counted (delete it from the data to clear this message).`;
}

/** The message for a yes/no cell that is neither. */
export function flagProblem(label: string, cell: Cell): string {
  const error = errorCellProblem(label, cell);
  if (error !== null) return error;
  // scoring-rules §1.5 reads only the English words; a localised one is still a row error, but
  // the message says why the file holds it and how to avoid it.
  const localised =
    typeof cell === "string" && LOCALISED_BOOLEANS.has(cell.trim().toUpperCase())
      ? ` ("${cell.trim()}" looks like TRUE or FALSE as Excel writes them in another language into a CSV file: replace them with 1 and 0, or score the workbook itself, which stores them as TRUE and FALSE)`
      : "";
  return `${label} ${describeCell(cell)} is not a yes/no flag: use 1/0, TRUE/FALSE or yes/no${localised}`;
}
