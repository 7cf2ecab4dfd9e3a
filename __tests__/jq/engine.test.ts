import {
  decodeOutcome,
  ENV_DISABLED_PREFIX,
  jqCompileProblem,
  jqCompileProblems,
  JqEngine,
  JqExecCompileError,
  JqExecError,
  loadNativeJqEngine,
  loadWasmJqEngine,
  outcomeTerm,
  portFormatFilter,
  rewriteSingleQuotes,
} from "../../src/jq";
import { compileProblemsInChild, jsonNestingDepth, WASM_MAX_INPUT_DEPTH } from "../../src/jq/engine";

// The native engine is an optional dependency: CI builds it (.ci/run installs autoconf,
// automake, libtool); where it is absent, only the WebAssembly engine is tested.
const native = loadNativeJqEngine();
const engines: [string, () => Promise<JqEngine>][] = [["wasm", () => loadWasmJqEngine()]];
if (native) engines.unshift(["native", async () => native]);

describe("Port's rewrite", () => {
  test("single-quoted literals become double-quoted, as Port's regex does", () => {
    expect(rewriteSingleQuotes(".a == 'x'")).toBe('.a == "x"');
    expect(rewriteSingleQuotes("'a' + 'b'")).toBe('"a" + "b"');
    expect(rewriteSingleQuotes('"it\'s"')).toBe('"it\'s"');
  });
  test("env is disabled by a prefix", () => {
    expect(portFormatFilter(".a")).toBe(`${ENV_DISABLED_PREFIX}.a`);
    expect(portFormatFilter(".a", { enableEnv: true })).toBe(".a");
  });
});

describe.each(engines)("%s engine: Port's exec semantics", (_name, load) => {
  let jq: JqEngine;
  beforeAll(async () => {
    jq = await load();
  });
  test("first result only", () => expect(jq.exec({ a: [1, 2] }, ".a[]")).toBe(1));
  test("no result is undefined", () => expect(jq.exec({}, "empty")).toBeUndefined());
  test("runtime error is null, or JqExecError with throwOnError", () => {
    expect(jq.exec({ a: 1 }, ".a.b")).toBeNull();
    expect(() => jq.exec({ a: 1 }, ".a.b", { throwOnError: true })).toThrow(JqExecError);
    expect(() => jq.exec({ a: 1 }, ".a.b", { throwOnError: true })).toThrow('jq: error: Cannot index number with "b"'.replace('"b"', 'string "b"'));
  });
  test("compile error throws JqExecCompileError with throwOnError", () => {
    expect(() => jq.exec({}, ".a |", { throwOnError: true })).toThrow(JqExecCompileError);
    expect(jq.exec({}, ".a |")).toBeNull();
  });
  test("$ENV and env are empty", () => {
    expect(jq.exec({}, "$ENV")).toEqual({});
    expect(jq.exec({}, "env")).toEqual({});
  });
  test("single quotes work", () => expect(jq.exec({ s: "x" }, ".s == 'x'")).toBe(true));
  test("first result even if a later one fails", () => expect(jq.exec({}, '1, error("late")')).toBe(1));
  test("compile check", () => {
    expect(jq.compileProblem(".body.id")).toBeUndefined();
    expect(jq.compileProblem("'a' + 'b'")).toBeUndefined();
    expect(jq.compileProblem(".a | nosuchfn")).toMatch(/^jq: compile error: nosuchfn\/0 is not defined at <top-level>, line 1:/);
    expect(jq.compileProblem(".a +")).toMatch(/^jq: compile error: syntax error/);
    // never runs the expression: an endless one still returns at once
    expect(jq.compileProblem("def f: f; f")).toBeUndefined();
  });
  test("outcome encoding matches exec on values, empties and errors", () => {
    for (const expr of [".a", ".a[]", "empty", ".a.b", 'error("x")', "error({})", "null", "# comment only\n.a", "1, error(\"late\")"]) {
      const input = { a: [1, 2] };
      const encoded = jq.runProgram(JSON.stringify(input), `${ENV_DISABLED_PREFIX}${outcomeTerm(expr)}`);
      const outcome = decodeOutcome(encoded);
      let expected: unknown;
      let expectedError: string | undefined;
      try {
        expected = jq.exec(input, expr, { throwOnError: true });
      } catch (e) {
        expectedError = (e as Error).message;
      }
      if (expectedError !== undefined) expect(outcome).toEqual({ ok: false, error: expectedError });
      else expect(outcome).toEqual({ ok: true, value: expected });
    }
  });
});

describe("jqCompileProblem (sync, for synth-time validation)", () => {
  test("accepts the kit's kind of expressions and names the problem otherwise", () => {
    expect(jqCompileProblem('.body._PORT_SOURCE_OBJECT_KEY | split("/") | .[2]')).toBeUndefined();
    expect(jqCompileProblem(".body.userId + '_' + .body.id")).toBeUndefined();
    expect(jqCompileProblem(".body.id +")).toMatch(/^jq: compile error: syntax error/);
    expect(jqCompileProblems([".a", ".a | nosuchfn"])).toEqual([undefined, expect.stringContaining("nosuchfn/0 is not defined")]);
  });
  test("works without any engine loaded, through jq-web in a child process", () => {
    expect(compileProblemsInChild([".a", ".a | nosuchfn", "'a'"])).toEqual([undefined, "jq: compile error: nosuchfn/0 is not defined at <top-level>, line 1:", undefined]);
  });
});

describe("wasm engine: deep nesting is refused, never a corrupt instance", () => {
  const nested = (depth: number) => {
    let v: unknown = 1;
    for (let i = 0; i < depth; i++) v = { a: v };
    return v;
  };

  test("jsonNestingDepth counts brackets outside strings", () => {
    expect(jsonNestingDepth('{"a":[1,{"b":"[[[{"}]}')).toBe(3);
    expect(jsonNestingDepth('"\\"{"')).toBe(0);
    expect(jsonNestingDepth(JSON.stringify(nested(40)))).toBe(40);
  });

  test(`up to ${WASM_MAX_INPUT_DEPTH} levels evaluates; deeper is a JqExecError; the engine keeps working`, async () => {
    const jq = await loadWasmJqEngine();
    expect(jq.exec(nested(WASM_MAX_INPUT_DEPTH), ".a", { throwOnError: true })).toEqual(nested(WASM_MAX_INPUT_DEPTH - 1));
    expect(() => jq.exec(nested(60), ".a", { throwOnError: true })).toThrow(/nested deeper than 32 levels/);
    expect(jq.exec({ a: 2 }, ".a")).toBe(2);
  });
});
