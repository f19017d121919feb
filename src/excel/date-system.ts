/**
 * The workbook's date system, as Excel reports it. Excel hands a date cell to the add-in as its
 * serial number, and in a workbook set to the 1904 date system (Excel for Mac's old default) that
 * number counts from 1904: read as a 1900 serial it would be four years and a day early.
 */

/** The part of `Excel.Workbook` this module reads (older type definitions lack the property). */
interface DateSystemWorkbook {
  load(property: string): unknown;
  readonly use1904DateSystem?: unknown;
}

/**
 * Whether the workbook uses the 1904 date system: true or false as Excel says, null when this
 * Excel cannot say (the property is newer than some versions of Excel). Reads it in a request of
 * its own, so a version that refuses the property fails that request only.
 */
export async function readDateSystem(context: Excel.RequestContext): Promise<boolean | null> {
  const workbook = context.workbook as unknown as DateSystemWorkbook;
  try {
    workbook.load("use1904DateSystem");
    await context.sync();
    const value = workbook.use1904DateSystem;
    return typeof value === "boolean" ? value : null;
  } catch {
    return null;
  }
}
