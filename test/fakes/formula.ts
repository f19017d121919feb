/**
 * A small evaluator for the formulas the scorecard writes, so the fake host reads back computed
 * values as Excel would: numbers, "text", TRUE/FALSE, A1 references and ranges on the same sheet,
 * + - * / & and comparisons, and SUM, ROUND, AND, OR, NOT, IF, MIN, MAX. Anything else is #NAME?.
 */

export type Value = number | string | boolean;
type Lookup = (row: number, col: number) => Value;

interface Ref {
  row: number;
  col: number;
}
type Node =
  | { kind: "value"; value: Value }
  | { kind: "ref"; ref: Ref }
  | { kind: "range"; from: Ref; to: Ref }
  | { kind: "unary"; op: string; arg: Node }
  | { kind: "binary"; op: string; left: Node; right: Node }
  | { kind: "call"; name: string; args: Node[] };

function ref(text: string): Ref {
  const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(text);
  if (!m) throw new Error(`bad reference ${text}`);
  const col =
    (m[1] ?? "A")
      .toUpperCase()
      .split("")
      .reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { row: Number(m[2]) - 1, col };
}

function tokenize(formula: string): string[] {
  const tokens: string[] = [];
  const re =
    /\s*("(?:[^"]|"")*"|\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?|[A-Z][A-Z0-9.]*(?=\()|TRUE|FALSE|\d+(?:\.\d+)?|<>|<=|>=|[-+*/&=<>(),])/giy;
  let m: RegExpExecArray | null;
  let at = 0;
  while (at < formula.length && (m = re.exec(formula)) !== null) {
    tokens.push((m[1] ?? "").trim());
    at = re.lastIndex;
  }
  if (formula.slice(at).trim() !== "")
    throw new Error(`cannot read formula at "${formula.slice(at)}"`);
  return tokens;
}

function parse(formula: string): Node {
  const tokens = tokenize(formula.replace(/^=/, ""));
  let i = 0;
  const peek = (): string | undefined => tokens[i];
  const take = (): string => tokens[i++] ?? "";
  const LEVELS = [["=", "<>", "<", ">", "<=", ">="], ["&"], ["+", "-"], ["*", "/"]];
  const binary = (level: number): Node => {
    if (level === LEVELS.length) return unary();
    let left = binary(level + 1);
    while (LEVELS[level]?.includes(peek() ?? "")) {
      const op = take();
      left = { kind: "binary", op, left, right: binary(level + 1) };
    }
    return left;
  };
  const unary = (): Node =>
    peek() === "-" || peek() === "+" ? { kind: "unary", op: take(), arg: unary() } : primary();
  const primary = (): Node => {
    const t = take();
    if (t === "(") {
      const inner = binary(0);
      take();
      return inner;
    }
    if (t.startsWith('"')) return { kind: "value", value: t.slice(1, -1).replace(/""/g, '"') };
    if (/^\d/.test(t)) return { kind: "value", value: Number(t) };
    if (/^(TRUE|FALSE)$/i.test(t)) return { kind: "value", value: t.toUpperCase() === "TRUE" };
    if (peek() === "(") {
      take();
      const args: Node[] = [];
      while (peek() !== ")") {
        args.push(binary(0));
        if (peek() === ",") take();
      }
      take();
      return { kind: "call", name: t.toUpperCase(), args };
    }
    if (t.includes(":")) {
      const [a, b] = t.split(":");
      return { kind: "range", from: ref(a ?? ""), to: ref(b ?? "") };
    }
    return { kind: "ref", ref: ref(t) };
  };
  const node = binary(0);
  if (i !== tokens.length) throw new Error(`unexpected ${tokens[i]}`);
  return node;
}

const num = (v: Value): number =>
  typeof v === "number" ? v : typeof v === "boolean" ? Number(v) : v === "" ? 0 : Number(v);

function compare(op: string, a: Value, b: Value): boolean {
  const x = typeof a === "string" && typeof b === "string" ? a.toLowerCase() : num(a);
  const y = typeof a === "string" && typeof b === "string" ? b.toLowerCase() : num(b);
  switch (op) {
    case "=":
      return x === y;
    case "<>":
      return x !== y;
    case "<":
      return x < y;
    case ">":
      return x > y;
    case "<=":
      return x <= y;
    default:
      return x >= y;
  }
}

function evaluateNode(node: Node, lookup: Lookup): Value | Value[] {
  switch (node.kind) {
    case "value":
      return node.value;
    case "ref":
      return lookup(node.ref.row, node.ref.col);
    case "range": {
      const out: Value[] = [];
      for (let r = node.from.row; r <= node.to.row; r++)
        for (let c = node.from.col; c <= node.to.col; c++) out.push(lookup(r, c));
      return out;
    }
    case "unary": {
      const v = num(evaluateNode(node.arg, lookup) as Value);
      return node.op === "-" ? -v : v;
    }
    case "binary": {
      const a = evaluateNode(node.left, lookup) as Value;
      const b = evaluateNode(node.right, lookup) as Value;
      if (node.op === "&") return `${a}${b}`;
      if (["+", "-", "*", "/"].includes(node.op)) {
        const [x, y] = [num(a), num(b)];
        return node.op === "+" ? x + y : node.op === "-" ? x - y : node.op === "*" ? x * y : x / y;
      }
      return compare(node.op, a, b);
    }
    case "call": {
      const args = node.args.map((a) => evaluateNode(a, lookup));
      const flat = (): Value[] => args.flatMap((a) => (Array.isArray(a) ? a : [a]));
      switch (node.name) {
        case "SUM":
          return flat().reduce<number>((s, v) => s + (typeof v === "number" ? v : 0), 0);
        case "MIN":
          return Math.min(...flat().filter((v): v is number => typeof v === "number"));
        case "MAX":
          return Math.max(...flat().filter((v): v is number => typeof v === "number"));
        case "ROUND": {
          const digits = num(args[1] as Value);
          const f = 10 ** digits;
          return Math.round(num(args[0] as Value) * f) / f;
        }
        case "AND":
          return flat().every((v) => Boolean(v));
        case "OR":
          return flat().some((v) => Boolean(v));
        case "NOT":
          return !args[0];
        case "IF":
          return (args[0] ? args[1] : args[2]) as Value;
        default:
          return "#NAME?";
      }
    }
  }
}

/** Evaluates a formula (with or without its `=`) against the sheet's cells. */
export function evaluate(formula: string, lookup: Lookup): Value {
  try {
    const v = evaluateNode(parse(formula), lookup);
    return Array.isArray(v) ? (v[0] ?? "") : v;
  } catch {
    return "#VALUE!";
  }
}
