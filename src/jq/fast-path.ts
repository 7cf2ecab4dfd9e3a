/**
 * A JavaScript fast path for a SUBSET of jq, with the exact semantics of Port's engine
 * (`@port-labs/jq-node-bindings`, Port's jq 1.6 fork, after Port's single-quote rewrite,
 * first result only, runtime errors as `jq: error: <message>`).
 *
 * `compileFastPath(expr)` tokenizes and parses the expression (precedence climbing, as
 * jq's grammar binds: `|` < `,` < `//` < `or` < `and` < `==` `!=` < `+` < postfix) into an
 * AST and compiles it to closures. Anything outside the subset is REFUSED (undefined), so
 * the caller evaluates that expression with Port's engine; nothing is approximated.
 *
 * The subset: `.`, `.a`, `."a"`, `.["a"]`, `.[n]` / `.[-n]` (integer literals), postfix
 * chains on any term, `|`, `//`, `+`, `==`, `!=`, `and`, `or`, `if ... then ... (elif ...)
 * else ... end`, `( )`, string / number / true / false / null literals, `-` before a number
 * literal, `# comments`, and the builtins `not`, `length`, `first`, `last`, `tostring`,
 * `ascii_downcase`, `split("lit")`, `has("lit")` / `has(int)`, `IN(lit, lit, ...)`.
 * Every expression of the subset yields exactly one value or raises one error.
 *
 * Where the exact outcome depends on something the fast path does not model (an error
 * message that dumps a value jq would format differently, a number overflowing to
 * infinity), evaluation throws `FastPathBail`: the caller must evaluate the record with
 * Port's engine. Inputs must be what jq sees (see `jqCleanText`): finite numbers other than
 * -0, well-formed strings without NUL, nesting well under jq's parser depth limit.
 *
 * The differential tests (__tests__/jq/fast-path.test.ts) prove it equal to Port's native
 * engine on every expression the kit ships and on a table of operator edge cases.
 */
import { JqOutcome, rewriteSingleQuotes } from "./port-semantics";

/** The fast path cannot be sure of the exact outcome: evaluate with Port's engine instead. */
export class FastPathBail extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "FastPathBail";
  }
}

/** A jq runtime error raised by the fast path, with jq's exact message. */
class JqRuntimeError {
  constructor(readonly message: string) {}
}

type Fn = (input: unknown) => unknown;

/** A compiled expression: Port's outcome of one `exec` (throws FastPathBail when unsure). */
export interface FastExpression {
  readonly expr: string;
  run(input: unknown): JqOutcome;
  /** The value Port's exec returns (`null` for a runtime error); throws FastPathBail. */
  value(input: unknown): unknown;
}

// ---------------------------------------------------------------------------------------
// Tokenizer (jq 1.6's lexer, restricted: any other token refuses the expression)

type Token =
  | { t: "field"; name: string } // .name
  | { t: "dot" } // .
  | { t: "num"; value: number }
  | { t: "str"; value: string }
  | { t: "ident"; name: string }
  | { t: "op"; op: "|" | "," | "//" | "+" | "-" | "==" | "!=" | "(" | ")" | "[" | "]" | "{" | "}" | ":" }
  | { t: "eof" };

class Refuse extends Error {}

