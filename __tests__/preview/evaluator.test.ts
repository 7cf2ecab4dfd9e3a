/**
 * Differential proof of the fast path: the combined program (one engine call per record)
 * gives exactly Port's per-expression results (one `exec` per expression) on every expression
 * the kit ships, under both deprovisioned-user policies, on the sample records and on edge
 * records; and the native and WebAssembly engines agree.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { JqEngine, loadNativeJqEngine, loadWasmJqEngine } from "../../src/jq";
import { applyDeprovisionedUserPolicy, loadMapping, WebhookMappingEntry } from "../../src/port/webhook-mapping";
import { eventJson, eventObject } from "../../src/preview/event";
import { compileMapping, evaluateCombined, evaluatePerExpression, yieldsAtMostOne } from "../../src/preview/evaluator";
import { unwrapLine } from "../../src/preview/reader";

const root = join(__dirname, "..", "..");
const fixtures = join(root, "__tests__", "fixtures", "okta");
const kitMapping = loadMapping(join(root, "mappings")).entries;

function key(stream: string): string {
  return `data/WEBHOOK_KEY/${stream}/year=2025/month=03/07_1741356330917_0.jsonl.gz`;
}

/** Every sample record, as [stream, record]. */
const sample: [string, Record<string, unknown>][] = readdirSync(fixtures)
  .filter((f) => f.endsWith(".jsonl"))
  .flatMap((f) =>
    readFileSync(join(fixtures, f), "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => {
        const u = unwrapLine(JSON.parse(l));
        if ("reason" in u) throw new Error(u.reason);
        return [f.replace(".jsonl", ""), u.record] as [string, Record<string, unknown>];
      }),
  );

/** Records that push the expressions to their edges: nulls, wrong types, runtime errors. */
const edge: [string, Record<string, unknown>][] = [
  ["users", {}],
  ["users", { id: null, status: "DEPROVISIONED", profile: "not an object" }],
  ["users", { id: 42, status: "STAGED", activated: null, profile: { login: null, email: "x@example.com" }, _links: [] }],
  ["users", { id: "00u", profile: { login: "é ü 漢字 \u2028", email: 7 }, type: "string", created: 1.1 }],
  ["users", { id: "00u2", status: "DEPROVISIONED", profile: {} }],
  ["permissions", { label: "okta.users.read" }],
  ["permissions", { label: "x", _links: { role: { href: 17 } } }],
  ["permissions", { label: null, _links: { role: { href: "https://x/api/v1/iam/roles/cr0" }, self: { href: "s" } } }],
  ["user_role_assignments", { id: "ra1", userId: null, type: "CUSTOM" }],
  ["user_role_assignments", { id: ["a"], userId: "u", type: "CUSTOM", role: { nested: true } }],
  ["user_role_assignments", { id: "x", userId: 5 }],
  ["custom_roles", { id: "cr", label: false, _links: null }],
  ["custom_roles", { id: "cr", _PORT_SOURCE_OBJECT_KEY: "spoofed" }],
  ["unknown_stream", { id: "z" }],
];

/** Expressions beyond the kit's, for the wrapper's corner cases. */
const tricky: WebhookMappingEntry[] = [
  {
    blueprint: "okta_user",
    filter: "true",
    entity: {
      identifier: ".body.id // 'fallback'",
      title: ".body.profile | .login? // empty",
      properties: {
        many: ".body | keys[]",
        manyThenError: '.body.id, error("late")',
        error: '.body | error("boom")',
        errorObject: "error({})",
        errorNull: "error(null)",
        comment: ".body.id # trailing comment",
        quotes: "'single' + \"double\"",
        env: "$ENV",
        envFn: "env",
        firstOfRange: "range(3)",
        stringInterp: '"id=\\(.body.id)"',
        iterateEmpty: "[][]",
        nullPath: ".body.nope.deeper",
        badIndex: ".body.profile[0]",
      },
    },
  },
];

async function engines(): Promise<JqEngine[]> {
  const native = loadNativeJqEngine();
  return native ? [native, await loadWasmJqEngine()] : [await loadWasmJqEngine()];
}

function compare(engine: JqEngine, mapping: WebhookMappingEntry[], records: [string, Record<string, unknown>][]) {
  const compiled = compileMapping(mapping);
  expect(compiled.compileProblems).toEqual([]);
  expect(compiled.program).toBeDefined();
  let fieldsCompared = 0;
  for (const [stream, record] of records) {
    const k = key(stream);
    const reference = evaluatePerExpression(engine, compiled, eventObject(record, k));
    const fast = evaluateCombined(engine, compiled, eventJson(JSON.stringify(record), k));
    expect(fast).toEqual(reference);
    fieldsCompared += reference.reduce((n, o) => n + 1 + (o.fields?.length ?? 0), 0);
  }
  return fieldsCompared;
}

describe("combined program == Port's per-expression semantics", () => {
  for (const policy of ["keep", "delete"] as const) {
    test(`kit mapping, policy ${policy}, sample and edge records, every engine`, async () => {
      const mapping = applyDeprovisionedUserPolicy(kitMapping, policy);
      for (const engine of await engines()) {
        const n = compare(engine, mapping, [...sample, ...edge]);
        expect(n).toBeGreaterThan(200);
      }
    });
  }
  test("tricky expressions (multiple results, errors, comments, quotes, env)", async () => {
    for (const engine of await engines()) compare(engine, tricky, [...sample.slice(0, 3), ...edge]);
  });
  test("the shipped mapping's kit records evaluate the same in both engines", async () => {
    const all = await engines();
    if (all.length < 2) return; // native engine not built here: nothing to compare
    const [native, wasm] = all;
    for (const policy of ["keep", "delete"] as const) {
      const compiled = compileMapping(applyDeprovisionedUserPolicy(kitMapping, policy));
      for (const [stream, record] of [...sample, ...edge]) {
        const json = eventJson(JSON.stringify(record), key(stream));
        expect(evaluateCombined(wasm, compiled, json)).toEqual(evaluateCombined(native, compiled, json));
      }
    }
  });
});

describe("yieldsAtMostOne (when the cheaper [E] replaces [limit(1; E)])", () => {
  test.each([".body.id", ".body.label // .body.id", '(.body._links.role.href | split("/") | last) + "_" + .body.label', 'if .body.type == "CUSTOM" then .body.role else null end', '(.body | has("k")) and (.body.k | split("/") | .[2] | IN("users"))'])(
    "single: %s",
    (e) => expect(yieldsAtMostOne(e)).toBe(true),
  );
  test.each([".a[]", ".a, .b", "..", "range(3)", '"\\(.a[])"', "def f: 1,2; f", "reduce .[] as $x (0; .)", ".a # c", "{a: .x, b: .y}", "limit(2; .[])", "splits(\"a\")"])(
    "maybe many: %s",
    (e) => expect(yieldsAtMostOne(e)).toBe(false),
  );
});
