/**
 * A tokenizer for worksheet XML (SpreadsheetML `<worksheet>`), written for one job: turning the
 * `<row>`/`<c>` elements of a sheet of a million rows into cell values quickly.
 *
 * Why not saxes here: saxes (still used for every other part) spent 0.75 s of the 2 s a
 * 100,000-row workbook may take, most of it building attribute objects for every cell. This
 * tokenizer reads only the attributes it needs (`r`, `t`), decodes entities only in values, and
 * keeps XML's rules that matter for the values read: every element closes in order (else the part
 * is refused as not well-formed), text is entity-decoded with line ends normalised, CDATA is
 * text, comments and processing instructions are skipped, and a DTD is refused.
 * `test/unit/sheet-scanner.test.ts` checks it against saxes on generated sheets.
 */

import { unescapeXstring } from "./xstring";

/** A cell value as read: dates stay Excel serial numbers (what the engine reads as months). */
export type SheetValue = string | number | boolean | undefined;

/**
 * Called with each row: its sheet row number, its cells by 0-based column, the columns of its
 * cells that hold a formula without a saved result (read as blank; usually none), and whether the
 * row is hidden (by a filter or by hand).
 */
export type OnRow = (
  rowNumber: number,
  cells: SheetValue[],
  uncalculated: readonly number[],
  hidden: boolean
) => void;

const NONE: readonly number[] = [];

/** Why a part cannot be read; the caller turns it into a message naming the workbook and part. */
export class SheetSyntaxError extends Error {}

/** Thrown for a DTD or entity declaration (refused, never read). */
export class SheetDtdError extends Error {}

/** The 0-based column of a cell reference such as `B12` (-1 when it has no letters). */
export function columnOf(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return i === 0 ? -1 : col - 1;
}

/** The 1-based row of a cell reference such as `B12` (NaN without digits). */
export function rowOf(ref: string): number {
  const m = /(\d+)$/.exec(ref);
  return m ? Number(m[1]) : NaN;
}

const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Text with its entity and character references decoded. */
function decodeEntities(raw: string): string {
  if (raw.indexOf("&") < 0) return raw;
  return raw.replace(/&([^;&\s]*);?/g, (whole, name: string) => {
    if (!whole.endsWith(";")) throw new SheetSyntaxError(`"${whole}" is not a complete reference`);
    const named = PREDEFINED[name];
    if (named !== undefined) return named;
    const code = /^#x[0-9a-f]+$/i.test(name)
      ? parseInt(name.slice(2), 16)
      : /^#[0-9]+$/.test(name)
        ? parseInt(name.slice(1), 10)
        : NaN;
    if (!Number.isFinite(code) || code > 0x10ffff || code === 0)
      throw new SheetSyntaxError(`"&${name};" is not a defined entity`);
    return String.fromCodePoint(code);
  });
}

/** Character data as XML hands it over: references decoded, CR LF and lone CR read as LF. */
function textOf(raw: string): string {
  const normalised = raw.indexOf("\r") < 0 ? raw : raw.replace(/\r\n?/g, "\n");
  return decodeEntities(normalised);
}

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;

/**
 * An element's name and where the attributes this reader uses lie in the text (`-1` when absent):
 * the values are sliced only when read, and one scratch object serves every tag (a sheet has
 * millions).
 */
interface OpenTag {
  name: string;
  rStart: number;
  rEnd: number;
  tStart: number;
  tEnd: number;
  /** A `hidden` attribute saying true (a row hidden by a filter or by hand). */
  hidden: boolean;
  selfClosing: boolean;
  /** Index just past the tag's `>`. */
  end: number;
}

const scratchTag: OpenTag = {
  name: "",
  rStart: -1,
  rEnd: -1,
  tStart: -1,
  tEnd: -1,
  hidden: false,
  selfClosing: false,
  end: 0,
};

/** An attribute's value as XML reads it (references decoded). */
function attribute(s: string, start: number, end: number): string {
  return decodeEntities(s.slice(start, end));
}

/**
 * Reads an open tag starting at `lt` (`s[lt] === "<"`) into the scratch tag; null when `s` ends
 * inside it.
 * @throws SheetSyntaxError for an attribute without `=` and a quoted value
 */
