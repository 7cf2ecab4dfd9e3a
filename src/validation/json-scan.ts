/**
 * A small JSON scanner for what `JSON.parse` does not say: where a syntax error is (Node 20's
 * message has no position for most errors) and which object keys are duplicated (JSON.parse
 * silently keeps the last one, so a second "email" property would replace the first).
 */
import { pathSegment } from "../util/json-path";

export interface JsonScanResult {
  /** The first syntax error: character offset and what was expected. */
  syntaxError?: { offset: number; line: number; column: number; message: string };
  /** Every key that appears twice in the same object, with the JSON path of the second. */
  duplicateKeys: Array<{ jsonPath: string; line: number; column: number }>;
}

class ScanError extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

/** Line and column (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

/** Scans a JSON text; never throws. */
export function scanJson(text: string): JsonScanResult {
  const duplicateKeys: JsonScanResult["duplicateKeys"] = [];
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const describe = (at: number) => (at >= text.length ? "end of file" : `${JSON.stringify(text[at])}`);
  const fail = (expected: string): never => {
    throw new ScanError(i, `expected ${expected}, found ${describe(i)}`);
  };
  const string = (): string => {
    const start = i;
    i++; // opening quote
    while (i < text.length && text[i] !== '"') {
      if (text[i] === "\\") i++;
      else if (text.charCodeAt(i) < 0x20) throw new ScanError(i, "unescaped control character in string");
      i++;
    }
    if (i >= text.length) throw new ScanError(start, "unterminated string");
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      throw new ScanError(start, "invalid escape in string");
    }
  };
  const value = (path: string): void => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      const seen = new Set<string>();
      ws();
      if (text[i] === "}") return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail("a property name in double quotes");
        const keyAt = i;
        const key = string();
        if (seen.has(key)) duplicateKeys.push({ jsonPath: `${path}${pathSegment(key)}`, ...lineColumn(text, keyAt) });
        seen.add(key);
        ws();
        if (text[i] !== ":") fail('":"');
        i++;
        value(`${path}${pathSegment(key)}`);
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") return void i++;
        fail('"," or "}"');
      }
    }
    if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") return void i++;
      for (let n = 0; ; n++) {
        value(`${path}[${n}]`);
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "]") return void i++;
        fail('"," or "]"');
      }
    }
    if (c === '"') return void string();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (literal) return void (i += literal[0].length);
    fail("a JSON value");
  };
  try {
    value("$");
    ws();
    if (i < text.length) fail("end of file");
    return { duplicateKeys };
  } catch (e) {
    if (!(e instanceof ScanError)) throw e;
    return { syntaxError: { offset: e.offset, ...lineColumn(text, e.offset), message: e.message }, duplicateKeys };
  }
}