const IDENT_START = /[A-Za-z_]/;
const IDENT_CHAR = /[A-Za-z_0-9]/;
// jq 1.6 keywords: a name among these is never a builtin call.
const KEYWORDS = new Set(["if", "then", "elif", "else", "end", "and", "or", "as", "def", "reduce", "foreach", "try", "catch", "label", "import", "include", "__loc__"]);
const NUMBER = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/;
const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === " " || c === "\t" || c === "\n") {
      i++;
      continue;
    }
    if (c === "#") {
      while (i < src.length && src[i] !== "\n") i++;
      continue;
    }
    if (c === ".") {
      const d = src[i + 1];
      if (d !== undefined && IDENT_START.test(d)) {
        let j = i + 2;
        while (j < src.length && IDENT_CHAR.test(src[j])) j++;
        if (src.startsWith("::", j)) throw new Refuse("module path");
        out.push({ t: "field", name: src.slice(i + 1, j) });
        i = j;
        continue;
      }
      if (d === ".") throw new Refuse("..");
      if (d === undefined || !/[0-9]/.test(d)) {
        out.push({ t: "dot" });
        i++;
        continue;
      }
      // `.5` is a number: fall through
    }
    if (/[0-9.]/.test(c)) {
      const m = NUMBER.exec(src.slice(i));
      if (!m) throw new Refuse("number");
      const value = Number(m[0]);
      if (!Number.isFinite(value)) throw new Refuse("non-finite number literal");
      out.push({ t: "num", value });
      i += m[0].length;
      continue;
    }
    if (c === '"') {
      let s = "";
      let j = i + 1;
      for (;;) {
        if (j >= src.length) throw new Refuse("unterminated string");
        const ch = src[j];
        if (ch === '"') break;
        if (ch === "\\") {
          const e = src[j + 1];
          if (e === "u") {
            const hex = src.slice(j + 2, j + 6);
            if (!/^[0-9A-Fa-f]{4}$/.test(hex)) throw new Refuse("\\u escape");
            const code = parseInt(hex, 16);
            // NUL and surrogates: jq's handling differs from JavaScript's; refuse.
            if (code === 0 || (code >= 0xd800 && code <= 0xdfff)) throw new Refuse("\\u escape");
            s += String.fromCharCode(code);
            j += 6;
            continue;
          }
          if (e === undefined || !(e in SIMPLE_ESCAPES)) throw new Refuse("escape or interpolation"); // includes \(
          s += SIMPLE_ESCAPES[e];
          j += 2;
          continue;
        }
        s += ch;
        j++;
      }
      out.push({ t: "str", value: s });
      i = j + 1;
      continue;
    }
    if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < src.length && IDENT_CHAR.test(src[j])) j++;
      if (src.startsWith("::", j)) throw new Refuse("module path");
      out.push({ t: "ident", name: src.slice(i, j) });
      i = j;
      continue;
    }
    const two = src.slice(i, i + 3);
    if (two.startsWith("//")) {
      if (two === "//=") throw new Refuse("//=");
      out.push({ t: "op", op: "//" });
      i += 2;
      continue;
    }
    if (two.startsWith("==") || two.startsWith("!=")) {
      out.push({ t: "op", op: two.slice(0, 2) as "==" | "!=" });
      i += 2;
      continue;
    }
    if (c === "|" || c === "+" || c === "-") {
      if (src[i + 1] === "=") throw new Refuse(`${c}=`);
      out.push({ t: "op", op: c });
      i++;
      continue;
    }
    if (c === "," || c === "(" || c === ")" || c === "[" || c === "]" || c === "{" || c === "}" || c === ":") {
      out.push({ t: "op", op: c });
      i++;
      continue;
    }
    throw new Refuse(`character ${JSON.stringify(c)}`);
  }
  out.push({ t: "eof" });
  return out;
}

// ---------------------------------------------------------------------------------------
// Parser to an AST

type Literal = null | boolean | number | string | Literal[] | { [key: string]: Literal };

type Node =
  | { k: "identity" }
  | { k: "lit"; value: Literal }
  | { k: "field"; of: Node; key: string }
  | { k: "index"; of: Node; index: number }
  | { k: "pipe"; left: Node; right: Node }
  | { k: "alt"; left: Node; right: Node }
  | { k: "and" | "or"; left: Node; right: Node }
  | { k: "eq" | "neq" | "plus"; left: Node; right: Node }
  | { k: "if"; branches: { cond: Node; then: Node }[]; else: Node }
  | { k: "call0"; name: "not" | "length" | "first" | "last" | "tostring" | "ascii_downcase" }
  | { k: "split"; sep: string }
  | { k: "has"; key: string | number }
  | { k: "in"; values: Literal[] };

