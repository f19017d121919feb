import { Cell } from "./cells";

/**
 * Excel's error values (`#N/A`, `#VALUE!` …): what a cell shows when its formula failed. They are
 * not data, so the parsers treat a cell holding one as unreadable (scoring-rules §1.4: a row
 * error), never as a tenant, a person or a service of that name.
 */

/** The seven classic error values by their English names, the order of each row of {@link LOCALISED}. */
const CLASSIC = ["#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!"] as const;

/**
 * The classic error values as Excel shows them in each language (a CSV file saved from Excel
 * holds what the cell shows), in the order of {@link CLASSIC}; where sources or versions differ,
 * every form seen.
 */
const LOCALISED: Readonly<Record<string, readonly (string | readonly string[])[]>> = {
  English: CLASSIC,
  German: ["#NV", "#WERT!", "#BEZUG!", "#DIV/0!", "#NAME?", "#ZAHL!", "#NULL!"],
  French: ["#N/A", "#VALEUR!", "#REF!", "#DIV/0!", "#NOM?", "#NOMBRE!", "#NUL!"],
  Spanish: [["#N/A", "#N/D"], "#¡VALOR!", "#¡REF!", "#¡DIV/0!", "#¿NOMBRE?", "#¡NUM!", "#¡NULO!"],
  Italian: ["#N/D", "#VALORE!", "#RIF!", "#DIV/0!", "#NOME?", "#NUM!", ["#NULL!", "#NULLO!"]],
  Dutch: ["#N/B", "#WAARDE!", "#VERW!", "#DEEL/0!", "#NAAM?", "#GETAL!", "#LEEG!"],
  Portuguese: ["#N/D", "#VALOR!", "#REF!", "#DIV/0!", "#NOME?", "#NÚM!", "#NULO!"],
  Danish: ["#I/T", "#VÆRDI!", "#REFERENCE!", "#DIVISION/0!", "#NAVN?", "#NUM!", "#NUL!"],
  Norwegian: [["#I/T", "#N/D"], "#VERDI!", "#REF!", "#DIV/0!", "#NAVN?", "#NUM!", "#NULL!"],
  Swedish: [
    "#SAKNAS!",
    "#VÄRDEFEL!",
    "#REFERENS!",
    "#DIVISION/0!",
    "#NAMN?",
    "#OGILTIGT!",
    "#SKÄRNING!",
  ],
  Finnish: [
    ["#PUUTTUU!", "#PUUTTUU"],
    "#ARVO!",
    "#VIITTAUS!",
    "#JAKO/0!",
    "#NIMI?",
    "#LUKU!",
    "#TYHJÄ!",
  ],
  Polish: [["#N/D!", "#N/D"], "#ARG!", "#ADR!", "#DZIEL/0!", "#NAZWA?", "#LICZBA!", "#ZERO!"],
  Czech: [
    "#NENÍ_K_DISPOZICI",
    "#HODNOTA!",
    "#ODKAZ!",
    "#DĚLENÍ_NULOU!",
    "#NÁZEV?",
    "#ČÍSLO!",
    ["#NULL!", "#NEPLATNÝ!"],
  ],
  Slovak: [
    "#NEDOSTUPNÝ",
    "#HODNOTA!",
    "#ODKAZ!",
    "#DELENIENULOU!",
    "#NÁZOV?",
    "#ČÍSLO!",
    "#NEPLATNÝ!",
  ],
  Hungarian: ["#HIÁNYZIK", "#ÉRTÉK!", "#HIV!", "#ZÉRÓOSZTÓ!", "#NÉV?", "#SZÁM!", "#NULLA!"],
  Romanian: ["#N/A", "#VALOARE!", "#REF!", "#DIV/0!", "#NUME?", "#NUM!", "#NUL!"],
  Croatian: ["#N/D", "#VRIJEDNOST!", "#REF!", "#DIJ/0!", "#NAZIV?", "#BROJ!", "#NULL!"],
  Slovenian: ["#N/V", "#VREDN!", "#SKLIC!", "#DEL/0!", "#IME?", "#ŠTEV!", "#NIČ!"],
  Greek: ["#Δ/Υ", "#ΤΙΜΗ!", "#ΑΝΑΦ!", "#ΔΙΑΙΡ./0!", "#ΟΝΟΜΑ?", "#ΑΡΙΘ!", "#ΚΕΝΟ!"],
  Russian: ["#Н/Д", "#ЗНАЧ!", "#ССЫЛКА!", "#ДЕЛ/0!", "#ИМЯ?", "#ЧИСЛО!", "#ПУСТО!"],
  Turkish: ["#YOK", "#DEĞER!", "#BAŞV!", "#SAYI/0!", "#AD?", "#SAYI!", "#BOŞ!"],
};

/** Error values of newer Excel versions (English, as the file format and Office.js give them), and their forms seen in other languages. */
const NEWER: Readonly<Record<string, readonly string[]>> = {
  "#SPILL!": ["#ÜBERLAUF!", "#PROPAGATION!"],
  "#CALC!": [],
  "#GETTING_DATA": [],
  "#FIELD!": [],
  "#BLOCKED!": [],
  "#CONNECT!": [],
  "#BUSY!": [],
  "#UNKNOWN!": [],
  "#PYTHON!": [],
};

/** Every error value (upper case) with its English name. */
const MEANINGS: ReadonlyMap<string, string> = new Map([
  ...Object.values(LOCALISED).flatMap((row) =>
    row.flatMap((forms, k) =>
      (typeof forms === "string" ? [forms] : forms).map((f) => [f, CLASSIC[k] as string] as const)
    )
  ),
  ...Object.entries(NEWER).flatMap(([english, forms]) =>
    [english, ...forms].map((f) => [f, english] as const)
  ),
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
    return typeof code === "string" && MEANINGS.has(code) ? code : null;
  }
  const first = cell.charCodeAt(0);
  // Every error value starts with "#" or "E" (Err:): most cells are rejected at one character.
  if (first !== 0x23 && first !== 0x45 && first !== 0x20) return null;
  const text = cell.trim();
  return MEANINGS.has(text.toUpperCase()) || LIBREOFFICE_ERROR.test(text) ? text : null;
}

/**
 * What an error value {@link excelErrorValue} found is called in English Excel (`#NV` and
 * `#SAKNAS!` are `#N/A`); LibreOffice's `Err:NNN` as it is.
 */
export function englishErrorName(value: string): string {
  return MEANINGS.get(value.trim().toUpperCase()) ?? value.trim();
}
