import { OWN_SHEET_NAME } from "../report/own-sheets";

/**
 * The worksheet custom property that marks a sheet as the add-in's own (a scorecard it wrote): such
 * sheets are replaced on refresh and never read as inputs; every other sheet is the user's.
 */
export const OWNER_PROPERTY = "SecurityPcsScorecard";

/** The two marks a scorecard sheet of ours may carry, as loaded by {@link loadOwnerMark}. */
export interface OwnerMark {
  /** The pane's custom property. */
  property: Excel.WorksheetCustomProperty;
  /** The hidden sheet-scoped name the command line writes (a file has no place for the property). */
  name: Excel.NamedItem;
}

/**
 * Queues the reads of a sheet's {@link OwnerMark}, so that a scorecard written by the pane or by
 * the command line is replaced by the other, never written twice. Judge it with {@link isOwn}
 * after the next `context.sync()`.
 */
export function loadOwnerMark(sheet: Excel.Worksheet): OwnerMark {
  const property = sheet.customProperties.getItemOrNullObject(OWNER_PROPERTY);
  property.load("value");
  const name = sheet.names.getItemOrNullObject(OWN_SHEET_NAME);
  name.load("name");
  return { property, name };
}

/** True when a sheet carries either mark (read after the sync that loaded them). */
export function isOwn(mark: OwnerMark): boolean {
  return !mark.property.isNullObject || !mark.name.isNullObject;
}
