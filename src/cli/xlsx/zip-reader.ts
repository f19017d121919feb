import { closeSync, existsSync, fstatSync, openSync, readSync, statSync } from "fs";
import { Readable } from "stream";
import * as zlib from "zlib";
import yauzl from "yauzl";
import { UsageError } from "../args";

/**
 * Reading an .xlsx package (a zip) without holding it whole: parts are inflated as streams by
 * Node's zlib, and refused when they would inflate past a sane bound (a zip bomb), when the
 * package is corrupt or truncated, or when an XML part declares a DTD or entities.
 */

/** No part of a workbook we read inflates past this (a 1,048,576-row sheet is about 250 MB). */
export const MAX_PART_BYTES = 1536 * 1024 * 1024;
/** Nor the whole package. */
export const MAX_TOTAL_BYTES = 3 * 1024 * 1024 * 1024;
/** A part that inflates more than this many times its compressed size (and past 64 MB) is a bomb. */
export const MAX_RATIO = 400;

/** zlib's CRC-32 (Node 20.15 and later); without it, parts are not checksummed. */
const crc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

/** A part of the package as its central directory declares it. */
export interface ZipPart {
  name: string;
  compressedSize: number;
  size: number;
}

/** The error for a workbook that cannot be read safely. */
export function unreadable(path: string, why: string): UsageError {
  return new UsageError(`${path}: ${why}`);
}

/** The first bytes of an OLE compound file: Excel 97-2003 workbooks and password-protected .xlsx. */
const COMPOUND_FILE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** The stream a password-protected (encrypted) Office file keeps its key data in. */
const ENCRYPTION_INFO = Buffer.from("EncryptionInfo", "utf16le");
/** How much of each end of a compound file is searched for its directory's stream names. */
const DIRECTORY_SCAN = 1 << 20;

/**
 * Why a file that is not a zip cannot be read, in the user's terms: a password-protected workbook
 * and an Excel 97-2003 one are both OLE compound files, which need different fixes.
 */