function openTagAt(s: string, lt: number): OpenTag | null {
  let i = lt + 1;
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (isSpace(c) || c === 47 /* / */ || c === 62 /* > */) break;
    i++;
  }
  if (i >= n) return null;
  if (i === lt + 1) throw new SheetSyntaxError("a tag has no name");
  const tag = scratchTag;
  tag.name = s.slice(lt + 1, i);
  tag.rStart = tag.rEnd = tag.tStart = tag.tEnd = -1;
  tag.hidden = false;
  for (;;) {
    while (i < n && isSpace(s.charCodeAt(i))) i++;
    if (i >= n) return null;
    const c = s.charCodeAt(i);
    if (c === 62) {
      tag.selfClosing = false;
      tag.end = i + 1;
      return tag;
    }
    if (c === 47) {
      if (i + 1 >= n) return null;
      if (s.charCodeAt(i + 1) !== 62) throw new SheetSyntaxError(`<${tag.name}> has a stray "/"`);
      tag.selfClosing = true;
      tag.end = i + 2;
      return tag;
    }
    const eq = s.indexOf("=", i);
    if (eq < 0) return null;
    // The attribute's name, without the spaces XML allows before "=".
    let nameEnd = eq;
    while (nameEnd > i && isSpace(s.charCodeAt(nameEnd - 1))) nameEnd--;
    let q = eq + 1;
    while (q < n && isSpace(s.charCodeAt(q))) q++;
    if (q >= n) return null;
    const quote = s.charCodeAt(q);
    if (quote !== 34 && quote !== 39)
      throw new SheetSyntaxError(
        `attribute ${s.slice(i, eq).trim()} of <${tag.name}> has no quoted value`
      );
    const close = s.indexOf(quote === 34 ? '"' : "'", q + 1);
    if (close < 0) return null;
    if (nameEnd - i === 1) {
      const a = s.charCodeAt(i);
      if (a === 114 /* r */) {
        tag.rStart = q + 1;
        tag.rEnd = close;
      } else if (a === 116 /* t */) {
        tag.tStart = q + 1;
        tag.tEnd = close;
      }
    } else if (nameEnd - i === 6 && s.startsWith("hidden", i)) {
      const value = s.slice(q + 1, close).trim();
      tag.hidden = value === "1" || value === "true";
    }
    i = close + 1;
  }
}

/** The 0-based column of the reference `s[start … end)`, read in place when it has no `&`. */
function columnAt(s: string, start: number, end: number): number {
  let col = 0;
  let i = start;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  if (i < end && s.charCodeAt(i) === 38 /* & */) return columnOf(attribute(s, start, end));
  return i === start ? -1 : col - 1;
}

/** The local part of an element name (`x:row` → `row`), as SpreadsheetML's elements are matched. */
function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}

/**
 * Turns worksheet XML, given as text in pieces of any size, into rows. Cell types: shared
 * string (`s`), inline string, formula string (`str`; these two with `_xHHHH_` escapes
 * decoded), boolean (`b`), error (`e`, kept as its text), ISO date (`d`, kept as text), else a
 * number; a formula's cached value is read, never the formula.
 */
export class SheetScanner {
  private pending = "";
  private readonly open: string[] = [];
  private seenRoot = false;
  private row: SheetValue[] = [];
  private rowNumber = 0;
  private col = -1;
  private type = "";
  private text = "";
  private inValue = false;
  private inInline = 0;
  /** Inside a phonetic run (`<rPh>`, the reading guide of East Asian text): not the cell's text. */
  private inPhonetic = 0;
  /** The current cell has a formula (`<f>`) / a value element (`<v>`). */
  private formula = false;
  private valued = false;
  /**
   * Cells holding a formula but no saved result (written by a program that does not calculate):
   * they read as blank, so the caller can say why. `row`/`col` locate the first (0 when none).
   */
  readonly uncalculated = { count: 0, row: 0, col: -1 };
  private rowUncalculated = NONE;
  private rowHidden = false;

  constructor(
    private readonly shared: readonly string[],
    private readonly onRow: OnRow
  ) {}

  /** Reads the next piece of the part's text. */
  write(piece: string): void {
    const s = this.pending === "" ? piece : this.pending + piece;
    this.pending = s.slice(this.scan(s));
  }

  /** The part has ended: everything opened must have closed. */
  end(): void {
    if (this.pending.trim() !== "" || this.open.length > 0 || !this.seenRoot)
      throw new SheetSyntaxError(
        this.open.length > 0
          ? `it ends before </${this.open[this.open.length - 1]}>`
          : "it ends inside a tag or has no root element"
      );
  }

  /** Reads `s` as far as it is complete; returns where the incomplete rest starts. */
  private scan(s: string): number {
    let pos = 0;
    for (;;) {
      const lt = s.indexOf("<", pos);
      if (lt < 0) return this.inValue ? pos : s.length;
      if (this.inValue && lt > pos) this.text += textOf(s.slice(pos, lt));
      if (lt + 1 >= s.length) return lt;
      const next = s.charCodeAt(lt + 1);
      let end: number;
      if (next === 47 /* / */) end = this.closeTag(s, lt);
      else if (next === 63 /* ? */) end = skipTo(s, lt, "?>");
      else if (next === 33 /* ! */) end = this.markup(s, lt);
      else end = this.openTag(s, lt);
      if (end < 0) return lt;
      pos = end;
    }
  }

  /** Comments are skipped, CDATA is text, a DOCTYPE or entity declaration is refused. */
  private markup(s: string, lt: number): number {
    if (s.length - lt < 4) return -1;
    if (s.startsWith("<!--", lt)) return skipTo(s, lt, "-->");
    // Nine characters tell a CDATA section from a declaration.
    if (s.length - lt < 9) return -1;
    const head = s.slice(lt, lt + 9);
    if (head === "<![CDATA[") {
      const close = s.indexOf("]]>", lt + 9);
      if (close < 0) return -1;
      if (this.inValue) this.text += s.slice(lt + 9, close).replace(/\r\n?/g, "\n");
      return close + 3;
    }
    if (/^<!(DOCTYPE|ENTITY)/i.test(head)) throw new SheetDtdError(head);
    throw new SheetSyntaxError(`unexpected "${head}"`);
  }

