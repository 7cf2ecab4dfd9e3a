/**
 * The JQ engine the kit evaluates Port mappings with.
 *
 * - `native`: Port's own engine, `@port-labs/jq-node-bindings` (an optional dependency: it
 *   compiles jq with autoconf/automake/libtool at install time and may be absent).
 * - `wasm`: a WebAssembly build of jq (`jq-web`), used when the native build is missing, with
 *   Port's rewrite and semantics applied by `port-semantics.ts`. It runs jq 1.7 where the
 *   native engine runs Port's jq 1.6 fork: a few builtins differ (e.g. `pick`, `abs` exist
 *   only in 1.7, `limit(0; f)` differs); the differential tests cover every expression the
 *   kit ships.
 */
import { spawnSync } from "node:child_process";
import { dirname } from "node:path";
import { compileFastPath } from "./fast-path";
import {
  compileOnlyProgram,
  JqExecCompileError,
  JqExecError,
  JqExecOptions,
  portFormatFilter,
  rewriteSingleQuotes,
} from "./port-semantics";

export type JqEngineName = "native" | "wasm";

export interface JqEngine {
  readonly name: JqEngineName;
  /** Port's `exec(object, filter, options)`, with its semantics (see port-semantics.ts). */
  exec(input: unknown, filter: string, options?: JqExecOptions): unknown;
  /**
   * Runs a complete program (no rewrite, no env prefix added) on a JSON text and returns
   * its first result (`undefined` when none). Throws JqExecCompileError / JqExecError.
   */
  runProgram(inputJson: string, program: string): unknown;
  /** Why `expr` does not compile under Port's rewrite, or undefined when it does. */
  compileProblem(expr: string): string | undefined;
}

interface NativeBinding {
  exec(json: string, filter: string): { value?: unknown } | null;
}

interface PortJqModule {
  exec(object: unknown, filter: string, options?: JqExecOptions): unknown;
}

interface JqWeb {
  raw(json: string, filter: string, flags?: string[]): string | undefined;
}

let nativeEngine: JqEngine | null | undefined;
let nativeLoadError: string | undefined;
let wasmEngine: JqEngine | undefined;
let wasmLoading: Promise<JqEngine> | undefined;

/** Port's native engine, or undefined when `@port-labs/jq-node-bindings` is not built here. */
export function loadNativeJqEngine(): JqEngine | undefined {
  if (nativeEngine !== undefined) return nativeEngine ?? undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const port = require("@port-labs/jq-node-bindings") as PortJqModule;
    const root = dirname(require.resolve("@port-labs/jq-node-bindings/package.json"));
    // The same compiled addon Port's `exec` calls, reached directly so that a caller holding
    // the JSON text already does not pay a second JSON.stringify.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const binding = (require("bindings") as (o: { bindings: string; module_root: string }) => NativeBinding)({
      bindings: "jq-node-bindings",
      module_root: root,
    });
    const engine: JqEngine = {
      name: "native",
      exec(input, filter, options) {
        try {
          return port.exec(input, filter, options);
        } catch (err) {
          // Same messages as Port's own JqExecError classes, as the kit's classes.
          const message = err instanceof Error ? err.message : String(err);
          throw message.startsWith("jq: compile error") ? new JqExecCompileError(message) : new JqExecError(message);
        }
      },
      runProgram(inputJson, program) {
        let result: { value?: unknown } | null;
        try {
          result = binding.exec(inputJson, program);
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          throw message.startsWith("jq: compile error") ? new JqExecCompileError(message) : new JqExecError(message);
        }
        return result === null ? null : result.value;
      },
      compileProblem(expr) {
        try {
          port.exec(null, compileOnlyProgram(expr), { throwOnError: true, enableEnv: true });
          return undefined;
        } catch (err) {
          return exprLineNumbers(err instanceof Error ? err.message : String(err));
        }
      },
    };
    nativeEngine = engine;
    return engine;
  } catch (err) {
    nativeLoadError = err instanceof Error ? err.message.split("\n")[0] : String(err);
    nativeEngine = null;
    return undefined;
  }
}

/** Why the native engine could not be loaded (after a failed `loadNativeJqEngine`). */
export function nativeJqLoadError(): string | undefined {
  return nativeLoadError;
}

