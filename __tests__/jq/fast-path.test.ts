/**
 * Differential proof of the JavaScript fast path (src/jq/fast-path.ts): on every expression
 * the kit ships (both deprovisioned-user policies) and on a table of operator edge cases, its
 * outcome (value, or runtime error message) equals Port's native engine's
 * (`@port-labs/jq-node-bindings`, `exec` with Port's semantics) on the sample records,
 * adversarial events and a few thousand seeded random mutations of the samples.
 * The reference is Port's engine itself: where it is not built (no autoconf, automake and
 * libtool at install), the comparisons are skipped with a printed reason. CI builds it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { JqEngine, JqOutcome, loadNativeJqEngine, nativeJqLoadError } from "../../src/jq";
import { compileFastPath, FastExpression, FastPathBail, fastPathRefusal, jqCleanText } from "../../src/jq/fast-path";
import { applyDeprovisionedUserPolicy, loadMapping } from "../../src/port/webhook-mapping";
import { eventObject } from "../../src/preview/event";
import { compileMapping, evaluateCombined, evaluateFast } from "../../src/preview/evaluator";
import { unwrapLine } from "../../src/preview/reader";

const root = join(__dirname, "..", "..");
const fixtures = join(root, "__tests__", "fixtures", "okta");
const kitMapping = loadMapping(join(root, "mappings")).entries;

const native = loadNativeJqEngine();
// jq-web is jq 1.7, not Port's jq 1.6: it cannot stand in as the reference.
const withPortEngine = native ? describe : describe.skip;
if (!native) console.warn(`SKIPPED fast-path differential tests: Port's native engine is not built here (${nativeJqLoadError()})`);
const engine = native as JqEngine;

/** Every expression the kit ships, under both policies: filters and every field. */
function shippedExpressions(): string[] {
  const all = new Set<string>();
  for (const policy of ["keep", "delete"] as const) {
    for (const e of compileMapping(applyDeprovisionedUserPolicy(kitMapping, policy)).entries) {
      all.add(e.filter);
      for (const f of e.fields) all.add(f.expr);
    }
  }
  return [...all].sort();
}