  private openTag(s: string, lt: number): number {
    const tag = openTagAt(s, lt);
    if (!tag) return -1;
    if (this.open.length === 0) {
      if (this.seenRoot) throw new SheetSyntaxError(`<${tag.name}> follows the root element`);
      this.seenRoot = true;
    }
    const name = localName(tag.name);
    switch (name) {
      case "row": {
        const r = tag.rStart < 0 ? NaN : Number(attribute(s, tag.rStart, tag.rEnd));
        this.rowNumber = Number.isFinite(r) && r > 0 ? r : this.rowNumber + 1;
        this.row = [];
        this.rowUncalculated = NONE;
        this.rowHidden = tag.hidden;
        this.col = -1;
        break;
      }
      case "c": {
        this.col = tag.rStart >= 0 ? columnAt(s, tag.rStart, tag.rEnd) : this.col + 1;
        this.type = tag.tStart >= 0 ? attribute(s, tag.tStart, tag.tEnd) : "n";
        this.text = "";
        this.formula = false;
        this.valued = false;
        if (tag.selfClosing || tag.name !== "c") break;
        const end = this.plainCell(s, tag.end);
        if (end >= 0) return end;
        break;
      }
      case "v":
        this.inValue = true;
        this.valued = true;
        break;
      case "f":
        this.formula = true;
        break;
      case "is":
        this.inInline++;
        break;
      case "t":
        if (this.inInline > 0 && this.inPhonetic === 0) this.inValue = true;
        break;
      case "rPh":
        this.inPhonetic++;
        break;
    }
    if (tag.selfClosing) this.closed(name);
    else this.open.push(tag.name);
    return tag.end;
  }

  /**
   * Most cells are `<c …><v>text</v></c>`: read in one step from just past the `<c>` tag, with
   * the same text rules, instead of as three more tags. -1 when the cell is anything else (or
   * not complete in `s`), and it is read tag by tag.
   */
  private plainCell(s: string, from: number): number {
    if (!s.startsWith("<v>", from)) return -1;
    const lt = s.indexOf("<", from + 3);
    if (lt < 0 || !s.startsWith("</v></c>", lt)) return -1;
    if (this.col >= 0)
      this.row[this.col] = valueOf(this.type, textOf(s.slice(from + 3, lt)), this.shared);
    return lt + 8;
  }

  private closeTag(s: string, lt: number): number {
    const gt = s.indexOf(">", lt);
    if (gt < 0) return -1;
    const expected = this.open.pop();
    // Compared in place (no string per closing tag): the name, then only spaces up to ">".
    if (expected === undefined || !closes(s, lt + 2, gt, expected)) {
      const name = s.slice(lt + 2, gt).trimEnd();
      throw new SheetSyntaxError(
        expected === undefined ? `</${name}> closes nothing` : `</${name}> closes <${expected}>`
      );
    }
    this.closed(localName(expected));
    return gt + 1;
  }

  private noteUncalculated(): void {
    this.rowUncalculated =
      this.rowUncalculated === NONE ? [this.col] : [...this.rowUncalculated, this.col];
    const u = this.uncalculated;
    if (u.count++ === 0) {
      u.row = this.rowNumber;
      u.col = this.col;
    }
  }

  private closed(name: string): void {
    switch (name) {
      case "v":
      case "t":
        this.inValue = false;
        break;
      case "is":
        this.inInline--;
        break;
      case "rPh":
        this.inPhonetic--;
        break;
      case "c":
        if (this.col >= 0) this.row[this.col] = valueOf(this.type, this.text, this.shared);
        if (this.formula && !this.valued && this.type !== "inlineStr") this.noteUncalculated();
        this.text = "";
        break;
      case "row":
        this.onRow(this.rowNumber, this.row, this.rowUncalculated, this.rowHidden);
        break;
    }
  }
}

/** True when `s[from … gt)` is `name` followed by nothing but spaces. */
function closes(s: string, from: number, gt: number, name: string): boolean {
  if (!s.startsWith(name, from)) return false;
  for (let i = from + name.length; i < gt; i++) if (!isSpace(s.charCodeAt(i))) return false;
  return from + name.length <= gt;
}

/** Index just past the next `close` after `lt`, or -1 when `s` ends first. */
function skipTo(s: string, lt: number, close: string): number {
  const at = s.indexOf(close, lt + 2);
  return at < 0 ? -1 : at + close.length;
}

function valueOf(type: string, text: string, shared: readonly string[]): SheetValue {
  switch (type) {
    case "s":
      return text === "" ? undefined : shared[Number(text)];
    case "inlineStr":
    case "str":
      return unescapeXstring(text);
    case "e":
    case "d":
      return text;
    case "b":
      return text === "1" || text.toLowerCase() === "true";
    default: {
      if (text === "") return undefined;
      const n = Number(text);
      return Number.isFinite(n) ? n : text;
    }
  }
}
