import { closeSync, fstatSync, openSync, readSync } from "fs";
import { Cell, DecimalMark, isBlankNumeric, isBlankText, parseNumber } from "../scoring/cells";
import { FindOptions, FoundTable, findTable } from "../scoring/find-table";
import { AzureTable, SharedRegistries } from "../scoring/parse-azure";
import { CertTable } from "../scoring/parse-certs";
import { parserFor } from "../scoring/parse-inputs";
import { M365Table } from "../scoring/parse-m365";
import { Issue } from "../scoring/issues";
import { RowReader } from "../scoring/row-reader";
import { UsageError } from "./args";
import { ByteDictionary } from "./byte-dictionary";
import {
  COMMA,
  CR,
  CsvFormat,
  delimiterName,
  detectDelimiter,
  detectEncoding,
  detectLineEnd,
  Encoding,
  LF,
  SEMICOLON,
} from "./csv-format";
import { CsvRecord, scanRecords } from "./csv-records";
import { PartBlock, PartRequest, PartRunner } from "./csv-split";
import { blankBytes, fieldText, plainNumber, threeAfterSeparator } from "./field-bytes";

/**
 * Reading a CSV file as a stream of bytes into a table parser: the file is never held whole,
 * and cells become strings only once per distinct value (see {@link ByteRowReader}).
 */

const CHUNK = 4 << 20;

/** The file's bytes as UTF-8, chunk by chunk (UTF-16 files are re-encoded on the way). */
class ByteSource {
  private readonly fd: number;
  private readonly decoder: TextDecoder | null;
  private readonly raw = new Uint8Array(CHUNK);
  private done = false;
  /** The file offset read next. */
  private position: number;

  /** @param from a file offset to start at (UTF-8 files only; the byte order mark otherwise) */
  constructor(
    readonly path: string,
    readonly encoding: Encoding,
    bom: number,
    from = bom
  ) {
    this.fd = openSync(path, "r");
    this.decoder = encoding === "utf-8" ? null : new TextDecoder(encoding);
    this.position = encoding === "utf-8" ? from : bom;
  }