/** Turns the jq CLI's stderr (as jq-web reports it) into the message Port's native glue throws. */
function wasmError(err: unknown): JqExecError {
  const e = err as { exitCode?: number; stderr?: string; message?: string };
  const lines = (e.stderr ?? "").split("\n").filter((l) => l.trim() !== "");
  if (e.exitCode === 3) {
    const first = lines.find((l) => l.startsWith("jq: error")) ?? lines[0] ?? "syntax error";
    return new JqExecCompileError(`jq: compile error${first.replace(/^jq: error/, "")}`);
  }
  const first = lines[0] ?? e.message ?? String(err);
  return new JqExecError(first.replace(/^jq: error \(at [^)]*\)(?: \(not a string\))?:/, "jq: error:"));
}

/**
 * jq-web's WebAssembly build runs out of stack on deeply nested values (from about 45
 * levels: "memory access out of bounds"), and the instance is corrupt from then on. Inputs
 * nested deeper than this are refused with an error instead; Okta records nest about 5 deep.
 */
export const WASM_MAX_INPUT_DEPTH = 32;

/** Deepest nesting of arrays and objects in a JSON text (brackets inside strings ignored). */
export function jsonNestingDepth(json: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91 /* { [ */) max = Math.max(max, ++depth);
    else if (c === 125 || c === 93 /* } ] */) depth--;
  }
  return max;
}

function makeWasmEngine(jq: JqWeb): JqEngine {
  let crashed: string | undefined;
  const run = (inputJson: string, program: string): unknown => {
    if (crashed) throw new JqExecError(`jq: error: the WebAssembly engine crashed earlier (${crashed}); no result after that can be trusted`);
    if (jsonNestingDepth(inputJson) > WASM_MAX_INPUT_DEPTH) {
      throw new JqExecError(`jq: error: input nested deeper than ${WASM_MAX_INPUT_DEPTH} levels, which the WebAssembly fallback cannot evaluate reliably (Port's native engine can: install autoconf, automake and libtool, then npm ci)`);
    }
    let out: string | undefined;
    try {
      // limit(1; ...): Port keeps the first result only, and the CLI would otherwise fail on
      // an error raised after it.
      out = jq.raw(inputJson, `limit(1; ${program}\n)`, ["-c"]);
    } catch (err) {
      // An error whose message is not a string: Port's native glue returns no value for it.
      const e = err as { exitCode?: number; stderr?: string };
      // A trap of the WebAssembly machine itself (not a jq error) leaves the instance corrupt.
      if (err instanceof Error && (err.name === "RuntimeError" || /^Aborted\(/.test(err.message))) {
        crashed = err.message;
        throw new JqExecError(`jq: error: the WebAssembly engine crashed: ${err.message}`);
      }
      if (e.exitCode === 5 && /^jq: error \(at [^)]*\) \(not a string\):/.test(e.stderr ?? "")) return undefined;
      throw wasmError(err);
    }
    const line = (out ?? "").split("\n")[0];
    return line === "" ? undefined : JSON.parse(line);
  };
  return {
    name: "wasm",
    runProgram: run,
    exec(input, filter, { enableEnv = false, throwOnError = false } = {}) {
      try {
        // undefined has no JSON form: Port's exec would pass it to the native call and fail.
        return run(JSON.stringify(input) ?? "", portFormatFilter(filter, { enableEnv }));
      } catch (err) {
        if (throwOnError) throw err;
        return null;
      }
    },
    compileProblem(expr) {
      try {
        run("null", compileOnlyProgram(expr));
        return undefined;
      } catch (err) {
        return exprLineNumbers(err instanceof Error ? err.message : String(err));
      }
    },
  };
}

/** The WebAssembly jq engine (jq-web); loads it once. */
export function loadWasmJqEngine(): Promise<JqEngine> {
  if (wasmEngine) return Promise.resolve(wasmEngine);
  wasmLoading ??= (async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const jq = (await (require("jq-web") as Promise<JqWeb>)) as JqWeb;
    wasmEngine = makeWasmEngine(jq);
    return wasmEngine;
  })();
  return wasmLoading;
}

export type JqEngineChoice = "auto" | JqEngineName;

/**
 * The engine to use: Port's native engine when it is built, else the WebAssembly fallback.
 * `choice` (or the environment variable OKTA_KIT_JQ_ENGINE) forces one.
 */
