import { closeSync, openSync, readSync } from "fs";
import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from "worker_threads";
import { grow } from "../scoring/table";
import { ByteDictionary } from "./byte-dictionary";
import { LF } from "./csv-format";
import { CsvRecord, scanRecords } from "./csv-records";

/**
 * Reading the second part of a large CSV file on another thread. That thread splits the part into
 * records and numbers each distinct value of the columns the parser looks up (the costly half of
 * reading), and hands over blocks of records; the main thread reads the first part as usual, then
 * feeds the blocks to the same parser in the same order, so the table is the one a single pass
 * makes. Where the part starts is a guess (the first line break past a point); the main thread
 * checks that its own last record ends exactly there and otherwise reads on by itself.
 */

/** What the other thread reads. */
export interface PartRequest {
  path: string;
  delimiter: number;
  /** A file offset: the part starts after the first line break at or past it. */
  from: number;
  /** Columns whose values are numbered (the others are handed over as bytes). */
  idColumns: number[];
  /** Records per block. */
  blockRecords: number;
  /** How far, in KiB of blocks, the other thread may be ahead (default 128 MiB). */
  aheadKib?: number;
}

/** New values of one numbered column since the previous block, in the order they were numbered. */
export interface DictionaryDelta {
  col: number;
  bytes: Uint8Array;
  lengths: Int32Array;
}

/**
 * Records `0 … count − 1` of a block. Record `r`'s field `k` is `f = fieldsAt[r] + k`, for `k`
 * below its count and below the number of numbered columns: value number `value[f]` of its
 * column when `length[f]` is −1, else the bytes `raw[value[f] … value[f] + length[f])` (doubled
 * quotes already undone). The arrays may be longer than the block uses.
 */
export interface PartBlock {
  kind: "block";
  count: number;
  /** The file offset just past the block's last record (where reading on would start). */
  end: number;
  /** Each record's own number of fields (fields past it are blank). */
  counts: Int32Array;
  fieldsAt: Int32Array;
  value: Int32Array;
  length: Int32Array;
  raw: Uint8Array;
  /** 1 where a field was quoted with doubled quotes inside (numbers are then read from text). */
  escaped: Uint8Array;
  dictionaries: DictionaryDelta[];
}

/** What the other thread says: where its part starts, blocks, the end, or a failure. */
export type PartMessage =
  { kind: "start"; at: number } | PartBlock | { kind: "end" } | { kind: "failed"; message: string };

const CHUNK = 4 << 20;

/**
 * Growable typed arrays for one block, handed over whole (no copy to their used length): every
 * megabyte of fresh memory costs milliseconds to touch, so a block's arrays are made once, at the
 * size the previous block ended with, rather than grown by doubling and then copied.
 */
class BlockBuilder {
  count = 0;
  fields = 0;
  rawUsed = 0;
  end = 0;
  counts: Int32Array;
  fieldsAt: Int32Array;
  value: Int32Array;
  length: Int32Array;
  escaped: Uint8Array;
  raw: Uint8Array;

  /** Room for `records` records, `fields` fields and `rawBytes` bytes of unnumbered fields. */
  constructor(records: number, fields: number, rawBytes: number) {
    this.counts = new Int32Array(records + 2);
    this.fieldsAt = new Int32Array(records + 2);
    this.value = new Int32Array(fields);
    this.length = new Int32Array(fields);
    this.escaped = new Uint8Array(fields);
    this.raw = new Uint8Array(rawBytes);
  }

  /** A builder for the next block, with the room this one ended with. */
  next(): BlockBuilder {
    return new BlockBuilder(this.counts.length - 2, this.value.length, this.raw.length);
  }

  addRecord(fields: number, end: number): void {
    if (this.count + 2 > this.fieldsAt.length) {
      this.fieldsAt = grown(this.fieldsAt, this.count + 2);
      this.counts = grown(this.counts, this.count + 2);
    }
    this.counts[this.count] = fields;
    this.fieldsAt[this.count] = this.fields;
    this.count++;
    this.fieldsAt[this.count] = this.fields;
    this.end = end;
  }

