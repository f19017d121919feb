/**
 * `JSON.stringify(value, null, 2)` in pieces: the top-level object's members, and the elements of
 * the arrays among them, are serialised one at a time. The command line writes the score (tens of
 * megabytes for 20,000 customers) this way, so the whole text never sits in memory at once, nor
 * its copy as bytes.
 */

const INDENT = "  ";

/** True for what `JSON.stringify` serialises member by member (a plain object, no `toJSON`). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { toJSON?: unknown }).toJSON !== "function"
  );
}

/**
 * `JSON.stringify(value, null, 2)` as it reads `depth` levels deep in a whole text: every line
 * after the first indented to that depth ("null" for what JSON.stringify cannot write, as in an
 * array). Wrapped in `depth` arrays, the value is indented by JSON.stringify itself, and the
 * wrapping is cut off: about two thirds of the time of indenting its lines afterwards.
 */
function nested(value: unknown, depth: number): string {
  let wrapped: unknown = value;
  let head = "";
  let tail = "";
  for (let d = 0; d < depth; d++) {
    wrapped = [wrapped];
    head += `[\n${INDENT.repeat(d + 1)}`;
    tail = `\n${INDENT.repeat(d)}]${tail}`;
  }
  const text = JSON.stringify(wrapped, null, 2);
  return text.slice(head.length, text.length - tail.length);
}

/** True when `JSON.stringify` writes an object member with this value (it skips the rest). */
function written(member: unknown): boolean {
  if (member === undefined || typeof member === "function" || typeof member === "symbol")
    return false;
  const toJSON = (member as { toJSON?: unknown } | null)?.toJSON;
  return typeof toJSON !== "function" || JSON.stringify(member) !== undefined;
}

/**
 * The pieces of `JSON.stringify(value, null, 2)`, in order: joined, they are that text exactly.
 * @param value what to serialise (anything `JSON.stringify` takes whose result is not undefined)
 */
export function* jsonPieces(value: unknown): Generator<string> {
  if (!isPlainObject(value)) {
    yield JSON.stringify(value, null, 2);
    return;
  }
  // Members JSON.stringify leaves out (undefined, functions, symbols) are left out here too.
  const members = Object.keys(value).filter((key) => written(value[key]));
  if (members.length === 0) {
    yield "{}";
    return;
  }
  yield "{\n";
  for (let i = 0; i < members.length; i++) {
    const key = members[i] as string;
    const member = value[key];
    yield `${INDENT}${JSON.stringify(key)}: `;
    if (Array.isArray(member) && member.length > 0 && !("toJSON" in member)) {
      yield "[\n";
      for (let k = 0; k < member.length; k++) {
        // Array elements JSON.stringify cannot write become null, as in the whole text.
        const element = nested(member[k], 2);
        yield `${INDENT}${INDENT}${element}${k < member.length - 1 ? ",\n" : "\n"}`;
      }
      yield `${INDENT}]`;
    } else yield nested(member, 1);
    yield i < members.length - 1 ? ",\n" : "\n";
  }
  yield "}";
}
