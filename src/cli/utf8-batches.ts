/**
 * Text pieces written as UTF-8 into buffers of about a megabyte, each handed on when full. The
 * JSON score is tens of megabytes of small pieces, some with non-ASCII characters: joining them
 * into a string and converting that made V8 flatten and re-encode a two-byte rope per batch,
 * while `Buffer.write` encodes each piece straight into place (half the time, measured).
 */

/** The most UTF-8 bytes one UTF-16 unit can take (a surrogate pair's two units take four). */
const MAX_BYTES_PER_UNIT = 3;

/**
 * Writes `pieces` in order as UTF-8, in buffers of at most `size` bytes (a piece larger than that
 * goes alone). A buffer handed to `flush` is never written to again, so it can be queued.
 * Every buffer holds whole pieces, so each decodes on its own.
 */
export function writeUtf8Batches(
  pieces: Iterable<string>,
  flush: (bytes: Uint8Array) => void,
  size = 1 << 20
): void {
  let buffer = Buffer.allocUnsafe(size);
  let used = 0;
  for (const piece of pieces) {
    const most = piece.length * MAX_BYTES_PER_UNIT;
    if (used + most > size && used > 0) {
      flush(buffer.subarray(0, used));
      buffer = Buffer.allocUnsafe(size);
      used = 0;
    }
    if (most > size) flush(Buffer.from(piece, "utf8"));
    else used += buffer.write(piece, used, "utf8");
  }
  if (used > 0) flush(buffer.subarray(0, used));
}
