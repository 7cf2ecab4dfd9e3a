/**
 * Port's JQ semantics, exactly as `@port-labs/jq-node-bindings` (lib/jq.js, v0.0.12) applies
 * them around the native jq call, so that both engines (native and WebAssembly) and the
 * preview's combined program share one definition:
 *
 * - single-quoted literals are rewritten to double quotes (Port's own regex, copied verbatim);
 * - `$ENV` and `env` are replaced by `{}` unless `enableEnv`;
 * - only the first result counts (`jq_next` is called once); no result gives `undefined`;
 * - a runtime error gives `null`, or throws `JqExecError` when `throwOnError`;
 *   a compile error throws `JqExecCompileError` (message starting "jq: compile error").
 */

/** Options of Port's `exec`. */
export interface JqExecOptions {
  enableEnv?: boolean;
  throwOnError?: boolean;
}

/** A JQ error, as thrown by Port's engine with `throwOnError`. */
export class JqExecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JqExecError";
  }
}

/** A JQ compile (syntax, undefined function...) error. */
export class JqExecCompileError extends JqExecError {
  constructor(message: string) {
    super(message);
    this.name = "JqExecCompileError";
  }
}

/** Port's rewrite of single-quoted literals (`'and'` -> `"and"`), verbatim from lib/jq.js. */
export function rewriteSingleQuotes(filter: string): string {
  return filter.replace(/(^|\s)'(?!\s|")|(?<!\s|")'(\s|$)/g, "$1\"$2");
}

/** The prefix Port puts before every filter when env access is disabled (its default). */
export const ENV_DISABLED_PREFIX = "def env: {}; {} as $ENV | ";

/** Port's `formatFilter`: the program text its native engine actually compiles. */
export function portFormatFilter(filter: string, { enableEnv = false }: { enableEnv?: boolean } = {}): string {
  const formatted = rewriteSingleQuotes(filter);
  return enableEnv ? formatted : `${ENV_DISABLED_PREFIX}${formatted}`;
}

/**
 * A program that compiles `expr` (after Port's rewrite) without ever running it, so that
 * a compile check cannot loop or fail at run time.
 */
export function compileOnlyProgram(expr: string): string {
  return `${ENV_DISABLED_PREFIX}if false then (\n${rewriteSingleQuotes(expr)}\n) else null end`;
}

/**
 * The outcome of one expression under Port's semantics: its first result (`undefined` when
 * it produced none), or the runtime error Port would turn into `null`.
 */
export type JqOutcome = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * JQ text that evaluates one expression with Port's semantics and encodes the outcome as
 * JSON: `[first]`, `[]` (no result), or `{"e": message}` (runtime error with a string
 * message). jq raises errors with a non-string message as a result-less invalid value, which
 * Port's native glue returns as `undefined`: that is `[]` here too.
 *
 * The expression sits on its own lines so a trailing `# comment` cannot swallow the wrapper.
 * Only use it for expressions that compile on their own (see `jqCompileProblem`), so the
 * wrapper cannot change how the expression parses.
 */
export function outcomeTerm(expr: string, { atMostOneResult = false }: { atMostOneResult?: boolean } = {}): string {
  const body = rewriteSingleQuotes(expr);
  // `limit` costs microseconds per call: skip it when the expression cannot yield twice.
  const inner = atMostOneResult ? `[(\n${body}\n)]` : `[limit(1; (\n${body}\n))]`;
  return `(try ${inner} catch (if type == "string" then {"e": .} else [] end))`;
}

/** Decodes what `outcomeTerm` produced into the same outcome Port's `exec` gives. */
export function decodeOutcome(encoded: unknown): JqOutcome {
  if (Array.isArray(encoded)) return { ok: true, value: encoded.length ? encoded[0] : undefined };
  if (encoded !== null && typeof encoded === "object" && typeof (encoded as { e?: unknown }).e === "string") {
    // The native glue formats runtime errors with snprintf("jq: error: %s") into 4096 bytes.
    return { ok: false, error: `jq: error: ${(encoded as { e: string }).e}`.slice(0, 4095) };
  }
  return { ok: true, value: undefined };
}
