/**
 * A problem with a whole table (a missing required column, an unrecognisable table): the only
 * kind of error the engine raises. Cell problems are never thrown; they become row issues.
 */
export class InputError extends Error {
  /** Marks the class across bundles (instanceof can fail between realms). */
  readonly isInputError = true;

  /**
   * @param table the table's name as the user knows it (file, sheet or range)
   * @param detail what is wrong and what to do, without the table name
   * @param column the missing column's field name, when a column is missing
   */
  constructor(
    readonly table: string,
    readonly detail: string,
    readonly column?: string
  ) {
    super(`${table}: ${detail}`);
    this.name = "InputError";
  }
}

/** True for an {@link InputError}, also one from another copy of this module. */
export function isInputError(error: unknown): error is InputError {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { isInputError?: unknown }).isInputError === true
  );
}
