import { closeSync, fstatSync, openSync, readSync } from "fs";
import { Cell, DecimalMark, isBlankNumeric, isBlankText, parseNumber } from "../scoring/cells";
import { FindOptions, findTable } from "../scoring/find-table";
import { AzureTable, SharedRegistries } from "../scoring/parse-azure";
import { CertTable } from "../scoring/parse-certs";
import { parserFor } from "../scoring/parse-inputs";
import { M365Table } from "../scoring/parse-m365";
import { RowReader } from "../scoring/row-reader";
import { UsageError } from "./args";
import { ByteDictionary } from "./byte-dictionary";
import {
  COMMA,
  CsvFormat,
  delimiterName,
  detectDelimiter,
  detectEncoding,
  Encoding,
  SEMICOLON,
} from "./csv-format";
import { CsvRecord, scanRecords } from "./csv-records";

/**
 * Reading a CSV file as a stream of bytes into a table parser: the file is never held whole,
 * and cells become strings only once per distinct value (see {@link ByteRowReader}).
 */

const CHUNK = 4 << 20;
const utf8 = new TextDecoder("utf-8", { fatal: true });
const windows1252 = new TextDecoder("windows-1252");

/** The file's bytes as UTF-8, chunk by chunk (UTF-16 files are re-encoded on the way). */
class ByteSource {
  private readonly fd: number;
  private readonly decoder: TextDecoder | null;
  private readonly raw = new Uint8Array(CHUNK);
  private done = false;

  constructor(
    readonly path: string,
    readonly encoding: Encoding,
    bom: number
  ) {
    this.fd = openSync(path, "r");
    this.decoder = encoding === "utf-8" ? null : new TextDecoder(encoding);
    if (bom > 0) readSync(this.fd, new Uint8Array(bom), 0, bom, null);
  }

  /**
   * Reads the next bytes into `into` at `at` (growing it if a re-encoded chunk needs room);
   * `final` is true once the file is exhausted.
   */
  read(into: Uint8Array, at: number): { bytes: Uint8Array; n: number; final: boolean } {
    if (this.done) return { bytes: into, n: 0, final: true };
    if (!this.decoder) {
      const n = readSync(this.fd, into, at, into.length - at, null);
      if (n === 0) this.done = true;
      return { bytes: into, n, final: n === 0 };
    }
    const n = readSync(this.fd, this.raw, 0, Math.max(4, (into.length - at) >> 2), null);
    if (n === 0) this.done = true;
    const text = this.decoder.decode(this.raw.subarray(0, n), { stream: n > 0 });
    const encoded = Buffer.from(text, "utf8");
    if (at + encoded.length > into.length) {
      const grown = new Uint8Array((at + encoded.length) * 2);
      grown.set(into.subarray(0, at));
      into = grown;
    }
    into.set(encoded, at);
    return { bytes: into, n: encoded.length, final: n === 0 };
  }

  close(): void {
    closeSync(this.fd);
  }
}

/**
 * Calls `onRecord` for every record of the file in order, with the record's fields; stops early
 * when it returns false.
 */
function eachRecord(
  path: string,
  format: CsvFormat,
  record: CsvRecord,
  onRecord: () => boolean | void
): void {
  const source = new ByteSource(path, format.encoding, format.bom);
  try {
    let buf: Uint8Array = new Uint8Array(CHUNK);
    let have = 0;
    let stop = false;
    for (;;) {
      const { bytes, n, final } = source.read(buf, have);
      buf = bytes;
      const end = have + n;
      const next = scanRecords(buf, 0, end, final, format.delimiter, record, () => {
        if (onRecord() === false) {
          stop = true;
          return false;
        }
      });
      if (stop || final) return;
      // Keep the incomplete record; a record longer than the buffer makes the buffer grow.
      buf.copyWithin(0, next, end);
      have = end - next;
      if (have > buf.length / 2) {
        const grown = new Uint8Array(buf.length * 2);
        grown.set(buf.subarray(0, have));
        buf = grown;
      }
    }
  } finally {
    source.close();
  }
}

/** A {@link RowReader} over the current CSV record: fields are read from the bytes on demand. */
export class ByteRowReader implements RowReader {
  private readonly dictionaries: ByteDictionary[] = [];
  private readonly scratch = { bytes: new Uint8Array(256) };
  /** Values that were not valid UTF-8 and were read as Windows-1252. */
  notUtf8 = 0;

