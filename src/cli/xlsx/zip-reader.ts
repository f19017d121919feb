import { existsSync, statSync } from "fs";
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
      throw unreadable(path, "not a readable .xlsx workbook (save it as an Excel Workbook, .xlsx)");
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
   * inflating (a part that lies about its size is refused).
   */
  async stream(name: string, onChunk: (chunk: Buffer) => void): Promise<void> {
    const entry = this.entries.get(name);
    if (!entry)
      throw unreadable(this.path, `the workbook has no ${name} part; save it again from Excel`);
    const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
      this.zip.openReadStream(entry, (error, s) => (error || !s ? reject(error) : resolve(s)))
    ).catch(() => {
      throw unreadable(
        this.path,
        `the workbook's ${name} cannot be read (damaged or truncated); save it again from Excel`
      );
    });
    let crc = 0;
    await new Promise<void>((resolve, reject) => {
      stream.on("data", (chunk: Buffer) => {
        try {
          if (crc32) crc = crc32(chunk, crc);
          onChunk(chunk);
        } catch (error) {
          (stream as unknown as { destroy(e?: unknown): void }).destroy();
          reject(error);
        }
      });
      stream.on("end", () =>
        // Damaged deflate data can still inflate, to the wrong bytes: the checksum tells.
        crc32 && crc >>> 0 !== entry.crc32 >>> 0
          ? reject(
              unreadable(
                this.path,
                `the workbook's ${name} is damaged (its checksum does not match); save it again from Excel`
              )
            )
          : resolve()
      );
      stream.on("error", (error: Error) =>
        reject(
          /too many bytes|too few bytes|size/i.test(error.message)
            ? unreadable(
                this.path,
                `refused: ${name} does not inflate to the size its directory declares (damaged, or a zip bomb); nothing was written`
              )
            : unreadable(
                this.path,
                `the workbook's ${name} is damaged or truncated (${error.message}); save it again from Excel`
              )
        )
      );
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

/** Refuses XML that declares a document type or entities (never in a real workbook; a classic attack). */
export function refuseDtd(path: string, part: string, text: string): void {
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    throw unreadable(
      path,
      `refused: ${part} declares a DTD or entities, which a real workbook never does; nothing was written`
    );
}
