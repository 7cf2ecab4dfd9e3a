/**
 * Port's JQ, for the kit: the engine (native `@port-labs/jq-node-bindings`, or the jq-web
 * WebAssembly fallback) and Port's semantics around it. Stable API:
 *
 * - `jqCompileProblem(expr): string | undefined` (sync): compile check as Port compiles.
 * - `jqCompileProblems(exprs)`: the same for many expressions at once.
 * - `loadJqEngine(choice?)`: the engine to evaluate with; `engine.exec` is Port's `exec`.
 */
export {
  jqCompileProblem,
  jqCompileProblems,
  loadJqEngine,
  loadNativeJqEngine,
  loadWasmJqEngine,
  nativeJqLoadError,
} from "./engine";
export type { JqEngine, JqEngineChoice, JqEngineName } from "./engine";
export {
  compileOnlyProgram,
  decodeOutcome,
  ENV_DISABLED_PREFIX,
  JqExecCompileError,
  JqExecError,
  outcomeTerm,
  portFormatFilter,
  rewriteSingleQuotes,
} from "./port-semantics";
export type { JqExecOptions, JqOutcome } from "./port-semantics";