  constructor(
    private readonly record: CsvRecord,
    readonly mark: DecimalMark
  ) {}

  id(col: number): number {
    let dict = this.dictionaries[col];
    if (dict === undefined) this.dictionaries[col] = dict = new ByteDictionary();
    const record = this.record;
    if (col >= record.count) return dict.intern(record.buf, 0, 0);
    if (record.escaped[col] === 0)
      return dict.intern(record.buf, record.starts[col] as number, record.ends[col] as number);
    const [buf, start, end] = record.field(col, this.scratch);
    return dict.intern(buf, start, end);
  }

  cell(col: number): Cell {
    if (col >= this.record.count) return "";
    const [buf, start, end] = this.record.field(col, this.scratch);
    return this.decode(buf.subarray(start, end));
  }

  private decode(bytes: Uint8Array): string {
    for (let i = 0; i < bytes.length; i++) {
      if ((bytes[i] as number) >= 0x80) {
        try {
          return utf8.decode(bytes);
        } catch {
          this.notUtf8++;
          return windows1252.decode(bytes);
        }
      }
    }
    // ASCII: every byte is its character.
    return String.fromCharCode.apply(null, bytes as unknown as number[]);
  }

  number(col: number): number {
    if (col >= this.record.count) return NaN;
    const buf = this.record.buf;
    const start = this.record.starts[col] as number;
    const end = this.record.ends[col] as number;
    // Plain numbers (digits, an optional minus and one decimal mark) are read from the bytes;
    // anything else (groups, $, parentheses, quotes) goes through the full rules of §1.4.
    if (this.record.escaped[col] === 0 && end > start) {
      const separator = this.mark === "point" ? 0x2e : 0x2c;
      let i = start;
      const negative = buf[i] === 0x2d;
      if (negative) i++;
      let whole = 0;
      let digits = 0;
      let fraction = 0;
      let scale = 1;
      let seenMark = false;
      let plain = i < end;
      for (; i < end; i++) {
        const b = buf[i] as number;
        if (b >= 0x30 && b <= 0x39) {
          digits++;
          if (seenMark) {
            fraction = fraction * 10 + (b - 0x30);
            scale *= 10;
          } else whole = whole * 10 + (b - 0x30);
        } else if (b === separator && !seenMark && digits > 0) seenMark = true;
        else {
          plain = false;
          break;
        }
      }
      if (plain && digits > 0 && digits <= 15 && !(seenMark && scale === 1)) {
        // One exact integer divided once: the same double as Number() of the text.
        const value = (whole * scale + fraction) / scale;
        return negative ? -value : value;
      }
    }
    return parseNumber(this.cell(col), this.mark);
  }

  blankNumeric(col: number): boolean {
    if (col >= this.record.count) return true;
    const buf = this.record.buf;
    const end = this.record.ends[col] as number;
    for (let i = this.record.starts[col] as number; i < end; i++) {
      const b = buf[i];
      if (b !== 0x20 && b !== 0x09)
        return (b as number) < 0x80 ? false : isBlankNumeric(this.cell(col));
    }
    return true;
  }

  /** A streamed record cannot be read again: cells are read as the row goes by. */
  rowRef(): number {
    return -1;
  }

  cellLater(): Cell {
    return "";
  }

  isEmpty(): boolean {
    for (let k = 0; k < this.record.count; k++) {
      const start = this.record.starts[k] as number;
      const end = this.record.ends[k] as number;
      if (end === start) continue;
      if (!isBlankText(this.cell(k))) return false;
    }
    return true;
  }
}

/** Options of {@link readCsvTable}. */
export interface CsvOptions extends FindOptions {
  /** Read amounts with decimal commas whatever the delimiter (`--decimal-comma`). */
  decimalComma?: boolean;
  /** Called with the records read so far, every 65,536 records and at the end. */
  onRecords?: (records: number) => void;
}

function fileProblem(path: string, error: unknown): UsageError {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === "ENOENT"
      ? "file not found"
      : code === "EISDIR"
        ? "is a folder, not a file"
        : code === "EACCES"
          ? "permission denied"
          : "cannot be read";
  return new UsageError(`${path}: ${why}`);
}