  /**
   * Reads the next bytes into `into` at `at` (growing it if a re-encoded chunk needs room);
   * `final` is true once the file is exhausted.
   */
  read(into: Uint8Array, at: number): { bytes: Uint8Array; n: number; final: boolean } {
    if (this.done) return { bytes: into, n: 0, final: true };
    if (!this.decoder) {
      const n = readSync(this.fd, into, at, into.length - at, this.position);
      this.position += n;
      if (n === 0) this.done = true;
      return { bytes: into, n, final: n === 0 };
    }
    const n = readSync(this.fd, this.raw, 0, Math.max(4, (into.length - at) >> 2), this.position);
    this.position += n;
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
 * Calls `onRecord` for every record of the file in order, with the record's fields and the file
 * offset just past it (meaningful in UTF-8 files); stops early when it returns false.
 * @param from the file offset of a record to start at (UTF-8 files only)
 */
function eachRecord(
  path: string,
  format: CsvFormat,
  record: CsvRecord,
  onRecord: (end: number) => boolean | void,
  from = format.bom
): void {
  const source = new ByteSource(path, format.encoding, format.bom, from);
  try {
    let buf: Uint8Array = new Uint8Array(CHUNK);
    // The file offset of buf[0].
    let base = from;
    let have = 0;
    let stop = false;
    for (;;) {
      const { bytes, n, final } = source.read(buf, have);
      buf = bytes;
      const end = have + n;
      const next = scanRecords(
        buf,
        0,
        end,
        final,
        format.delimiter,
        record,
        () => {
          if (onRecord(base + record.next) === false) {
            stop = true;
            return false;
          }
        },
        format.lineEnd
      );
      if (stop || final) return;
      // Keep the incomplete record; a record longer than the buffer makes the buffer grow.
      buf.copyWithin(0, next, end);
      base += next;
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

/**
 * A {@link RowReader} over one CSV record's bytes, wherever they are held: the reading of cells,
 * numbers, blanks and empty rows shared by the record being scanned ({@link ByteRowReader}) and a
 * record handed over by another thread ({@link BlockRowReader}), so both answer alike.
 */
abstract class FieldRowReader implements RowReader {
  /** Field bytes found by {@link locate}: `at[from … to)` (no view made per call). */
  protected at: Uint8Array = EMPTY;
  protected from = 0;
  protected to = 0;
  /** A CSV file has text, not date serials of a workbook's date system. */
  readonly date1904 = false;

  constructor(
    readonly mark: DecimalMark,
    /** Called for each value read as Windows-1252 (not valid UTF-8). */
    private readonly onNotUtf8: () => void
  ) {}

  abstract id(col: number): number;
  /** The record's number of fields. */
  protected abstract fields(): number;
  /** Points `at`, `from`, `to` at field `col` as it stands (doubled quotes not yet undone). */
  protected abstract locate(col: number): void;
  /** True when field `col` was quoted with doubled quotes inside. */
  protected abstract escaped(col: number): boolean;
  /** Field `col`'s bytes with doubled quotes undone. */
  protected abstract text(col: number): Uint8Array;

  cell(col: number): Cell {
    if (col >= this.fields()) return "";
    return fieldText(this.text(col), this.onNotUtf8);
  }

  number(col: number): number {
    if (col >= this.fields()) return NaN;
    // Plain numbers are read from the bytes; anything else goes through the full rules of §1.4.
    if (!this.escaped(col)) {
      this.locate(col);
      const value = plainNumber(this.at, this.from, this.to, this.mark);
      if (value === value) return value;
    }
    return parseNumber(this.cell(col), this.mark);
  }

  threeAfterSeparator(col: number): boolean {
    if (col >= this.fields()) return false;
    this.locate(col);
    return threeAfterSeparator(this.at, this.from, this.to);
  }

  blankNumeric(col: number): boolean {
    if (col >= this.fields()) return true;
    this.locate(col);
    return blankBytes(this.at, this.from, this.to) ?? isBlankNumeric(String(this.cell(col)));
  }

  /** A streamed record cannot be read again: cells are read as the row goes by. */
  rowRef(): number {
    return -1;
  }

  cellLater(): Cell {
    return "";
  }

  isEmpty(): boolean {
    for (let k = 0; k < this.fields(); k++) {
      this.locate(k);
      if (this.to === this.from) continue;
      if (!isBlankText(this.cell(k))) return false;
    }
    return true;
  }
}

const EMPTY = new Uint8Array(0);

/** A {@link RowReader} over the current CSV record: fields are read from the bytes on demand. */
export class ByteRowReader extends FieldRowReader {
  private readonly dictionaries: ByteDictionary[] = [];
  private readonly scratch = { bytes: new Uint8Array(256) };
  /** Values that were not valid UTF-8 and were read as Windows-1252. */
  notUtf8 = 0;
  /** Counts one value read as Windows-1252 (given to the text decoding of both readers). */
  readonly countNotUtf8 = (): void => {
    this.notUtf8++;
  };

  constructor(
    private readonly record: CsvRecord,
    mark: DecimalMark
  ) {
    super(mark, () => this.countNotUtf8());
  }

  /** The numbers of column `col`'s values (shared with the reader of a part read elsewhere). */
  dictionary(col: number): ByteDictionary {
    let dict = this.dictionaries[col];
    if (dict === undefined) this.dictionaries[col] = dict = new ByteDictionary();
    return dict;
  }

  id(col: number): number {
    const dict = this.dictionary(col);
    const record = this.record;
    if (col >= record.count) return dict.intern(record.buf, 0, 0);
    if (record.escaped[col] === 0)
      return dict.intern(record.buf, record.starts[col] as number, record.ends[col] as number);
    const [buf, start, end] = record.field(col, this.scratch);
    return dict.intern(buf, start, end);
  }

  protected fields(): number {
    return this.record.count;
  }

  protected locate(col: number): void {
    this.at = this.record.buf;
    this.from = this.record.starts[col] as number;
    this.to = this.record.ends[col] as number;
  }

  protected escaped(col: number): boolean {
    return this.record.escaped[col] !== 0;
  }

  protected text(col: number): Uint8Array {
    const [buf, start, end] = this.record.field(col, this.scratch);
    return buf.subarray(start, end);
  }
}

/**
 * A {@link RowReader} over a record of a block read on another thread (see `csv-split.ts`), its
 * values numbered there and mapped to this thread's numbers. The block holds fields with doubled
 * quotes already undone, which reads as the scanned record does: numbers are only read from bytes
 * of fields without them, and undoing them never makes a field empty or blank.
 */
class BlockRowReader extends FieldRowReader {
  private block: PartBlock | null = null;
  private first = 0;
  private count = 0;
  private width = 0;
  /** Per column: this thread's number of each of the other thread's value numbers. */
  private readonly mapped: number[][] = [];

  constructor(private readonly own: ByteRowReader) {
    super(own.mark, own.countNotUtf8);
  }

  /** Takes a block's new values into this thread's numbering. */
  take(block: PartBlock): void {
    for (const { col, bytes, lengths } of block.dictionaries) {
      const dict = this.own.dictionary(col);
      const mapped = (this.mapped[col] ??= []);
      let at = 0;
      for (const length of lengths) {
        mapped.push(dict.intern(bytes, at, at + length));
        at += length;
      }
    }
    this.block = block;
  }

  /** Makes record `r` of the block taken last the current row. */
  setRecord(r: number): void {
    const block = this.block as PartBlock;
    this.first = block.fieldsAt[r] as number;
    this.count = block.counts[r] as number;
    this.width = (block.fieldsAt[r + 1] as number) - this.first;
  }

  id(col: number): number {
    const block = this.block as PartBlock;
    if (col < this.width && block.length[this.first + col] === -1)
      return (this.mapped[col] as number[])[block.value[this.first + col] as number] as number;
    // A column the other thread did not number (or past the record's end): numbered here.
    if (col >= this.count) return this.own.dictionary(col).intern(EMPTY, 0, 0);
    this.locate(col);
    return this.own.dictionary(col).intern(this.at, this.from, this.to);
  }

  protected fields(): number {
    return this.count;
  }

  protected locate(col: number): void {
    const block = this.block as PartBlock;
    const f = this.first + col;
    const value = block.value[f] as number;
    const length = block.length[f] as number;
    if (length >= 0) {
      this.at = block.raw;
      this.from = value;
      this.to = value + length;
      return;
    }
    const dict = this.own.dictionary(col);
    const id = (this.mapped[col] as number[])[value] as number;
    this.at = dict.store;
    this.from = dict.offsetOf(id);
    this.to = this.from + dict.lengthOf(id);
  }

  protected escaped(col: number): boolean {
    return (this.block as PartBlock).escaped[this.first + col] !== 0;
  }

  protected text(col: number): Uint8Array {
    this.locate(col);
    return this.at.subarray(this.from, this.to);
  }
}

/** Options of {@link readCsvTable}. */
export interface CsvOptions extends FindOptions {
  /** Read amounts with decimal commas whatever the delimiter (`--decimal-comma`). */
  decimalComma?: boolean;
  /** Called with the records read so far, every 65,536 records and at the end. */
  onRecords?: (records: number) => void;
  /**
   * Reads the second part of a large Azure file elsewhere (the command line: on a worker thread);
   * without it every record is read on this thread.
   */
  split?: (request: PartRequest) => PartRunner;
  /** Files from this size are split (default 32 MiB). */
  splitBytes?: number;
  /** Where the other thread's part starts, as a share of the file (default 0.45). */
  splitAt?: number;
}

/** Files from this size have their second part read on another thread, when one is offered. */
const SPLIT_BYTES = 32 << 20;
/**
 * Files up to this size only: the other part waits, read, while this thread parses its own, so it
 * is held in memory (about 100 bytes a record; 150 MB at this size). Larger files are read on this
 * thread alone, in bounded memory.
 */
const SPLIT_MAX_BYTES = 256 << 20;
/**
 * Where the other thread's part starts, as a share of the file. That thread splits and numbers;
 * this one also parses every record (its own part and then the other's), so it takes a little
 * less than half.
 */
const SPLIT_AT = 0.45;
const BLOCK_RECORDS = 1 << 16;

/** The columns an Azure table's parser looks values up by (the other thread numbers them). */
function lookedUp(found: FoundTable): number[] | null {
  if (found.kind !== "azure") return null;
  const c = found.columns;
  return [
    c.month,
    c.tenant,
    ...c.services,
    c.offer,
    c.association,
    c.subscription,
    c.duplicate,
  ].filter((col) => col >= 0);
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
    else if (text[0] === 0x50 && text[1] === 0x4b && text[2] === 0x03 && text[3] === 0x04)
      throw new UsageError(
        `${path}: not a CSV text file (it contains binary data; export the sheet as CSV UTF-8); it is an Excel workbook: give it with --workbook, which finds its input sheets by their headers`
      );
    else if (text.includes(0))
      throw new UsageError(
        `${path}: not a CSV text file (it contains binary data; export the sheet as CSV UTF-8)`
      );
    const lineEnd = detectLineEnd(text);
    const delimiter = detectDelimiter(text, 0, lineEnd);
    return {
      format: {
        encoding,
        bom,
        delimiter,
        decimalComma: decimalComma || delimiter === SEMICOLON,
        lineEnd,
      },
      size,
    };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw fileProblem(path, error);
  } finally {
    closeSync(fd);
  }
}

/** The other thread's part of a file, when the file is split (see {@link CsvOptions.split}). */
interface Part {
  runner: PartRunner;
  /** The guess: the part starts after the first line break at or past this offset. */
  from: number;
}

/** Starts reading a file's second part elsewhere, for large UTF-8 Azure files; null otherwise. */
function startPart(
  path: string,
  found: FoundTable,
  format: CsvFormat,
  size: number,
  topBytes: number,
  options: CsvOptions
): Part | null {
  const idColumns = lookedUp(found);
  // The other thread finds its first record after a LF: files of CR-ended lines stay here.
  if (!options.split || idColumns === null || format.encoding !== "utf-8" || format.lineEnd !== LF)
    return null;
  if (size < (options.splitBytes ?? SPLIT_BYTES) || size > SPLIT_MAX_BYTES) return null;
  const request: PartRequest = {
    path,
    delimiter: format.delimiter,
    from: Math.max(format.bom + topBytes, Math.floor(size * (options.splitAt ?? SPLIT_AT))),
    idColumns,
    blockRecords: BLOCK_RECORDS,
  };
  try {
    return { runner: options.split(request), from: request.from };
  } catch {
    // No thread to be had (a resource limit): this thread reads the whole file.
    return null;
  }
}

/**
 * Reads a file in two parts: records up to where the other thread's part starts, here; then the
 * other thread's blocks, fed to the same `row` in order. If the part does not start at a record
 * boundary of this thread's reading (a quoted field across the guessed line break) or the other
 * thread fails, this thread reads on by itself from the first record not yet read.
 */
function readSplit(
  path: string,
  format: CsvFormat,
  record: CsvRecord,
  reader: ByteRowReader,
  { runner, from: guess }: Part,
  row: (r: RowReader) => void
): void {
  let partStart = -1;
  let resumeAt = -1;
  try {
    eachRecord(path, format, record, (end) => {
      row(reader);
      if (end < guess) return true;
      if (partStart < 0) {
        const first = runner.next();
        partStart = first.kind === "start" ? first.at : Number.MAX_SAFE_INTEGER;
        if (first.kind !== "start") runner.stop();
      }
      if (end < partStart) return true;
      // At the part's start: the rest comes from the other thread. Past it: the guess fell
      // inside a record, so this thread reads on and the other one stops.
      if (end === partStart) {
        resumeAt = end;
        return false;
      }
      runner.stop();
      partStart = Number.MAX_SAFE_INTEGER;
      return true;
    });
    if (resumeAt < 0) return;
    let blocks: BlockRowReader | null = null;
    for (;;) {
      const message = runner.next();
      if (message.kind === "end") return;
      if (message.kind !== "block") break;
      blocks ??= new BlockRowReader(reader);
      blocks.take(message);
      for (let r = 0; r < message.count; r++) {
        blocks.setRecord(r);
        row(blocks);
      }
      resumeAt = message.end;
    }
  } finally {
    runner.stop();
  }
  // The other thread failed: read on from the first record it did not hand over.
  eachRecord(path, format, record, () => row(reader), resumeAt);
}

/** The first ten records as text (where the header row is looked for) and the bytes they span. */
function readTopRecords(
  path: string,
  format: CsvFormat,
  record: CsvRecord,
  reader: ByteRowReader
): { top: string[][]; topBytes: number } {
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
  return { top, topBytes };
}

/** Notes on how the file was read, where it is not the plain CSV UTF-8 Excel writes. */
function formatNotes(path: string, format: CsvFormat, reader: ByteRowReader): Issue[] {
  const messages: string[] = [];
  if (format.delimiter !== COMMA || format.decimalComma)
    messages.push(
      `Read as a ${delimiterName(format.delimiter)}-separated file with decimal ${format.decimalComma ? "commas (1.250,50)" : "points (1,250.50)"}.`
    );
  if (format.encoding !== "utf-8" && format.bom === 0)
    messages.push(
      `The file has no byte-order mark but is UTF-16 text (${format.encoding === "utf-16le" ? "little" : "big"}-endian); read as such.`
    );
  if (format.lineEnd === CR)
    messages.push(
      'Lines end with a carriage return alone (what Excel for Mac saves as "CSV (Macintosh)"); read as such.'
    );
  if (reader.notUtf8 > 0)
    messages.push(
      `${reader.notUtf8} values are not valid UTF-8 and were read as Windows-1252 (Western European). If names look wrong, save the file as CSV UTF-8.`
    );
  return messages.map((message) => ({ severity: "info", table: path, row: null, message }));
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

  const { top, topBytes } = readTopRecords(path, format, record, reader);
  const found = findTable(top, path, options);
  // The parser's columns are sized from the bytes per record of the top records.
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
  const row = (r: RowReader): void => {
    number++;
    if (number > found.headerIndex + 1) parser.row(r, number);
    if (onRecords && (number & 0xffff) === 0) onRecords(number);
  };
  const part = startPart(path, found, format, size, topBytes, options);
  if (part) readSplit(path, format, record, reader, part, row);
  else eachRecord(path, format, record, () => row(reader));
  onRecords?.(number);
  const table = parser.finish();
  table.issues.push(...formatNotes(path, format, reader));
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
