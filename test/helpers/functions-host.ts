import { readFileSync } from "fs";
import { join } from "path";
import { createContext, runInContext } from "vm";

/** The `CustomFunctions.Error` a wrapper throws, as Excel's runtime defines it. */
export class CfError extends Error {
  constructor(
    readonly code: string,
    message?: string
  ) {
    super(message);
  }
}

export const ERROR_CODES = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
};

/**
 * Loads the built dist/functions.js in a context that has only the `CustomFunctions` and
 * `Office` globals (no DOM, no window), as Excel's JavaScript-only runtime would, and returns
 * the functions it registered by id.
 */
export function loadBuiltFunctions(): Map<string, (...args: unknown[]) => unknown> {
  const registered = new Map<string, (...args: unknown[]) => unknown>();
  const sandbox = {
    CustomFunctions: {
      associate: (id: string, fn: (...args: unknown[]) => unknown) => registered.set(id, fn),
      Error: CfError,
      ErrorCode: ERROR_CODES,
    },
    Office: {
      onReady: () => Promise.resolve({ host: "Excel", platform: "OfficeOnline" }),
      HostType: { Excel: "Excel" },
    },
  };
  const context = createContext(sandbox);
  runInContext(readFileSync(join(__dirname, "..", "..", "dist", "functions.js"), "utf8"), context, {
    filename: "functions.js",
  });
  return registered;
}

/** Calls a function and returns its value, or `{error, message}` for a CustomFunctions.Error. */
export function call(
  fn: ((...args: unknown[]) => unknown) | undefined,
  ...args: unknown[]
): unknown {
  if (!fn) throw new Error("function not registered");
  try {
    return fn(...args);
  } catch (e) {
    if (e && typeof e === "object" && "code" in e)
      return { error: (e as CfError).code, message: (e as CfError).message };
    throw e;
  }
}