function notZipReason(path: string): string {
  const generic = "not a readable .xlsx workbook (save it as an Excel Workbook, .xlsx)";
  let fd: number | null = null;
  try {
    fd = openSync(path, "r");
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(size, DIRECTORY_SCAN));
    readSync(fd, head, 0, head.length, 0);
    if (!head.subarray(0, COMPOUND_FILE.length).equals(COMPOUND_FILE))
      return head.length > 0 && !head.subarray(0, 1 << 16).includes(0)
        ? `${generic}; it is a text file (a CSV?): CSV files are given with --azure, --m365 or --certs`
        : generic;
    const tail = Buffer.alloc(Math.min(size, DIRECTORY_SCAN));
    readSync(fd, tail, 0, tail.length, size - tail.length);
    if (head.includes(ENCRYPTION_INFO) || tail.includes(ENCRYPTION_INFO))
      return `${generic}; it is password-protected (encrypted with a password to open): remove the password (in Excel: File > Info > Protect Workbook > Encrypt with Password, clear it), save, and score that copy`;
    return `${generic}; it is an Excel 97-2003 workbook (.xls) or another older Office file: open it in Excel and save it as an Excel Workbook (.xlsx) without a password to open`;
  } catch {
    return generic;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** An open .xlsx package. */
export class ZipReader {
  private constructor(
    readonly path: string,
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>
  ) {}

  /**
   * Opens a package and checks its declared sizes.
   * @throws UsageError when it is not a zip, is truncated, or declares sizes past the bounds
   */
  static async open(path: string): Promise<ZipReader> {
    if (!existsSync(path)) throw new UsageError(`${path}: file not found`);
    if (statSync(path).isDirectory()) throw new UsageError(`${path}: is a folder, not a workbook`);
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.open(path, { lazyEntries: true, autoClose: false }, (error, z) =>
        error || !z ? reject(error ?? new Error("no zip")) : resolve(z)
      )
    ).catch(() => {
      throw unreadable(path, notZipReason(path));
    });
    const entries = new Map<string, yauzl.Entry>();
    try {
      await new Promise<void>((resolve, reject) => {
        zip.on("entry", (entry: yauzl.Entry) => {
          entries.set(entry.fileName.replace(/^\//, ""), entry);
          zip.readEntry();
        });
        zip.on("end", resolve);
        zip.on("error", reject);
        zip.readEntry();
      });
    } catch {
      zip.close();
      throw unreadable(
        path,
        "the workbook is damaged or truncated (its zip directory cannot be read); save it again from Excel"
      );
    }
    const reader = new ZipReader(path, zip, entries);
    reader.checkSizes();
    return reader;
  }

  private checkSizes(): void {
    let total = 0;
    for (const e of this.entries.values()) {
      total += e.uncompressedSize;
      const bomb =
        e.uncompressedSize > MAX_PART_BYTES ||
        (e.uncompressedSize > 64 * 1024 * 1024 &&
          e.uncompressedSize > MAX_RATIO * Math.max(1, e.compressedSize));
      if (bomb) this.refuseBomb(e.fileName);
    }
    if (total > MAX_TOTAL_BYTES) this.refuseBomb("the package");
  }

  private refuseBomb(part: string): never {
    this.close();
    throw unreadable(
      this.path,
      `refused: ${part} would inflate to more than a workbook can hold (a zip bomb, or not a real workbook); nothing was written`
    );
  }

  /** The parts, by name. */
  parts(): ZipPart[] {
    return [...this.entries.values()].map((e) => ({
      name: e.fileName.replace(/^\//, ""),
      compressedSize: e.compressedSize,
      size: e.uncompressedSize,
    }));
  }

  /** True when the package has a part of that name. */
  has(name: string): boolean {
    return this.entries.has(name);
  }

  /**
   * Streams a part's inflated bytes into `onChunk`. The declared size is enforced while
   * inflating (a part that lies about its size is refused) and the checksum at the end.
   *
   * Why not yauzl's own inflating stream: it hands over 16 KB at a time and inflates the next
   * piece only after `onChunk` returns, so the parser and zlib take turns. Here zlib inflates the
   * next large chunk on its thread while `onChunk` parses the current one, and the stream is
   * paused while a few chunks wait, which keeps memory bounded.
   */
  async stream(name: string, onChunk: (chunk: Buffer) => void): Promise<void> {
    const entry = this.entries.get(name);
    if (!entry)
      throw unreadable(this.path, `the workbook has no ${name} part; save it again from Excel`);
    const damaged = (why: string): UsageError =>
      unreadable(
        this.path,
        `the workbook's ${name} is damaged or truncated (${why}); save it again from Excel`
      );
    if (entry.isEncrypted() || (entry.compressionMethod !== 0 && entry.compressionMethod !== 8))
      throw damaged(`stored encrypted or with zip method ${entry.compressionMethod}`);
    const raw = await new Promise<Readable>((resolve, reject) =>
      this.zip.openReadStream(entry, { decodeFileData: false }, (error, s) =>
        error || !s ? reject(error) : resolve(s)
      )
    ).catch(() => {
      throw unreadable(
        this.path,
        `the workbook's ${name} cannot be read (damaged or truncated); save it again from Excel`
      );
    });
    const inflated =
      entry.compressionMethod === 8
        ? raw.pipe(zlib.createInflateRaw({ chunkSize: INFLATE_CHUNK_BYTES }))
        : raw;
    await consume(inflated, raw, entry.uncompressedSize, {
      chunk: onChunk,
      wrongSize: () =>
        unreadable(
          this.path,
          `refused: ${name} does not inflate to the size its directory declares (damaged, or a zip bomb); nothing was written`
        ),
      checksum: (crc) =>
        crc32 && crc >>> 0 !== entry.crc32 >>> 0
          ? unreadable(
              this.path,
              `the workbook's ${name} is damaged (its checksum does not match); save it again from Excel`
            )
          : null,
      failed: (error) => damaged(error.message),
    });
  }

  /** A (small) part as text, refused when it declares a DTD or entities. */
  async text(name: string): Promise<string> {
    const chunks: Buffer[] = [];
    await this.stream(name, (c) => chunks.push(c));
    const text = Buffer.concat(chunks).toString("utf8");
    refuseDtd(this.path, name, text);
    return text;
  }

  close(): void {
    this.zip.close();
  }
}

/** Inflated bytes handed to the parser at a time (zlib's default is 16 KB). */
const INFLATE_CHUNK_BYTES = 256 * 1024;
/** Inflated chunks waiting for the parser before the raw stream is paused. */
const WAITING_CHUNKS = 4;

/** What {@link consume} reports to. */
interface Consumer {
  chunk(bytes: Buffer): void;
  /** The error for a part that inflates to more or fewer bytes than declared. */
  wrongSize(): Error;
  /** The error for a checksum that does not match, or null. */
  checksum(crc: number): Error | null;
  /** The error for a stream that failed (damaged deflate data, a read error). */
  failed(error: Error): Error;
}

/**
 * Hands a stream's chunks to `consumer.chunk` one per event-loop turn, so that the stream
 * produces the next chunk meanwhile; pauses it while {@link WAITING_CHUNKS} chunks wait. `source`
 * is the file stream behind it (destroyed with it on failure).
 */
function consume(
  stream: Readable,
  source: Readable,
  size: number,
  consumer: Consumer
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const waiting: Buffer[] = [];
    let bytes = 0;
    let crc = 0;
    let ended = false;
    let scheduled = false;
    let settled = false;
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      waiting.length = 0;
      source.destroy();
      stream.destroy();
      reject(error);
    };
    const finish = (): void => {
      if (settled) return;
      if (bytes !== size) return fail(consumer.wrongSize());
      const wrong = consumer.checksum(crc);
      if (wrong) return fail(wrong);
      settled = true;
      resolve();
    };
    const next = (): void => {
      scheduled = false;
      const chunk = waiting.shift();
      if (settled) return;
      if (chunk) {
        try {
          if (crc32) crc = crc32(chunk, crc);
          consumer.chunk(chunk);
        } catch (error) {
          return fail(error instanceof Error ? error : new Error(String(error)));
        }
      }
      if (waiting.length < WAITING_CHUNKS && stream.isPaused()) stream.resume();
      if (waiting.length > 0) schedule();
      else if (ended) finish();
    };
    const schedule = (): void => {
      if (!scheduled) {
        scheduled = true;
        setImmediate(next);
      }
    };
    stream.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
      // A part inflating past its declared size is stopped at once, not after it has inflated.
      if (bytes > size) return fail(consumer.wrongSize());
      waiting.push(chunk);
      // Pausing the last stream lets backpressure stop zlib and the file read behind it.
      if (waiting.length >= WAITING_CHUNKS) stream.pause();
      schedule();
    });
    stream.on("end", () => {
      ended = true;
      schedule();
    });
    stream.on("error", (error: Error) => fail(consumer.failed(error)));
    if (stream !== source) source.on("error", (error: Error) => fail(consumer.failed(error)));
  });
}

/** Refuses XML that declares a document type or entities (never in a real workbook; a classic attack). */
export function refuseDtd(path: string, part: string, text: string): void {
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    throw unreadable(
      path,
      `refused: ${part} declares a DTD or entities, which a real workbook never does; nothing was written`
    );
}