const BUILTINS0 = new Set(["not", "length", "first", "last", "tostring", "ascii_downcase"]);
const INT_MAX = 2147483647;

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.pos];
  }
  private next(): Token {
    return this.tokens[this.pos++];
  }
  private isOp(op: string): boolean {
    const t = this.peek();
    return t.t === "op" && t.op === op;
  }
  private isWord(name: string): boolean {
    const t = this.peek();
    return t.t === "ident" && t.name === name;
  }
  private expectOp(op: string): void {
    if (!this.isOp(op)) throw new Refuse(`expected ${op}`);
    this.pos++;
  }
  private expectWord(name: string): void {
    if (!this.isWord(name)) throw new Refuse(`expected ${name}`);
    this.pos++;
  }

  parseProgram(): Node {
    const n = this.pipe();
    if (this.peek().t !== "eof") throw new Refuse("trailing tokens");
    return n;
  }

  // `|`: right-associative, lowest.
  private pipe(): Node {
    const left = this.comma();
    if (this.isOp("|")) {
      this.pos++;
      return { k: "pipe", left, right: this.pipe() };
    }
    return left;
  }

  // `,` yields several results: refused (IN's argument list is parsed on its own).
  private comma(): Node {
    const n = this.alt();
    if (this.isOp(",")) throw new Refuse(",");
    return n;
  }

  // `//`: right-associative.
  private alt(): Node {
    const left = this.or();
    if (this.isOp("//")) {
      this.pos++;
      return { k: "alt", left, right: this.alt() };
    }
    return left;
  }

  private or(): Node {
    let left = this.and();
    while (this.isWord("or")) {
      this.pos++;
      left = { k: "or", left, right: this.and() };
    }
    return left;
  }

  private and(): Node {
    let left = this.compare();
    while (this.isWord("and")) {
      this.pos++;
      left = { k: "and", left, right: this.compare() };
    }
    return left;
  }

  // `==` / `!=`: non-associative (`a == b == c` is a jq syntax error).
  private compare(): Node {
    const left = this.additive();
    if (this.isOp("==") || this.isOp("!=")) {
      const op = (this.next() as { op: string }).op;
      const right = this.additive();
      if (this.isOp("==") || this.isOp("!=")) throw new Refuse("chained comparison");
      return { k: op === "==" ? "eq" : "neq", left, right };
    }
    return left;
  }

  private additive(): Node {
    let left = this.unary();
    for (;;) {
      if (this.isOp("+")) {
        this.pos++;
        left = { k: "plus", left, right: this.unary() };
      } else if (this.isOp("-")) throw new Refuse("binary -");
      else return left;
    }
  }

  // Unary minus, on a number literal only (`.[-1]`, `-2`).
  private unary(): Node {
    if (this.isOp("-")) {
      this.pos++;
      const t = this.next();
      if (t.t !== "num" || t.value === 0) throw new Refuse("unary - on something else than a non-zero number literal");
      if (this.startsPostfix()) throw new Refuse("postfix after a negated literal");
      return { k: "lit", value: -t.value };
    }
    return this.postfix();
  }

  private startsPostfix(): boolean {
    const t = this.peek();
    return t.t === "field" || t.t === "dot" || (t.t === "op" && t.op === "[");
  }

  private postfix(): Node {
    if (this.isWord("if")) {
      // In jq 1.6 `if` is not a Term: nothing may follow `end` as a postfix.
      const n = this.ifExpr();
      if (this.startsPostfix()) throw new Refuse("postfix after end");
      return n;
    }
    let n = this.term();
    for (;;) {
      const t = this.peek();
      if (t.t === "field") {
        this.pos++;
        n = { k: "field", of: n, key: t.name };
      } else if (t.t === "dot") {
        // Term '.' String
        this.pos++;
        const s = this.next();
        if (s.t !== "str") throw new Refuse(". not followed by a string");
        n = { k: "field", of: n, key: s.value };
      } else if (t.t === "op" && t.op === "[") {
        this.pos++;
        n = this.bracket(n);
      } else return n;
    }
  }

  // `[ "key" ]` or `[ integer ]` after a term; anything else (iterators, slices, computed
  // indices) is refused.
  private bracket(of: Node): Node {
    let sign = 1;
    if (this.isOp("-")) {
      this.pos++;
      sign = -1;
    }
    const t = this.next();
    this.expectOp("]");
    if (t.t === "str" && sign === 1) return { k: "field", of, key: t.value };
    if (t.t === "num" && Number.isInteger(t.value) && t.value <= INT_MAX) return { k: "index", of, index: sign * t.value };
    throw new Refuse("index");
  }

  private ifExpr(): Node {
    this.expectWord("if");
    const branches: { cond: Node; then: Node }[] = [];
    const cond = this.pipe();
    this.expectWord("then");
    branches.push({ cond, then: this.pipe() });
    for (;;) {
      if (this.isWord("elif")) {
        this.pos++;
        const c = this.pipe();
        this.expectWord("then");
        branches.push({ cond: c, then: this.pipe() });
        continue;
      }
      // jq 1.6 has no `if` without `else`.
      this.expectWord("else");
      const otherwise = this.pipe();
      this.expectWord("end");
      return { k: "if", branches, else: otherwise };
    }
  }

  /** `[lit, ...]` / `{"key": lit, ...}` after its opening bracket: a constant. */
  private constant(open: "[" | "{"): Literal {
    const close = open === "[" ? "]" : "}";
    const items: Literal[] = [];
    const obj: { [key: string]: Literal } = {};
    if (this.isOp(close)) {
      this.pos++;
      return open === "[" ? items : obj;
    }
    for (;;) {
      if (open === "[") items.push(this.literalArg());
      else {
        const k = this.next();
        // Identifier keys, computed keys and duplicates: refused.
        if (k.t !== "str" || k.value === "__proto__" || hasOwn.call(obj, k.value)) throw new Refuse("object key");
        this.expectOp(":");
        obj[k.value] = this.literalArg();
      }
      if (this.isOp(",")) {
        this.pos++;
        continue;
      }
      this.expectOp(close);
      return open === "[" ? items : obj;
    }
  }

  private literalArg(): Literal {
    const t = this.next();
    if (t.t === "str" || t.t === "num") return t.value;
    if (t.t === "op" && (t.op === "[" || t.op === "{")) return this.constant(t.op);
    if (t.t === "ident" && (t.name === "true" || t.name === "false" || t.name === "null")) return t.name === "null" ? null : t.name === "true";
    if (t.t === "op" && t.op === "-") {
      const n = this.next();
      if (n.t === "num" && n.value !== 0) return -n.value;
    }
    throw new Refuse("argument is not a literal");
  }

  private term(): Node {
    const t = this.next();
    switch (t.t) {
      case "dot": {
        // '.' String: `."key"`
        const s = this.peek();
        if (s.t === "str") {
          this.pos++;
          return { k: "field", of: { k: "identity" }, key: s.value };
        }
        return { k: "identity" };
      }
      case "field":
        return { k: "field", of: { k: "identity" }, key: t.name };
      case "num":
      case "str":
        return { k: "lit", value: t.value };
      case "op":
        if (t.op === "(") {
          const n = this.pipe();
          this.expectOp(")");
          return n;
        }
        // Constant arrays and objects (literals inside only).
        if (t.op === "[" || t.op === "{") return { k: "lit", value: this.constant(t.op) };
        throw new Refuse(`unexpected ${t.op}`);
      case "ident": {
        if (KEYWORDS.has(t.name)) throw new Refuse(`keyword ${t.name}`);
        if (t.name === "true" || t.name === "false") return { k: "lit", value: t.name === "true" };
        if (t.name === "null") return { k: "lit", value: null };
        const hasArgs = this.isOp("(");
        if (!hasArgs) {
          if (BUILTINS0.has(t.name)) return { k: "call0", name: t.name as "not" };
          throw new Refuse(`builtin ${t.name}/0`);
        }
        this.pos++;
        if (t.name === "split") {
          const sep = this.next();
          if (sep.t !== "str") throw new Refuse("split argument");
          this.expectOp(")");
          return { k: "split", sep: sep.value };
        }
        if (t.name === "has") {
          const key = this.literalArg();
          this.expectOp(")");
          if (typeof key === "string" || (typeof key === "number" && Number.isInteger(key) && Math.abs(key) <= INT_MAX)) return { k: "has", key };
          throw new Refuse("has argument");
        }
        if (t.name === "IN") {
          const values = [this.literalArg()];
          while (this.isOp(",")) {
            this.pos++;
            values.push(this.literalArg());
          }
          this.expectOp(")");
          return { k: "in", values };
        }
        throw new Refuse(`builtin ${t.name}/1`);
      }
      default:
        throw new Refuse("unexpected end");
    }
  }
}