  addField(value: number, length: number, escaped: number): void {
    const f = this.fields++;
    if (f >= this.value.length) {
      this.value = grown(this.value, f + 1);
      this.length = grown(this.length, f + 1);
      this.escaped = grown(this.escaped, f + 1);
    }
    this.value[f] = value;
    this.length[f] = length;
    this.escaped[f] = escaped;
    this.fieldsAt[this.count] = this.fields;
  }

  addRaw(buf: Uint8Array, start: number, end: number, escaped: number): void {
    const n = end - start;
    if (this.rawUsed + n > this.raw.length) this.raw = grown(this.raw, this.rawUsed + n);
    // Fields are short: a loop costs less than a view to copy from.
    const raw = this.raw;
    for (let i = 0; i < n; i++) raw[this.rawUsed + i] = buf[start + i] as number;
    this.addField(this.rawUsed, n, escaped);
    this.rawUsed += n;
  }

  /** The block (its arrays as they are: the builder is not used again). */
  finish(dictionaries: DictionaryDelta[]): PartBlock {
    return {
      kind: "block",
      count: this.count,
      end: this.end,
      counts: this.counts,
      fieldsAt: this.fieldsAt,
      value: this.value,
      length: this.length,
      escaped: this.escaped,
      raw: this.raw,
      dictionaries,
    };
  }
}

/** `a` grown to at least `atLeast` elements, doubling. */
function grown<T extends Int32Array | Uint8Array>(a: T, atLeast: number): T {
  return grow(a, Math.max(atLeast, a.length * 2));
}

/** The values numbered since the last call, per column. */
function deltas(
  dictionaries: readonly (ByteDictionary | undefined)[],
  sent: Map<number, number>
): DictionaryDelta[] {
  const out: DictionaryDelta[] = [];
  for (let col = 0; col < dictionaries.length; col++) {
    const dict = dictionaries[col];
    if (dict === undefined) continue;
    const from = sent.get(col) ?? 0;
    if (dict.size === from) continue;
    const lengths = new Int32Array(dict.size - from);
    let total = 0;
    for (let id = from; id < dict.size; id++) {
      lengths[id - from] = dict.lengthOf(id);
      total += dict.lengthOf(id);
    }
    const bytes = new Uint8Array(total);
    let at = 0;
    for (let id = from; id < dict.size; id++) {
      const v = dict.valueBytes(id);
      bytes.set(v, at);
      at += v.length;
    }
    out.push({ col, bytes, lengths });
    sent.set(col, dict.size);
  }
  return out;
}

/**
 * The part's messages, in order: where it starts, its blocks, then the end. Runs on the other
 * thread; tests run it on theirs.
 */
export function* scanPart(request: PartRequest): Generator<PartMessage> {
  const fd = openSync(request.path, "r");
  try {
    const at = guessedStart(fd, request.from);
    yield { kind: "start", at: at ?? Number.MAX_SAFE_INTEGER };
    if (at !== null) yield* blocksFrom(fd, at, request);
    yield { kind: "end" };
  } finally {
    closeSync(fd);
  }
}

/** The offset just after the first line break at or past `from`; null when there is none. */
function guessedStart(fd: number, from: number): number | null {
  const buf = new Uint8Array(1 << 16);
  for (let position = from; ;) {
    const n = readSync(fd, buf, 0, buf.length, position);
    if (n === 0) return null;
    const lf = buf.subarray(0, n).indexOf(LF);
    if (lf >= 0) return position + lf + 1;
    position += n;
  }
}