export async function loadJqEngine(choice: JqEngineChoice = (process.env.OKTA_KIT_JQ_ENGINE as JqEngineChoice | undefined) ?? "auto"): Promise<JqEngine> {
  if (choice !== "wasm") {
    const native = loadNativeJqEngine();
    if (native) return native;
    if (choice === "native") {
      throw new Error(`Port's native JQ engine (@port-labs/jq-node-bindings) is not available: ${nativeLoadError}. It builds on npm install when autoconf, automake and libtool are installed.`);
    }
  }
  return loadWasmJqEngine();
}

/** Line numbers of a compile message, counted in the expression rather than the wrapper. */
function exprLineNumbers(message: string): string {
  return message.replace(/line (\d+):/g, (_m, n: string) => `line ${Math.max(1, Number(n) - 1)}:`);
}

/** Compile check in a child process running jq-web, for when no engine is loaded here. */
export function compileProblemsInChild(exprs: string[]): (string | undefined)[] {
  const code = `
    let input = "";
    process.stdin.on("data", (d) => (input += d));
    process.stdin.on("end", async () => {
      const jq = await require(${JSON.stringify(require.resolve("jq-web"))});
      const exprs = JSON.parse(input);
      const out = exprs.map((expr) => {
        const program = ${JSON.stringify(compileOnlyProgramTemplate())}.replace("@@EXPR@@", () => expr.replace(${/(^|\s)'(?!\s|")|(?<!\s|")'(\s|$)/g.toString()}, '$1"$2'));
        try { jq.raw("null", "limit(1; " + program + "\\n)", ["-c"]); return null; }
        catch (e) {
          const lines = String(e.stderr || e.message || e).split("\\n").filter((l) => l.trim());
          const first = lines.find((l) => l.startsWith("jq: error")) || lines[0] || "syntax error";
          return "jq: compile error" + first.replace(/^jq: error/, "");
        }
      });
      process.exitCode = 0;
      process.stdout.write(JSON.stringify(out.map((m) => m && m.replace(/line (\\d+):/g, (_m, n) => "line " + Math.max(1, Number(n) - 1) + ":"))));
    });`;
  const child = spawnSync(process.execPath, ["-e", code], { input: JSON.stringify(exprs), encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`JQ compile check failed to run jq-web: ${child.stderr}`);
  return (JSON.parse(child.stdout) as (string | null)[]).map((p) => p ?? undefined);
}

function compileOnlyProgramTemplate(): string {
  // compileOnlyProgram applies the rewrite itself; build the template around a marker that
  // the rewrite leaves alone, then substitute the (rewritten) expression in the child.
  return compileOnlyProgram("@@EXPR@@");
}

/**
 * Synchronous compile check of JQ expressions as Port's engine compiles them (single-quote
 * rewrite, `$ENV` disabled). Returns one entry per expression: the compile error message,
 * or undefined when it compiles. Uses the native engine when built; otherwise the loaded
 * WebAssembly engine, or (when none is loaded yet) jq-web in a child process.
 */
export function jqCompileProblems(exprs: string[]): (string | undefined)[] {
  // Each distinct expression once: a jq compile (with its builtins) costs milliseconds.
  const unique = [...new Set(exprs)];
  // One compile for all the expressions the fast path's parser accepts: each is a complete
  // expression of jq's grammar (balanced brackets, strings, comments), so side by side in
  // one program, each in its own parentheses, they all compile exactly when each compiles
  // alone. On a failure, and for every other expression, each is compiled alone.
  const complete = unique.filter((e) => compileFastPath(e) !== undefined);
  const known = new Set<string>();
  if (complete.length > 1 && compileEach([complete.map((e) => `(\n${rewriteSingleQuotes(e)}\n)`).join(",\n")])[0] === undefined) {
    for (const e of complete) known.add(e);
  }
  const rest = unique.filter((e) => !known.has(e));
  const restProblems = compileEach(rest);
  const byExpr = new Map(rest.map((e, i) => [e, restProblems[i]]));
  return exprs.map((e) => (known.has(e) ? undefined : byExpr.get(e)));
}

function compileEach(exprs: string[]): (string | undefined)[] {
  const engine = loadNativeJqEngine() ?? wasmEngine;
  return engine ? exprs.map((e) => engine.compileProblem(e)) : exprs.length ? compileProblemsInChild(exprs) : [];
}

/** Synchronous compile check of one JQ expression; see `jqCompileProblems`. */
export function jqCompileProblem(expr: string): string | undefined {
  return jqCompileProblems([expr])[0];
}
