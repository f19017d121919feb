import { DETAIL_SHEETS } from "./detail-sheets";
import { SCORECARD_SHEET, SCORECARD_TITLE } from "./layout";

/**
 * The sheets the add-in and the command line write and own: they are replaced on every refresh
 * and never read as inputs; every other sheet is the user's.
 */

/**
 * The sheet-scoped defined name the command line writes on each of its sheets (the Excel add-in
 * marks its sheets with a worksheet custom property of the same name).
 */
export const OWN_SHEET_NAME = "SecurityPcsScorecard";

/** Each own sheet's name (a new one gets a suffix beside a user's sheet) and its A1 title. */
export const OWN_SHEET_TITLES: readonly { sheet: string; title: string }[] = [
  { sheet: SCORECARD_SHEET, title: SCORECARD_TITLE },
  ...Object.values(DETAIL_SHEETS),
];