/** The records from offset `at` to the end of the file, in blocks. */
function* blocksFrom(fd: number, at: number, request: PartRequest): Generator<PartBlock> {
  const numberer = new BlockNumberer(request.idColumns, request.blockRecords);
  const record = new CsvRecord();
  let buf = new Uint8Array(CHUNK);
  // The file offset of buf[0].
  let base = at;
  let have = 0;
  for (;;) {
    const n = readSync(fd, buf, have, buf.length - have, base + have);
    const final = n === 0;
    const end = have + n;
    const next = scanRecords(buf, 0, end, final, request.delimiter, record, () =>
      numberer.add(record, base + record.next)
    );
    yield* numberer.take();
    if (final) break;
    // Keep the incomplete record; a record longer than half the buffer makes it grow.
    buf.copyWithin(0, next, end);
    base += next;
    have = end - next;
    if (have > buf.length / 2) buf = grown(buf, buf.length * 2);
  }
  yield* numberer.take(true);
}

/** Records into blocks: the looked-up columns' values numbered, the other fields as bytes. */
class BlockNumberer {
  private readonly idColumn: Uint8Array;
  private readonly dictionaries: (ByteDictionary | undefined)[] = [];
  /** Values already handed over, per column. */
  private readonly sent = new Map<number, number>();
  private readonly scratch = { bytes: new Uint8Array(256) };
  private block: BlockBuilder;
  private readonly full: PartBlock[] = [];

  constructor(
    idColumns: readonly number[],
    private readonly blockRecords: number
  ) {
    this.idColumn = new Uint8Array(Math.max(0, ...idColumns) + 1);
    for (const c of idColumns) this.idColumn[c] = 1;
    // Records have at least the numbered columns' width; the arrays grow if they have more.
    this.block = new BlockBuilder(blockRecords, blockRecords * this.idColumn.length, 1 << 16);
  }

  /** Adds a record that ends at file offset `end`. */
  add(record: CsvRecord, end: number): void {
    const block = this.block;
    block.addRecord(record.count, end);
    // Every field up to the last numbered column has its place; past the record's end it is
    // empty (the main thread numbers a blank itself, as for any record that short).
    const width = Math.max(record.count, this.idColumn.length);
    for (let k = 0; k < width; k++) {
      if (k >= record.count) {
        block.addField(0, 0, 0);
        continue;
      }
      const numbered = this.idColumn[k] === 1;
      const escaped = record.escaped[k] as number;
      let buf = record.buf;
      let s = record.starts[k] as number;
      let e = record.ends[k] as number;
      if (escaped !== 0) [buf, s, e] = record.field(k, this.scratch);
      if (numbered) block.addField(this.dictionary(k).intern(buf, s, e), -1, escaped);
      else block.addRaw(buf, s, e, escaped);
    }
    if (block.count === this.blockRecords) {
      this.full.push(block.finish(deltas(this.dictionaries, this.sent)));
      this.block = block.next();
    }
  }

  /** The blocks filled so far (with `last`, the partly filled one too). */
  *take(last = false): Generator<PartBlock> {
    while (this.full.length > 0) yield this.full.shift() as PartBlock;
    if (last && this.block.count > 0) yield this.block.finish(deltas(this.dictionaries, this.sent));
  }

  private dictionary(col: number): ByteDictionary {
    return (this.dictionaries[col] ??= new ByteDictionary());
  }
}

/** Hands the part's messages to the main thread one at a time, waiting for each. */
export interface PartRunner {
  next(): PartMessage;
  /** Stops the other thread (the main thread reads on by itself, or is done). */
  stop(): void;
}

/** A {@link PartRunner} on the calling thread (tests; and the same messages as the other thread). */
export function inThread(request: PartRequest): PartRunner {
  const messages = scanPart(request);
  return {
    next: () => {
      const { value, done } = messages.next();
      return done ? { kind: "end" } : value;
    },
    stop: () => void messages.return(undefined),
  };
}

/** The data a part's thread is started with. */
interface PartWorkerData {
  request: PartRequest;
  port: MessagePort;
  signal: Int32Array;
}

