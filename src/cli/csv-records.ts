import { CR, LF, QUOTE } from "./csv-format";

/**
 * Splitting CSV bytes into records and fields (RFC 4180: fields in double quotes may hold the
 * delimiter, line breaks and doubled quotes; records end with LF or CRLF, or with CR alone in
 * classic Mac files). Fields are offsets into the buffer, never strings: the caller reads only the
 * fields it needs.
 */

/** The fields of the current record: offsets into `buf`. */
export class CsvRecord {
  buf: Uint8Array = new Uint8Array(0);
  /** Field `k` is `buf[starts[k] … ends[k])`. */
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  /** 1 when a quoted field holds doubled quotes that must be undone before use. */
  escaped = new Uint8Array(64);
  count = 0;
  /** Where the record ends in `buf`, its line break included (the next record's start). */
  next = 0;

  /** Makes room for `n` fields. */
  ensure(n: number): void {
    if (n < this.starts.length) return;
    const size = Math.max(n + 1, this.starts.length * 2);
    const grow = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.starts = grow(this.starts, (n) => new Int32Array(n));
    this.ends = grow(this.ends, (n) => new Int32Array(n));
    this.escaped = grow(this.escaped, (n) => new Uint8Array(n));
  }

  /**
   * The bytes of field `k` with doubled quotes undone, written into `scratch` when needed.
   * Returns the buffer and range to read.
   */
  field(k: number, scratch: { bytes: Uint8Array }): [Uint8Array, number, number] {
    const start = this.starts[k] as number;
    const end = this.ends[k] as number;
    if (this.escaped[k] !== 1) return [this.buf, start, end];
    if (scratch.bytes.length < end - start) scratch.bytes = new Uint8Array((end - start) * 2);
    let n = 0;
    for (let i = start; i < end; i++) {
      const b = this.buf[i] as number;
      scratch.bytes[n++] = b;
      if (b === QUOTE && this.buf[i + 1] === QUOTE) i++;
    }
    return [scratch.bytes, 0, n];
  }
}

/**
 * Reads the records of `buf[from … end)` into `record`, calling `onRecord` for each complete one.
 * Returns where the first incomplete record starts (`end` when all were complete). With `final`,
 * the last record needs no line break.
 * @param lineEnd LF (records end with LF or CRLF), or CR for files whose lines end with CR alone
 */
export function scanRecords(
  buf: Uint8Array,
  from: number,
  end: number,
  final: boolean,
  delimiter: number,
  record: CsvRecord,
  onRecord: () => boolean | void,
  lineEnd = LF
): number {
  record.buf = buf;
  const crlf = lineEnd === LF;
  let p = from;
  while (p < end) {
    const recordStart = p;
    let f = 0;
    let complete = false;
    for (;;) {
      record.ensure(f + 1);
      let start = p;
      let stop: number;
      let escaped = 0;
      if (buf[p] === QUOTE) {
        // A quoted field: to the closing quote, doubled quotes inside.
        let q = p + 1;
        for (;;) {
          while (q < end && buf[q] !== QUOTE) q++;
          if (q + 1 < end && buf[q + 1] === QUOTE) {
            escaped = 1;
            q += 2;
            continue;
          }
          break;
        }
        if (q >= end && !final) return recordStart;
        const next = q + 1;
        if (next >= end || buf[next] === delimiter || buf[next] === lineEnd || buf[next] === CR) {
          start = p + 1;
          stop = Math.min(q, end);
          p = Math.min(next, end);
          if (crlf && buf[p] === CR) {
            // CRLF after a closing quote: the LF may be in the next chunk.
            if (p + 1 >= end && !final) return recordStart;
            if (buf[p + 1] === LF) p++;
          }
        } else {
          // Text after the closing quote: not a well-formed quoted field, read it as it stands.
          escaped = 0;
          while (p < end && buf[p] !== delimiter && buf[p] !== lineEnd) p++;
          stop = p;
        }
      } else {
        while (p < end) {
          const b = buf[p];
          if (b === delimiter || b === lineEnd) break;
          p++;
        }
        stop = p;
      }
      if (p >= end && !final) return recordStart;
      // A CR before the LF ends the record, not the field.
      if (crlf && stop > start && buf[stop - 1] === CR && (p >= end || buf[p] === LF)) stop--;
      record.starts[f] = start;
      record.ends[f] = stop;
      record.escaped[f] = escaped;
      f++;
      if (p >= end) {
        complete = true;
        break;
      }
      if (buf[p] === delimiter) {
        p++;
        if (p >= end && final) {
          record.ensure(f + 1);
          record.starts[f] = p;
          record.ends[f] = p;
          record.escaped[f] = 0;
          f++;
          complete = true;
          break;
        }
        continue;
      }
      p++; // the line end
      complete = true;
      break;
    }
    if (!complete) return recordStart;
    record.count = f;
    record.next = p;
    if (onRecord() === false) return p;
  }
  return p;
}
