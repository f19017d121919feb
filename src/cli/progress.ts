/**
 * Progress on a terminal: one line on stderr, rewritten in place, shown only once the work has
 * run past about a second (a quick run stays silent) and only when stderr is a terminal (never in
 * a pipe or a log). Nothing is ever written to stdout, which carries the result.
 */

/** Where progress goes: a terminal's stderr. */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** Reports what the command is doing. */
export interface ProgressReporter {
  /** The current step, e.g. "Reading azure.csv: 1,200,000 rows". */
  step(text: string): void;
  /** Clears the line before the result is printed. */
  done(): void;
}

/** A reporter that says nothing (piped stderr, tests). */
export const SILENT: ProgressReporter = { step: () => undefined, done: () => undefined };

/** How long the work runs before progress appears, and how often the line is redrawn. */
export const PROGRESS_DELAY_MS = 1000;
const REDRAW_MS = 100;

/** A reporter drawing on `stream` when it is a terminal; {@link SILENT} otherwise. */
export function terminalProgress(
  stream: ProgressStream,
  now: () => number = Date.now
): ProgressReporter {
  if (!stream.isTTY) return SILENT;
  const start = now();
  let drawnAt = -Infinity;
  let shown = false;
  let latest = "";
  const draw = (): void => {
    // \r back to the start of the line, \x1b[K clears what a longer previous text left.
    stream.write(`\r${latest}\x1b[K`);
    shown = true;
    drawnAt = now();
  };
  return {
    step(text) {
      latest = text;
      const t = now();
      if (t - start >= PROGRESS_DELAY_MS && t - drawnAt >= REDRAW_MS) draw();
    },
    done() {
      if (shown) stream.write("\r\x1b[K");
      shown = false;
    },
  };
}

/** A row count as progress shows it: 1,200,000. */
export function rowsText(rows: number): string {
  return rows.toLocaleString("en-US");
}
