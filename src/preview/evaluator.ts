/**
 * Evaluates a Port webhook mapping on events with Port's JQ semantics.
 *
 * Reference path (`per-expression`): one Port `exec` per expression, as Port evaluates them.
 * Combined program (`combined`): for the whole mapping, one JQ program evaluated once per record
 * that yields every entry's filter and (when the filter is true) every field, each wrapped so
 * that it keeps Port's per-expression semantics (first result only, runtime error captured).
 * The differential tests (__tests__/preview/evaluator.test.ts) prove both paths equal on
 * every expression the kit ships, under both deprovisioned-user policies.
 * JavaScript fast path (in `combined` mode, on by default): entries whose expressions all
 * compile on src/jq/fast-path.ts run in JavaScript, the rest in the combined program
 * (`evaluateFast`); __tests__/jq/fast-path.test.ts proves it equal to Port's engine.
 */
import { decodeOutcome, ENV_DISABLED_PREFIX, JqEngine, JqExecCompileError, JqOutcome, jqCompileProblems, outcomeTerm } from "../jq";
import { compileFastPath, FastExpression, FastPathBail } from "../jq/fast-path";
import { operationType, WebhookMappingEntry } from "../port/webhook-mapping";
import { pathSegment } from "../util/json-path";

export type FieldKind = "identifier" | "title" | "icon" | "team" | "property" | "relation";

export interface FieldSpec {
  kind: FieldKind;
  /** Property or relation id; the kind for the others. */
  name: string;
  expr: string;
}

/** Where a field sits in its entry's `entity`: `title`, `properties.login`, `relations["a-b"]`. */
export function fieldLabel(f: FieldSpec): string {
  return f.kind === "property" ? `properties${pathSegment(f.name)}` : f.kind === "relation" ? `relations${pathSegment(f.name)}` : f.kind;
}

export interface CompiledEntry {
  index: number;
  blueprint: string;
  operation: "create" | "delete";
  filter: string;
  fields: FieldSpec[];
  /** Why this entry cannot be previewed (every record it would take is rejected with it). */
  unsupported?: string;
  /** The JavaScript fast path for the filter and every field, when all of them compile on it. */
  fast?: { filter: FastExpression; fields: FastExpression[] };
}

export interface CompiledMapping {
  entries: CompiledEntry[];
  /** Expressions that do not compile, as `$[i].entity.properties.x: message`. */
  compileProblems: string[];
  /** Mapping parts the preview does not evaluate (reported, not silently dropped). */
  warnings: string[];
  /** The combined program, or undefined when the mapping must run per expression. */
  program?: string;
  /** The fast path: how many expressions (of how many) it evaluates; absent when off. */
  fastPath?: {
    expressions: number;
    total: number;
    /** The combined program of the entries the fast path does not cover (if any). */
    restProgram?: string;
    restEntries: number[];
  };
}

/** One entry's outcome on one event: the filter, and the fields when the filter is true. */
export interface EntryOutcome {
  entry: CompiledEntry;
  filter: JqOutcome;
  fields?: JqOutcome[];
}

/**
 * Builtins whose every call yields at most one result, so an expression made only of them,
 * paths, operators and literals (no `,`, no `[]` iterator, no `..`, no string interpolation)
 * yields at most one result: `[E]` then equals `[limit(1; E)]`, and avoids limit's cost.
 */
const SINGLE_RESULT_WORDS = new Set([
  "and", "or", "not", "if", "then", "elif", "else", "end", "null", "true", "false", "as",
  "split", "last", "first", "has", "IN", "length", "tostring", "tonumber", "ascii_downcase", "ascii_upcase",
  "ltrimstr", "rtrimstr", "startswith", "endswith", "test", "type", "join", "keys", "keys_unsorted",
  "values", "select", "tojson", "fromjson", "map", "contains", "inside", "add", "any", "all", "sort",
  "unique", "min", "max", "reverse", "to_entries", "from_entries", "with_entries", "index", "rindex",
  "floor", "sqrt", "todate", "fromdate", "strings", "numbers", "objects", "arrays", "booleans", "nulls",
  "ascii", "implode", "explode", "del", "getpath", "error",
]);