function reference(input: unknown, expr: string): JqOutcome {
  try {
    return { ok: true, value: engine.exec(input, expr, { throwOnError: true }) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

/** The fast path's outcome, or "bail" when it hands the record to Port's engine. */
function fast(f: FastExpression, input: unknown): JqOutcome | "bail" {
  try {
    return f.run(input);
  } catch (err) {
    if (err instanceof FastPathBail) return "bail";
    throw err;
  }
}

const key = (stream: string) => `data/WEBHOOK_KEY/${stream}/year=2025/month=03/07_1741356330917_0.jsonl.gz`;

const sampleLines: { stream: string; text: string }[] = readdirSync(fixtures)
  .filter((f) => f.endsWith(".jsonl"))
  .flatMap((f) =>
    readFileSync(join(fixtures, f), "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((text) => ({ stream: f.replace(".jsonl", ""), text })),
  );
const sampleRecords: [string, Record<string, unknown>][] = sampleLines.map(({ stream, text }) => {
  const u = unwrapLine(JSON.parse(text));
  if ("reason" in u) throw new Error(u.reason);
  return [stream, u.record];
});

/** A property defined as JSON.parse defines it (also for `__proto__`). */
function setKey(o: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Adversarial events: missing fields, nulls, wrong types, odd keys, deep nesting. */
function adversarialEvents(): unknown[] {
  const events: unknown[] = [];
  const deep = (n: number): unknown => (n === 0 ? "bottom" : { d: deep(n - 1), a: [n] });
  const bodies: Record<string, unknown>[] = [
    {},
    { id: null, status: null, type: null, role: null, label: null, userId: null, _links: null, profile: null },
    { id: 42, status: 7, type: ["CUSTOM"], role: { id: "x" }, label: 1.5, userId: true, _links: [], profile: [] },
    { id: "", status: "", type: "", label: "", userId: "", profile: { login: "", email: "" } },
    { id: "ünï©ødé 漢字 😀", label: "😀😀😀😀😀😀", profile: { login: "é", email: null } },
    { id: { nested: { deeper: [1, 2, { x: null }] } }, userId: { a: 1 }, label: ["a"] },
    { type: "CUSTOM" },
    { type: "CUSTOM", role: null },
    { type: "CUSTOM", role: 12 },
    { type: "custom", role: "cr0" },
    { _links: { role: {} } },
    { _links: { role: { href: null } } },
    { _links: { role: { href: "" } } },
    { _links: { role: { href: "/" } } },
    { _links: { role: { href: "no-slash" } }, label: "x" },
    { _links: { role: { href: 17 } }, label: "x" },
    { _links: { role: { href: ["a/b"] } }, label: "x" },
    { _links: { role: "string" }, label: "x" },
    { _links: "string", label: "x" },
    { _links: { role: { href: "https://x/roles/cr0/" } }, label: null },
    { _links: { role: { href: "https://x/roles/cr0" } }, label: 5 },
    { _links: { role: { href: "https://x/roles/cr0" } }, label: { a: 1 } },
    { _links: { role: { href: "https://x/roles/cr0" } }, label: "a label with \"quotes\" and \\ and / and \n" },
    { userId: "u", id: 5 },
    { userId: 5, id: "x" },
    { userId: "a long user id that will be truncated in messages", id: 12345678901234 },
    { userId: [1, 2, 3], id: "x" },
    { userId: { k: "v" }, id: "x" },
    { userId: false, id: "x" },
    { userId: "é漢字😀long enough to be cut", id: 1 },
    { status: "DEPROVISIONED", id: "u1" },
    { status: "deprovisioned", id: "u1" },
    { status: ["DEPROVISIONED"], id: "u1" },
    { profile: "not an object" },
    { profile: { login: false, email: false }, id: false },
    { profile: { login: null, email: 0 }, id: "x" },
    { "key with spaces": 1, "ключ": 2, 'quote"key': 3, "": 4, id: "s" },
    { id: "deep", profile: deep(40) as Record<string, unknown>, _links: deep(60) },
  ];
  const keys = ["custom_roles", "permissions", "user_role_assignments", "users", "unknown"].map(key);
  for (const b of bodies) for (const k of keys) events.push(eventObject(b, k));
  const proto = { id: "p", constructor: "c" } as Record<string, unknown>;
  setKey(proto, "__proto__", { polluted: true });
  events.push(eventObject(proto, key("users")));
  // Odd object keys: missing, too short, not strings.
  for (const k of [undefined, null, 5, "", "data", "a/b/users", "data/x/users/", ["data", "x", "users"], { a: 1 }, "data/x/USERS/y", "data/x/users/year=2025/month=03/f.jsonl.gz"]) {
    const body: Record<string, unknown> = { id: "k", status: "ACTIVE", label: "l" };
    if (k !== undefined) body._PORT_SOURCE_OBJECT_KEY = k;
    events.push({ body });
  }
  events.push({}, { body: null }, { body: "string" }, { body: [] }, { body: 5 }, null, "x", [], 0);
  return events;
}

/** Seeded PRNG (mulberry32), so a failure reproduces. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const POOL: unknown[] = [null, "", 0, 1, -3, 2.5, 12345678901234, true, false, [], {}, [1, "a"], { x: 1 }, "é漢字😀", "a/b/c", "/", "//", "CUSTOM", "DEPROVISIONED", "ACTIVE", "https://x/api/v1/iam/roles/cr0", "x".repeat(40), "users", { href: "https://h/a/b" }, { role: { href: 3 } }];
const PATHS = [
  ["id"], ["status"], ["type"], ["role"], ["label"], ["userId"], ["description"], ["created"], ["_links"], ["_links", "role"], ["_links", "role", "href"], ["_links", "self"], ["_links", "self", "href"], ["profile"], ["profile", "login"], ["profile", "email"], ["conditions"], ["_PORT_SOURCE_OBJECT_KEY"],
];

function randomEvents(count: number): unknown[] {
  const rnd = prng(20250307);
  const pick = <T>(a: T[]): T => a[Math.floor(rnd() * a.length)];
  const streams = ["custom_roles", "permissions", "user_role_assignments", "users", "other"];
  const out: unknown[] = [];
  for (let n = 0; n < count; n++) {
    const [stream, record] = pick(sampleRecords);
    const event = eventObject(clone(record), key(rnd() < 0.8 ? stream : pick(streams)));
    const mutations = 1 + Math.floor(rnd() * 3);
    for (let m = 0; m < mutations; m++) {
      const path = pick(PATHS);
      let o: unknown = event.body;
      for (let i = 0; i < path.length - 1 && o !== null && typeof o === "object" && !Array.isArray(o); i++) {
        const next: unknown = (o as Record<string, unknown>)[path[i]];
        if (next === undefined || next === null || typeof next !== "object") setKey(o as Record<string, unknown>, path[i], {});
        o = (o as Record<string, unknown>)[path[i]];
      }
      if (o === null || typeof o !== "object" || Array.isArray(o)) continue;
      const last = path[path.length - 1];
      if (rnd() < 0.3) delete (o as Record<string, unknown>)[last];
      else setKey(o as Record<string, unknown>, last, clone(pick(POOL)));
    }
    out.push(event);
  }
  return out;
}

function differential(exprs: string[], events: unknown[]): { compared: number; bails: number } {
  let compared = 0;
  let bails = 0;
  for (const expr of exprs) {
    const f = compileFastPath(expr);
    expect([expr, f !== undefined]).toEqual([expr, true]);
    for (const event of events) {
      const got = fast(f as FastExpression, event);
      if (got === "bail") {
        bails++;
        continue;
      }
      const want = reference(event, expr);
      if (!isDeepStrictEqual(got, want)) expect({ expr, event, got }).toEqual({ expr, event, got: want });
      compared++;
    }
  }
  if (process.env.FAST_PATH_STATS) console.log(`compared ${compared}, bails ${bails}`);
  return { compared, bails };
}

test("the shipped expressions are collected, and every one compiles on the fast path", () => {
  const exprs = shippedExpressions();
  expect(exprs.length).toBeGreaterThan(20);
  expect(exprs.filter((e) => fastPathRefusal(e) !== undefined).map((e) => [e, fastPathRefusal(e)])).toEqual([]);
});

withPortEngine("fast path == Port's engine on every expression the kit ships", () => {
  const exprs = shippedExpressions();

  test("sample records", () => {
    const events = sampleRecords.map(([stream, record]) => eventObject(record, key(stream)));
    for (const { text } of sampleLines) expect(jqCleanText(text)).toBe(true);
    const { compared, bails } = differential(exprs, events);
    expect(bails).toBe(0);
    expect(compared).toBe(exprs.length * events.length);
  });

  test("adversarial events (missing fields, nulls, wrong types, unicode, odd keys, deep nesting)", () => {
    const events = adversarialEvents();
    const { compared, bails } = differential(exprs, events);
    // Bails only where an error message would dump a value jq formats its own way.
    expect(bails).toBeLessThan(compared / 50);
  });

  test("a few thousand seeded random mutations of the sample records", () => {
    const { compared, bails } = differential(exprs, randomEvents(2500));
    expect(compared).toBeGreaterThan(exprs.length * 2400);
    expect(bails).toBeLessThan(compared / 100);
  });
});

withPortEngine("operators and builtins: fast path == Port's engine", () => {
  const inputs: unknown[] = [null, true, false, 0, 1, -2.5, "", "a", "a/b", "/a/", "é漢😀/x", [], [1], [1, 2, 3], [null, false], {}, { a: 1 }, { a: null, b: false, c: "x/y" }, { a: { b: [1, { c: "d" }] } }, { "a b": 1, "": 2 }];
  const table = [
    ".", ".a", ".a.b", '."a b"', '.""', '.["a"]', ".a .b", ". [0]", ".[0]", ".[2]", ".[-1]", ".[-3]", ".[-4]", ".[5]", ".a.b[1].c", ".a.b[-1].c",
    ".aaaaaaaaaaaaaaaaaaaaaaaaaaaaa", ".aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", '."ééééééééééééééé"', '."éééééééééééééé"', ".constructor", ".__proto__", ".toString", ".end", ".and",
    ".a // .b", ".a // .b // .c", ".b // \"d\"", ".c // .a", "false // null", "null // false", ".a.b // 1", ".x // .a.b",
    ".a + .b", ". + .", ". + 1", "1 + .", ". + \"s\"", "\"s\" + .", ". + null", "null + .", ". + []", ". + {}", "{} + .", ". + [1]", '. + {"z": 1}', '{"a": 2} + .',
    "1 + 1", "1.5 + 2.25", '"x" + 1e15', '"x" + 999999999999999', '"x" + 1.5', '"x" + "é漢😀é漢😀"', '"aaaaaaaaaéaaaaaa" + 1', '"aaaaaaaaaaéaaaaaa" + 1', '"a\\"b" + 1', '"tab\\there" + 1',
    ". == .", ". == 1", ". == 1.0", ". == null", '. == "a"', ". == []", ". == [1]", '. == {"a": 1}', '. == {"b": false, "a": null, "c": "x/y"}', ". != 1", ". != null", "1 == 1.0", "[1,[2]] == [1,[2]]",
    ". and true", ". and false", ". or false", "false or .", "null and .a.b", "true or .a.b", ". and .a", "not", ". | not", "(. == 1) or (. == \"a\")",
    "if . then 1 else 2 end", "if . then . elif .a then 3 else 4 end", "if .a then .a.b else null end", 'if . == "a" then "A" elif . == "a/b" then "B" else "C" end', "if . then 1 else 2 end + 1", "if . then 1 else 2 end | . + 1", '. == [1, "a", [], {}]', '. == {"a": {"b": [1, {"c": "d"}]}}', "[1, 2] | .[1]", '{"a": [1]} | .a[0]',
    'split("/")', 'split("")', 'split("a")', 'split("//")', 'split("/") | last', 'split("/") | first', 'split("/") | .[1]', 'split("/") | .[2]', 'split("/") | .[3]', 'split("/") | .[-2]', 'split("/") | length',
    'split("a") | last', 'split("aa") | last', 'split("aa") | .[1]', 'split("é") | .[0]', 'split("/") | .[1] | IN("b")', 'split("/") | last | length', '"aaa" | split("aa") | .[1]', '"a//b/" | split("/") | last', '"a//b/" | split("//") | .[1]',
    "last", "first", "length", "tostring", "ascii_downcase", 'has("a")', 'has("z")', 'has("")', "has(0)", "has(1)", "has(-1)", "has(5)",
    'IN("a")', 'IN("a", "a/b", 1)', "IN(1, 2, 3)", "IN(null)", "IN(true, false)", "IN(-2.5)", 'IN("a", null, [])', '.a | IN("x")',
    "'single' + \" quoted\"", ".a # a comment", "(.a)", "((.a // .b) + (.c // \"\"))", "-1 + 2", ". | . | .",
  ];
  test("every expression of the table compiles on the fast path", () => {
    expect(table.filter((e) => compileFastPath(e) === undefined)).toEqual([]);
  });
  test("same value or error on every input", () => {
    const { compared, bails } = differential(table, inputs);
    expect(compared).toBeGreaterThan(table.length * inputs.length * 0.9);
    expect(bails).toBeLessThan(200);
  });
});

describe("the fast path refuses what it does not fully support", () => {
  test.each([
    "if . then 1 end", ".[]", ".a[]", ".a, .b", "..", ".a?", '"\\(.a)"', 'test("a")', "$ENV", "env", "def f: 1; f", ". as $x | $x", "1 - 2", "-.a", ".[1:2]", ".[1.5]", "reduce .[] as $x (0; .)",
    "try .a", "limit(1; .a)", "empty", ".a |= 1", ".a += 1", "1 * 2", "{a: 1}", "[.a]", "@base64", "[.a, .b]", "[1, .a]", "{\"a\": .a}", "{\"a\": 1, \"a\": 2}", "{(.a): 1}", "if . then 1 else 2 end.a", ".a == .b == .c", "split(.a)", "split(\"a\"; \"g\")",
    "has(.a)", "IN(.a)", "IN(.a; .b)", "select(.a)", "tonumber", "keys", '"\\u0000"', '"\\ud83d\\ude00"', ".a\r", "1e1000", "-0", "type", "error(\"x\")", "input", "$__loc__", "a::b", ".a::b",
  ])("%s", (expr) => expect(compileFastPath(expr)).toBeUndefined());
});

describe("jqCleanText: records jq would read differently fall back to Port's engine", () => {
  test.each([
    '{"a":-0}', '{"a":[-0.0]}', '{"a": -0 }', '{"s":"x\\\\","a":-0}', '{"a":-0.000}', '{"a":1e-5}', '{"a":2E+3}', '{"a":1e400}', '{"a":1E5}', '{"a": -2.5e-3}', `{"a":0.${"0".repeat(400)}1}`, '{"s":"\\ud800"}', '{"s":"\\uDC00x"}', '{"s":"a\\u0000b"}', `${"[".repeat(300)}${"]".repeat(300)}`,
  ])("unclean: %s", (text) => expect(jqCleanText(text.slice(0, 2000))).toBe(false));
  test.each(['{"a":0}', '{"a":-0.5}', '{"a":"1e5"}', '{"a":"-0"}', '{"a":"x\\"-0e5"}', '{"a":0.5,"b":[-1,2.25]}', '{"s":"\\u0041\\uD83D"}'.replace("\\uD83D", ""), '{"s":"\\u00e9 \\n"}', '{"a":[{"b":[{"c":[]}]}]}', '{"a":-10}'])("clean: %s", (text) => expect(jqCleanText(text)).toBe(true));
});

describe("compileMapping with the fast path", () => {
  test("compile problems are still found one by one (the batched check covers only complete expressions)", () => {
    const compiled = compileMapping([{ blueprint: "okta_user", entity: { identifier: "(.body.id", title: ".body.id)", properties: { ok: ".body.id", bad: ".body | nosuchfn" } } }]);
    expect(compiled.compileProblems).toEqual([
      expect.stringMatching(/^\$\[0\]\.entity\.identifier: jq: compile error/),
      expect.stringMatching(/^\$\[0\]\.entity\.title: jq: compile error/),
      expect.stringMatching(/^\$\[0\]\.entity\.properties\.bad: jq: compile error: nosuchfn\/0 is not defined/),
    ]);
  });
  test("entries are on the fast path only when every expression compiles on it; the rest stay in one program", () => {
    const compiled = compileMapping([
      { blueprint: "a", filter: "true", entity: { identifier: ".body.id", title: ".body.t // .body.id" } },
      { blueprint: "b", filter: "true", entity: { identifier: ".body.id", properties: { many: ".body | keys[]" } } },
    ], { fastPath: true });
    expect(compiled.fastPath).toMatchObject({ expressions: 3, total: 6, restEntries: [1] });
    expect(compiled.entries[0].fast).toBeDefined();
    expect(compiled.entries[1].fast).toBeUndefined();
    expect(compileMapping(kitMapping, { fastPath: false }).fastPath).toBeUndefined();
  });
});

withPortEngine("evaluateFast == the combined program (the preview's path without the fast path)", () => {
  test("kit mapping under both policies, plus an entry off the fast path, on adversarial and random events", () => {
    let fellBack = 0;
    for (const policy of ["keep", "delete"] as const) {
      const mapping = [...applyDeprovisionedUserPolicy(kitMapping, policy), { blueprint: "x", filter: ".body.id != null", entity: { identifier: ".body.id", properties: { keys: ".body | keys[]" } } }];
      const compiled = compileMapping(mapping, { fastPath: true });
      expect(compiled.fastPath?.restEntries).toEqual([mapping.length - 1]);
      for (const event of [...adversarialEvents(), ...randomEvents(300)]) {
        const json = JSON.stringify(event);
        const r = evaluateFast(engine, compiled, event, () => json);
        if (r.fellBack) fellBack++;
        expect(r.outcomes).toEqual(evaluateCombined(engine, compiled, json));
      }
    }
    expect(fellBack).toBeGreaterThan(0);
  });
});
