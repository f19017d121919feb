import { Cell } from "./cells";

/**
 * Excel's error values (`#N/A`, `#VALUE!` …): what a cell shows when its formula failed. They are
 * not data, so the parsers treat a cell holding one as unreadable (scoring-rules §1.4: a row
 * error), never as a tenant, a person or a service of that name.
 */

/**
 * The error values as a workbook stores them and Office.js hands them over (English), as Excel
 * shows them in the main European languages (a CSV file saved there holds what the cell shows),
 * and LibreOffice's `Err:NNN`.
 */
const ERROR_VALUES = new Set([
  // English: the file format, Office.js, and Excel in English or French (#N/A, #REF!, #DIV/0!).
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
  "#PYTHON!",
  // German.
  "#NV",
  "#WERT!",
  "#BEZUG!",
  "#ZAHL!",
  "#ÜBERLAUF!",
  // French.
  "#VALEUR!",
  "#NOM?",
  "#NOMBRE!",
  "#NUL!",
  "#PROPAGATION!",
  // Spanish.
  "#N/D",
  "#¡VALOR!",
  "#¡REF!",
  "#¡DIV/0!",
  "#¿NOMBRE?",
  "#¡NUM!",
  "#¡NULO!",
  // Italian.
  "#VALORE!",
  "#RIF!",
  "#NOME?",
  "#NULLO!",
  // Dutch.
  "#N/B",
  "#WAARDE!",
  "#VERW!",
  "#DEEL/0!",
  "#NAAM?",
  "#GETAL!",
  "#LEEG!",
  // Portuguese.
  "#VALOR!",
  "#NÚM!",
  "#NULO!",
]);

/** LibreOffice writes the errors it has no Excel name for as `Err:` and a three-digit code. */
const LIBREOFFICE_ERROR = /^Err:\d{3}$/;

/**
 * The cell's Excel error value (trimmed, as written), or null when it holds none. Besides text, an
 * error object with the value as its `code` (how Excel's function runtime represents an error,
 * `CustomFunctions.Error`) is one.
 */
export function excelErrorValue(cell: Cell): string | null {
  if (typeof cell !== "string") {
    const code =
      typeof cell === "object" && cell !== null ? (cell as { code?: unknown }).code : null;
    return typeof code === "string" && ERROR_VALUES.has(code) ? code : null;
  }
  const first = cell.charCodeAt(0);
  // Every error value starts with "#" or "E" (Err:): most cells are rejected at one character.
  if (first !== 0x23 && first !== 0x45 && first !== 0x20) return null;
  const text = cell.trim();
  return ERROR_VALUES.has(text.toUpperCase()) || LIBREOFFICE_ERROR.test(text) ? text : null;
}
