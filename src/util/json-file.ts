import { readFileSync } from "node:fs";
import { lineColumn, scanJson } from "../validation/json-scan";

/** An input problem that names the file and the JSON path at fault. */
export class InputError extends Error {
  constructor(
    /** File the problem is in, relative to the project root where possible. */
    readonly file: string,
    /** JSON path of the offending value, e.g. `$.schema.properties.created.format`. */
    readonly jsonPath: string,
    /** What was expected and what was found. */
    readonly problem: string,
  ) {
    super(`${file}: ${jsonPath}: ${problem}`);
    this.name = "InputError";
  }
}

/** Several input problems reported at once, so a user fixes them in one pass. */
export class InputErrors extends Error {
  constructor(readonly errors: InputError[]) {
    super(errors.map((e) => e.message).join("\n"));
    this.name = "InputErrors";
  }
}

/**
 * Parses a JSON file; a syntax error becomes an InputError with the line and column,
 * since V8's message only gives a character offset.
 */
export function readJsonFile(path: string, displayName = path): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new InputError(displayName, "$", `cannot read file: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (text.trim() === "") throw new InputError(displayName, "$", "invalid JSON (the file is empty)");
    // Node 20's message rarely has a position: src/validation/json-scan.ts finds line and column.
    const found = scanJson(text).syntaxError;
    const position = /position (\d+)/.exec(message);
    const at = found ?? (position ? lineColumn(text, Number(position[1])) : undefined);
    const where = at ? ` at line ${at.line}, column ${at.column}` : "";
    throw new InputError(displayName, "$", `invalid JSON${where}: ${found?.message ?? message.replace(/ in JSON at position \d+.*$/, "")}`);
  }
}

export { pathSegment } from "./json-path";

/** Compact JSON with object keys sorted, the way Go's encoder writes it (no plan drift). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