/** True when `expr` provably yields at most one result (conservative: false when unsure). */
export function yieldsAtMostOne(expr: string): boolean {
  let code = "";
  // Strip string literals; an interpolation `\(` inside one means code we would not see.
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (c === '"') {
      for (i++; i < expr.length && expr[i] !== '"'; i++) {
        if (expr[i] === "\\") {
          if (expr[i + 1] === "(") return false;
          i++;
        }
      }
      code += '""';
    } else if (c === "#") return false;
    else code += c;
  }
  if (/,|\.\.|\[\s*\]|@/.test(code)) return false;
  // Words after `.` or `$` are field or variable names, not builtins (reduce, foreach, label,
  // def and every generator are absent from the allowed words).
  const calls = code.replace(/[.$][A-Za-z_][A-Za-z0-9_]*/g, "").match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [];
  return calls.every((w) => SINGLE_RESULT_WORDS.has(w));
}

/** JQ text giving one expression's Port outcome (see outcomeTerm), cheapest exact form. */
function term(expr: string): string {
  return outcomeTerm(expr, { atMostOneResult: yieldsAtMostOne(expr) });
}

const OUR_VARIABLE = "$__okta_kit_filter";

function combinedProgram(entries: CompiledEntry[]): string {
  return `${ENV_DISABLED_PREFIX}[\n${entries
    .map((e) => `(${term(e.filter)} as ${OUR_VARIABLE} | if ${OUR_VARIABLE} == [true] then [${OUR_VARIABLE}${e.fields.map((f) => `, ${term(f.expr)}`).join("")}] else [${OUR_VARIABLE}] end)`)
    .join(",\n")}\n] | tojson`;
}

/** Whether the JavaScript fast path is on by default (OKTA_KIT_FAST_PATH=0 turns it off). */
export function fastPathDefault(): boolean {
  return process.env.OKTA_KIT_FAST_PATH !== "0";
}

/**
 * Compiles a mapping (after any policy rewrite) for `evaluate`. With `fastPath` (default
 * on), every entry whose expressions ALL compile on the JavaScript fast path
 * (src/jq/fast-path.ts) is evaluated in JavaScript; the others stay in a combined program.
 */
export function compileMapping(mapping: WebhookMappingEntry[], { fastPath = fastPathDefault() }: { fastPath?: boolean } = {}): CompiledMapping {
  const warnings: string[] = [];
  const entries: CompiledEntry[] = mapping.map((entry, index) => {
    const operation = operationType(entry);
    const fields: FieldSpec[] = [];
    let unsupported: string | undefined;
    if (typeof entry.entity.identifier !== "string") unsupported = "a search-query identifier cannot be previewed";
    else fields.push({ kind: "identifier", name: "identifier", expr: entry.entity.identifier });
    if (entry.itemsToParse) unsupported = "itemsToParse is not previewed";
    if (operation === "create") {
      for (const kind of ["title", "icon", "team"] as const) {
        const expr = entry.entity[kind];
        if (expr !== undefined) fields.push({ kind, name: kind, expr });
      }
      for (const [name, expr] of Object.entries(entry.entity.properties ?? {})) fields.push({ kind: "property", name, expr });
      for (const [name, expr] of Object.entries(entry.entity.relations ?? {})) {
        if (typeof expr === "string") fields.push({ kind: "relation", name, expr });
        else warnings.push(`$[${index}].entity.relations${pathSegment(name)}: a search-query relation is not previewed`);
      }
    }
    return { index, blueprint: entry.blueprint, operation, filter: entry.filter ?? "true", fields, ...(unsupported ? { unsupported } : {}) };
  });
  const all: { where: string; expr: string }[] = [];
  for (const e of entries) {
    all.push({ where: `$[${e.index}].filter`, expr: e.filter });
    for (const f of e.fields) all.push({ where: `$[${e.index}].entity.${fieldLabel(f)}`, expr: f.expr });
  }
  const problems = jqCompileProblems(all.map((a) => a.expr));
  const compileProblems = all.flatMap((a, i) => (problems[i] ? [`${a.where}: ${problems[i]}`] : []));
  // Combine only expressions that compile alone, so the wrapper cannot change their parse.
  const combinable = compileProblems.length === 0 && !all.some((a) => a.expr.includes(OUR_VARIABLE) || a.expr.includes("$__loc__"));
  const program = combinable ? combinedProgram(entries) : undefined;
  let fast: CompiledMapping["fastPath"];
  if (program && fastPath) {
    let expressions = 0;
    const restEntries: number[] = [];
    entries.forEach((e, i) => {
      const filter = compileFastPath(e.filter);
      const fields = e.fields.map((f) => compileFastPath(f.expr));
      if (filter && fields.every((f): f is FastExpression => f !== undefined)) {
        e.fast = { filter, fields };
        expressions += 1 + fields.length;
      } else restEntries.push(i);
    });
    fast = { expressions, total: all.length, restEntries, ...(restEntries.length ? { restProgram: combinedProgram(restEntries.map((i) => entries[i])) } : {}) };
  }
  return { entries, compileProblems, warnings, ...(program ? { program } : {}), ...(fast ? { fastPath: fast } : {}) };
}