/** How to read a file: its encoding, delimiter and decimal convention. */
export function csvFormatOf(
  path: string,
  decimalComma: boolean
): { format: CsvFormat; size: number } {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    throw fileProblem(path, error);
  }
  try {
    const size = fstatSync(fd).size;
    if (fstatSync(fd).isDirectory()) throw new UsageError(`${path}: is a folder, not a file`);
    const head = new Uint8Array(Math.min(size, 1 << 20));
    readSync(fd, head, 0, head.length, 0);
    const { encoding, bom } = detectEncoding(head);
    let text: Uint8Array = head.subarray(bom);
    if (encoding !== "utf-8") text = Buffer.from(new TextDecoder(encoding).decode(text), "utf8");
    else if (text.includes(0))
      throw new UsageError(
        `${path}: not a CSV text file (it contains binary data; export the sheet as CSV UTF-8)`
      );
    const delimiter = detectDelimiter(text);
    return {
      format: { encoding, bom, delimiter, decimalComma: decimalComma || delimiter === SEMICOLON },
      size,
    };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw fileProblem(path, error);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a CSV file into a parsed table: finds the header row in the first ten records (a title
 * line above it is skipped), then streams every later record into the table's parser. Row numbers
 * are record numbers (first record = 1).
 * @throws UsageError for a missing or unreadable file; InputError for a table without its columns
 */
export function readCsvTable(
  path: string,
  shared: SharedRegistries,
  options: CsvOptions = {}
): AzureTable | M365Table | CertTable {
  const { format, size } = csvFormatOf(path, options.decimalComma ?? false);
  if (size === 0) throw new UsageError(`${path}: the file is empty; it needs a header row`);
  const record = new CsvRecord();
  const mark: DecimalMark = format.decimalComma ? "comma" : "point";
  const reader = new ByteRowReader(record, mark);

  // The top records as text, to find the header row.
  const top: string[][] = [];
  let topBytes = 0;
  eachRecord(path, format, record, () => {
    const row: string[] = [];
    for (let k = 0; k < record.count; k++) row.push(String(reader.cell(k)));
    top.push(row);
    topBytes += (record.ends[record.count - 1] ?? 0) - (record.starts[0] ?? 0) + 1;
    return top.length < 10;
  });
  if (top.length === 0 || (top.length === 1 && top[0]?.join("") === ""))
    throw new UsageError(`${path}: the file is empty; it needs a header row`);
  const found = findTable(top, path, options);
  const perRecord = Math.max(8, topBytes / Math.max(1, top.length));
  const parser = parserFor(
    found,
    path,
    shared,
    found.headerIndex + 1,
    Math.ceil((size / perRecord) * 1.1)
  );

  let number = 0;
  const onRecords = options.onRecords;
  eachRecord(path, format, record, () => {
    number++;
    if (number > found.headerIndex + 1) parser.row(reader, number);
    if (onRecords && (number & 0xffff) === 0) onRecords(number);
  });
  onRecords?.(number);
  const table = parser.finish();
  if (format.delimiter !== COMMA || format.decimalComma)
    table.issues.push({
      severity: "info",
      table: path,
      row: null,
      message: `Read as a ${delimiterName(format.delimiter)}-separated file with decimal ${format.decimalComma ? "commas (1.250,50)" : "points (1,250.50)"}.`,
    });
  if (reader.notUtf8 > 0)
    table.issues.push({
      severity: "info",
      table: path,
      row: null,
      message: `${reader.notUtf8} values are not valid UTF-8 and were read as Windows-1252 (Western European). If names look wrong, save the file as CSV UTF-8.`,
    });
  return table;
}

/**
 * Calls `onRow` with every record of a CSV file as text cells, in order, until it returns false
 * (for copying a CSV input into the scorecard workbook; scoring itself streams the file).
 * @returns the file's format (delimiter, decimal mark)
 */
export function eachCsvRow(
  path: string,
  decimalComma: boolean,
  onRow: (cells: string[]) => boolean | void
): CsvFormat {
  const { format } = csvFormatOf(path, decimalComma);
  const record = new CsvRecord();
  const reader = new ByteRowReader(record, format.decimalComma ? "comma" : "point");
  eachRecord(path, format, record, () => {
    const row: string[] = [];
    for (let k = 0; k < record.count; k++) row.push(String(reader.cell(k)));
    return onRow(row);
  });
  return format;
}
