import { readFileSync } from "fs";
import Papa from "papaparse";
import { UsageError } from "./args";

/**
 * Reads a CSV file (UTF-8, with or without BOM, quoted fields) into rows of text cells: the
 * header row first. Cells stay text; the engine reads numbers and dates from text.
 * @throws UsageError naming the file when it is missing, unreadable or not CSV
 */
export function readCsv(path: string): string[][] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "file not found"
        : code === "EISDIR"
          ? "is a folder, not a file"
          : code === "EACCES"
            ? "permission denied"
            : "cannot be read";
    throw new UsageError(`${path}: ${why}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes("\u0000"))
    throw new UsageError(
      `${path}: not a CSV text file (it contains binary data; export the sheet as CSV UTF-8)`
    );
  const parsed = Papa.parse<string[]>(text, {
    header: false,
    skipEmptyLines: false,
    delimiter: "",
  });
  const rows = parsed.data;
  // A final newline gives one empty last row; it is not a data row.
  const last = rows[rows.length - 1];
  if (last && last.length === 1 && last[0] === "") rows.pop();
  if (rows.length === 0) throw new UsageError(`${path}: the file is empty; it needs a header row`);
  return rows;
}