export type EvaluationMode = "combined" | "per-expression";

function execOutcome(engine: JqEngine, event: unknown, expr: string): JqOutcome {
  try {
    return { ok: true, value: engine.exec(event, expr, { throwOnError: true }) };
  } catch (err) {
    if (err instanceof JqExecCompileError) return { ok: false, error: err.message };
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** Port's reference: one exec per expression, the filter first. */
export function evaluatePerExpression(engine: JqEngine, mapping: CompiledMapping, event: unknown): EntryOutcome[] {
  return mapping.entries.map((entry) => {
    const filter = execOutcome(engine, event, entry.filter);
    if (!(filter.ok && filter.value === true)) return { entry, filter };
    return { entry, filter, fields: entry.fields.map((f) => execOutcome(engine, event, f.expr)) };
  });
}

/** The combined program: one engine call per event (needs `mapping.program`). */
export function evaluateCombined(engine: JqEngine, mapping: CompiledMapping, eventJsonText: string): EntryOutcome[] {
  return runCombined(engine, mapping.program as string, mapping.entries, eventJsonText);
}

function runCombined(engine: JqEngine, program: string, entries: CompiledEntry[], eventJsonText: string): EntryOutcome[] {
  // The program returns its results as one JSON text: Port's native glue leaks the key strings
  // of every object it converts to JavaScript (jv_object_foreach keys are never freed), about
  // 1 KiB per Okta user; a single string result keeps memory bounded. jq 1.6 prints numbers
  // with 17 significant digits, which parse back to the same doubles.
  const result = JSON.parse(engine.runProgram(eventJsonText, program) as string) as unknown[][];
  return entries.map((entry, i) => {
    const row = result[i];
    const filter = decodeOutcome(row[0]);
    if (row.length === 1) return { entry, filter };
    return { entry, filter, fields: row.slice(1).map(decodeOutcome) };
  });
}

/**
 * The JavaScript fast path (needs `mapping.fastPath`): the entries it covers are evaluated
 * in JavaScript on `event` (the value JSON.parse gives for the event's JSON text, which the
 * caller has checked with `jqCleanText`), the others with one engine call. When the fast
 * path cannot be sure of an outcome (FastPathBail), the whole event goes through the
 * combined program instead; `fellBack` says so.
 */
export function evaluateFast(engine: JqEngine, mapping: CompiledMapping, event: unknown, eventJsonText: () => string): { outcomes: EntryOutcome[]; fellBack: boolean } {
  const fast = mapping.fastPath as NonNullable<CompiledMapping["fastPath"]>;
  const entries = mapping.entries;
  const outcomes: EntryOutcome[] = new Array<EntryOutcome>(entries.length);
  try {
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i];
      const f = entry.fast;
      if (!f) continue;
      const filter = f.filter.run(event);
      if (!(filter.ok && filter.value === true)) outcomes[i] = { entry, filter };
      else {
        const fields: JqOutcome[] = new Array<JqOutcome>(f.fields.length);
        for (let j = 0; j < fields.length; j++) fields[j] = f.fields[j].run(event);
        outcomes[i] = { entry, filter, fields };
      }
    }
  } catch (err) {
    if (err instanceof FastPathBail) return { outcomes: evaluateCombined(engine, mapping, eventJsonText()), fellBack: true };
    throw err;
  }
  if (fast.restProgram) {
    const rest = runCombined(engine, fast.restProgram, fast.restEntries.map((i) => entries[i]), eventJsonText());
    fast.restEntries.forEach((i, k) => (outcomes[i] = rest[k]));
  }
  return { outcomes, fellBack: false };
}