/** How long the main thread waits for the other thread's next message before reading on alone. */
const PATIENCE_MS = 30_000;
/**
 * How far the other thread may be ahead of the main thread, in messages and in KiB of blocks:
 * enough for the part of the bench's million-row file, a bound for wider or larger ones (the
 * part waits in memory while the main thread parses its own).
 */
const AHEAD = 32;
const AHEAD_KIB = 128 * 1024;

/** The buffers of a message (transferred, not copied) and their size in KiB. */
function buffersOf(message: PartMessage): { buffers: ArrayBuffer[]; kib: number } {
  if (message.kind !== "block") return { buffers: [], kib: 0 };
  const views = [
    message.counts,
    message.fieldsAt,
    message.value,
    message.length,
    message.escaped,
    message.raw,
    ...message.dictionaries.flatMap((d) => [d.bytes, d.lengths]),
  ];
  const bytes = views.reduce((n, v) => n + v.byteLength, 0);
  return { buffers: views.map((v) => v.buffer as ArrayBuffer), kib: Math.ceil(bytes / 1024) };
}

/** The shared counters: messages posted, messages taken, KiB posted and not yet taken. */
const POSTED = 0;
const TAKEN = 1;
const IN_FLIGHT_KIB = 2;

/**
 * A {@link PartRunner} on a worker thread running `script` (`dist/cli/csv-part.js`, which calls
 * {@link runPartWorker}). Messages come through a port the main thread reads synchronously, woken
 * by a shared counter.
 */
export function onThread(script: string, request: PartRequest): PartRunner {
  const { port1, port2 } = new MessageChannel();
  const signal = new Int32Array(new SharedArrayBuffer(3 * 4));
  const data: PartWorkerData = { request, port: port2, signal };
  const worker = new Worker(script, { workerData: data, transferList: [port2] });
  // The part is an optimisation: if the thread fails, the main thread reads the part itself.
  worker.on("error", () => undefined);
  return {
    next: () => {
      for (;;) {
        const seen = Atomics.load(signal, POSTED);
        const received = receiveMessageOnPort(port1);
        if (received) {
          const message = received.message as PartMessage;
          Atomics.sub(signal, IN_FLIGHT_KIB, buffersOf(message).kib);
          Atomics.add(signal, TAKEN, 1);
          Atomics.notify(signal, TAKEN);
          return message;
        }
        if (Atomics.wait(signal, POSTED, seen, PATIENCE_MS) === "timed-out")
          return { kind: "failed", message: "the reading thread stopped answering" };
      }
    },
    stop: () => {
      port1.close();
      void worker.terminate();
    },
  };
}

/**
 * The body of a part's thread: every message posted in order, the main thread woken for each,
 * never more than {@link AHEAD} messages or {@link AHEAD_KIB} ahead (one message always may be).
 */
export function runPartWorker(data: unknown): void {
  const { request, port, signal } = data as PartWorkerData;
  const post = (message: PartMessage): void => {
    const { buffers, kib } = buffersOf(message);
    for (;;) {
      const taken = Atomics.load(signal, TAKEN);
      const waiting = Atomics.load(signal, POSTED) - taken;
      const full =
        waiting >= AHEAD ||
        Atomics.load(signal, IN_FLIGHT_KIB) + kib > (request.aheadKib ?? AHEAD_KIB);
      if (waiting === 0 || !full) break;
      Atomics.wait(signal, TAKEN, taken, 1000);
    }
    Atomics.add(signal, IN_FLIGHT_KIB, kib);
    port.postMessage(message, buffers);
    Atomics.add(signal, POSTED, 1);
    Atomics.notify(signal, POSTED);
  };
  try {
    for (const message of scanPart(request)) post(message);
  } catch (error) {
    post({ kind: "failed", message: error instanceof Error ? error.message : String(error) });
  } finally {
    port.close();
  }
}