// ---------------------------------------------------------------------------------------
// jq values in JavaScript

type Kind = "null" | "boolean" | "number" | "string" | "array" | "object";

function kindOf(v: unknown): Kind {
  if (v === null) return "null";
  switch (typeof v) {
    case "boolean":
      return "boolean";
    case "number":
      return "number";
    case "string":
      return "string";
    default:
      return Array.isArray(v) ? "array" : "object";
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const truthy = (v: unknown): boolean => v !== null && v !== false;
const hasOwn = Object.prototype.hasOwnProperty;

/** jq's `==` (jv_equal): same kind and equal value; objects regardless of key order. */
export function jqEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jqEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!hasOwn.call(b, k) || !jqEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** jq's dump of a value (`tojson`), where the fast path knows it exactly; else bails. */
function dump(v: unknown): string {
  switch (kindOf(v)) {
    case "null":
      return "null";
    case "boolean":
      return v ? "true" : "false";
    case "number": {
      const n = v as number;
      // jq prints 1e16 as 1e+16 and has its own shortest-digits format: integers only.
      if (Number.isInteger(n) && Math.abs(n) < 1e15 && !Object.is(n, -0)) return String(n);
      throw new FastPathBail("number formatting");
    }
    case "string":
      // jq escapes DEL in some dumps and not in others: not modelled.
      if ((v as string).includes("\x7f")) throw new FastPathBail("DEL in a dumped string");
      return JSON.stringify(v);
    case "array":
      return `[${(v as unknown[]).map(dump).join(",")}]`;
    default:
      return `{${Object.entries(v as Record<string, unknown>)
        .map(([k, x]) => `${dump(k)}:${dump(x)}`)
        .join(",")}}`;
  }
}

/** jv_dump_string_trunc with jq's 15-byte buffer (14 bytes, "..." when cut). */
function dumpTrunc(v: unknown): string {
  const d = dump(v);
  const bytes = Buffer.from(d, "utf8");
  if (bytes.length <= 14) return d;
  // Cut inside a multi-byte character: jq's message holds a broken sequence.
  if ((bytes[11] & 0xc0) === 0x80) throw new FastPathBail("truncated multi-byte character in an error message");
  return `${bytes.subarray(0, 11).toString("utf8")}...`;
}

function indexError(t: unknown, key: string): JqRuntimeError {
  return new JqRuntimeError(Buffer.byteLength(key, "utf8") < 30 ? `Cannot index ${kindOf(t)} with string "${key}"` : `Cannot index ${kindOf(t)} with string`);
}

/** The index a node takes of its input (`.[n]`, `first`, `last`), if that is all it does. */
function indexOfInput(n: Node): number | undefined {
  if (n.k === "index" && n.of.k === "identity") return n.index;
  if (n.k === "call0" && (n.name === "first" || n.name === "last")) return n.name === "first" ? 0 : -1;
  return undefined;
}

/**
 * `split(sep) | .[n]` (and `| last`, `| first`), optionally followed by `| rest`, without
 * building the array: the n-th piece by the same left-to-right scan as split. `last` only
 * for one-character separators (a longer one could overlap itself, where a backward scan
 * would not find split's pieces).
 */
function fuseSplitIndex(n: Node & { k: "pipe" }): Fn | undefined {
  if (n.left.k !== "split" || n.left.sep === "") return undefined;
  const sep = n.left.sep;
  const head = n.right.k === "pipe" ? n.right.left : n.right;
  const index = indexOfInput(head);
  if (index === undefined || (index < 0 && !(index === -1 && sep.length === 1))) return undefined;
  const rest = n.right.k === "pipe" ? compileNode(n.right.right) : undefined;
  const piece = (x: unknown): unknown => {
    if (typeof x !== "string") throw new JqRuntimeError("split input and separator must be strings");
    if (x === "") return null;
    if (index === -1) {
      const p = x.lastIndexOf(sep);
      return p < 0 ? x : x.slice(p + 1);
    }
    let start = 0;
    for (let k = 0; k < index; k++) {
      const p = x.indexOf(sep, start);
      if (p < 0) return null;
      start = p + sep.length;
    }
    const end = x.indexOf(sep, start);
    return end < 0 ? x.slice(start) : x.slice(start, end);
  };
  return rest ? (x) => rest(piece(x)) : piece;
}

function jqSplit(s: string, sep: string): string[] {
  if (sep === "") return Array.from(s);
  if (s === "") return [];
  return s.split(sep);
}

function codepoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

// ---------------------------------------------------------------------------------------
// AST to closures

function compileNode(n: Node): Fn {
  switch (n.k) {
    case "identity":
      return (x) => x;
    case "lit": {
      const v = n.value;
      return () => v;
    }
    case "field": {
      const of = compileNode(n.of);
      const key = n.key;
      // Names JavaScript objects inherit (`constructor`, `__proto__`...) need an own-property check.
      const inherited = key in Object.prototype;
      return (x) => {
        const t = of(x);
        if (isObject(t)) {
          if (inherited) return hasOwn.call(t, key) ? t[key] : null;
          const v = t[key];
          return v === undefined ? null : v;
        }
        if (t === null) return null;
        throw indexError(t, key);
      };
    }
    case "index": {
      const of = compileNode(n.of);
      const index = n.index;
      return (x) => {
        const t = of(x);
        if (Array.isArray(t)) {
          const i = index < 0 ? index + t.length : index;
          return i >= 0 && i < t.length ? t[i] : null;
        }
        if (t === null) return null;
        throw new JqRuntimeError(`Cannot index ${kindOf(t)} with number`);
      };
    }
    case "pipe": {
      const fused = fuseSplitIndex(n);
      if (fused) return fused;
      const left = compileNode(n.left);
      const right = compileNode(n.right);
      return (x) => right(left(x));
    }
    case "alt": {
      // Port's jq 1.6: an error on the left propagates; a false/null left gives the right.
      const left = compileNode(n.left);
      const right = compileNode(n.right);
      return (x) => {
        const v = left(x);
        return truthy(v) ? v : right(x);
      };
    }
    case "and": {
      const left = compileNode(n.left);
      const right = compileNode(n.right);
      return (x) => truthy(left(x)) && truthy(right(x));
    }
    case "or": {
      const left = compileNode(n.left);
      const right = compileNode(n.right);
      return (x) => truthy(left(x)) || truthy(right(x));
    }
    // Binary operators are jq cfunction calls: the right operand is evaluated first (its
    // error wins when both fail).
    case "eq":
    case "neq": {
      const left = compileNode(n.left);
      const right = compileNode(n.right);
      const negate = n.k === "neq";
      return (x) => {
        const b = right(x);
        const a = left(x);
        return jqEqual(a, b) !== negate;
      };
    }
    case "plus": {
      const left = compileNode(n.left);
      const right = compileNode(n.right);
      return (x) => {
        const b = right(x);
        const a = left(x);
        if (a === null) return b;
        if (b === null) return a;
        const ka = kindOf(a);
        const kb = kindOf(b);
        if (ka === kb) {
          if (ka === "string") return (a as string) + (b as string);
          if (ka === "number") {
            const r = (a as number) + (b as number);
            if (!Number.isFinite(r) || Object.is(r, -0)) throw new FastPathBail("number overflow");
            return r;
          }
          if (ka === "array") return (a as unknown[]).concat(b as unknown[]);
          if (ka === "object") return { ...(a as object), ...(b as object) };
        }
        throw new JqRuntimeError(`${ka} (${dumpTrunc(a)}) and ${kb} (${dumpTrunc(b)}) cannot be added`);
      };
    }
    case "if": {
      const branches = n.branches.map((b) => ({ cond: compileNode(b.cond), then: compileNode(b.then) }));
      const otherwise = compileNode(n.else);
      return (x) => {
        for (const b of branches) if (truthy(b.cond(x))) return b.then(x);
        return otherwise(x);
      };
    }
    case "call0":
      switch (n.name) {
        case "not":
          return (x) => !truthy(x);
        case "first":
        case "last": {
          const index = n.name === "first" ? 0 : -1;
          return compileNode({ k: "index", of: { k: "identity" }, index });
        }
        case "length":
          return (x) => {
            if (x === null) return 0;
            if (typeof x === "string") return codepoints(x);
            if (typeof x === "number") return Math.abs(x);
            if (typeof x === "boolean") throw new JqRuntimeError(`boolean (${x}) has no length`);
            return Array.isArray(x) ? x.length : Object.keys(x as object).length;
          };
        case "tostring":
          return (x) => (typeof x === "string" ? x : dump(x));
        case "ascii_downcase":
          return (x) => {
            if (typeof x !== "string") throw new JqRuntimeError("explode input must be a string");
            // Port's native glue returns uninitialised memory for `"" | ascii_downcase`
            // (implode of []): only Port's engine can give Port's answer.
            if (x === "") throw new FastPathBail('"" | ascii_downcase');
            return x.replace(/[A-Z]+/g, (m) => m.toLowerCase());
          };
      }
      break;
    case "split": {
      const sep = n.sep;
      return (x) => {
        if (typeof x !== "string") throw new JqRuntimeError("split input and separator must be strings");
        return jqSplit(x, sep);
      };
    }
    case "has": {
      const key = n.key;
      const keyKind = typeof key === "string" ? "string" : "number";
      return (x) => {
        if (x === null) return false;
        if (typeof key === "string" && isObject(x)) return hasOwn.call(x, key);
        if (typeof key === "number" && Array.isArray(x)) return key >= 0 && key < x.length;
        throw new JqRuntimeError(`Cannot check whether ${kindOf(x)} has a ${keyKind} key`);
      };
    }
    case "in": {
      const values = n.values;
      return (x) => {
        for (const v of values) if (jqEqual(v, x)) return true;
        return false;
      };
    }
  }
  throw new Refuse("unknown node");
}

/**
 * Compiles `expr` (as written in a mapping: Port's single-quote rewrite is applied here) on
 * the fast path, or returns undefined when it is outside the subset.
 */
export function compileFastPath(expr: string): FastExpression | undefined {
  const src = rewriteSingleQuotes(expr);
  // NUL, lone surrogates, CR and other control characters: jq reads them differently.
  if (/[\0\r\v\f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(src)) return undefined;
  let fn: Fn;
  try {
    fn = compileNode(new Parser(tokenize(src)).parseProgram());
  } catch (err) {
    if (err instanceof Refuse) return undefined;
    throw err;
  }
  return {
    expr,
    run(input) {
      try {
        return { ok: true, value: fn(input) };
      } catch (err) {
        if (err instanceof JqRuntimeError) return { ok: false, error: `jq: error: ${err.message}`.slice(0, 4095) };
        throw err;
      }
    },
    value(input) {
      try {
        return fn(input);
      } catch (err) {
        if (err instanceof JqRuntimeError) return null;
        throw err;
      }
    },
  };
}

/** Why `compileFastPath(expr)` refuses `expr`, or undefined when it compiles (for reports and tests). */
export function fastPathRefusal(expr: string): string | undefined {
  const src = rewriteSingleQuotes(expr);
  try {
    compileNode(new Parser(tokenize(src)).parseProgram());
  } catch (err) {
    if (err instanceof Refuse) return err.message;
    throw err;
  }
  return compileFastPath(expr) ? undefined : "control character or lone surrogate";
}

/**
 * True when the JSON text of a record is safe for the fast path: jq would see exactly the
 * JavaScript values `JSON.parse` gives. One pass over the text, tracking strings; false
 * (Port's engine decides) for numbers with an exponent or 300+ digits (overflow, underflow),
 * negative zero, `\u` escapes of NUL or surrogates (jq replaces lone surrogates, and Port's
 * glue cuts strings at NUL), and nesting deeper than 200 (jq's parser stops at 256).
 */
export function jqCleanText(text: string): boolean {
  let depth = 0;
  const n = text.length;
  // Strings are skipped with indexOf; only their \u escapes matter.
  let backslash = text.indexOf("\\");
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    if (c === 0x22) {
      let close = text.indexOf('"', i + 1);
      while (backslash !== -1 && backslash < close) {
        if (text.charCodeAt(backslash + 1) === 0x75 && !cleanUnicodeEscape(text, backslash + 2)) return false;
        // An escaped quote does not close the string.
        if (backslash + 1 === close) close = text.indexOf('"', close + 1);
        backslash = text.indexOf("\\", backslash + 2);
      }
      if (close === -1) return false; // not JSON
      i = close;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      if (++depth > 200) return false;
      continue;
    }
    if (c === 0x7d || c === 0x5d) {
      depth--;
      continue;
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      // A number: [-]digits[.digits][(e|E)...]
      const negative = c === 0x2d;
      if (negative) i++;
      let digits = 0;
      let nonZero = false;
      for (; i < n; i++) {
        c = text.charCodeAt(i);
        if (c >= 0x30 && c <= 0x39) {
          digits++;
          if (c !== 0x30) nonZero = true;
        } else if (c !== 0x2e) break;
      }
      if (c === 0x65 || c === 0x45 || digits >= 300 || (negative && !nonZero)) return false;
      i--;
    }
  }
  return true;
}

/** False for `\u0000` and `\uD800`-`\uDFFF` (the hex digits start at `at`). */
function cleanUnicodeEscape(text: string, at: number): boolean {
  const a = text.charCodeAt(at);
  if (a === 0x64 || a === 0x44) {
    const b = text.charCodeAt(at + 1);
    return !((b >= 0x38 && b <= 0x39) || (b >= 0x61 && b <= 0x66) || (b >= 0x41 && b <= 0x46));
  }
  return text.slice(at, at + 4) !== "0000";
}
