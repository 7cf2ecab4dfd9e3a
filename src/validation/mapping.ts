/**
 * Cross-checks of the webhook mapping against the blueprints, after the file's shape was
 * checked on load (src/port/webhook-mapping.ts): target blueprints, properties and
 * relations, required properties, and every JQ expression compiled with Port's own engine.
 * The entries the deprovisioned-user policy generates are checked too.
 */
import { jqCompileProblems } from "../jq";
import type { LoadedBlueprint } from "../port/blueprint-document";
import {
  DeprovisionedUserPolicy,
  LoadedMapping,
  MappingValue,
  WebhookMappingEntry,
  applyDeprovisionedUserPolicy,
  operationType,
} from "../port/webhook-mapping";
import { InputError, pathSegment } from "../util/json-file";
import { isObject } from "../util/is-object";

const list = (values: readonly string[]) => (values.length ? values.map((v) => JSON.stringify(v)).join(", ") : "none");

/** A JQ expression of an entry, with its JSON path inside the entry (`.entity.title`). */
interface EntryExpression {
  path: string;
  expr: string;
}

/** Search-query objects (relations/identifier by query) hold JQ in their rules' `value`. */
function queryExpressions(value: Record<string, unknown>, path: string, out: EntryExpression[]): void {
  const rules = value.rules;
  if (!Array.isArray(rules)) return;
  rules.forEach((rule, i) => {
    if (!isObject(rule)) return;
    if (typeof rule.value === "string") out.push({ path: `${path}.rules[${i}].value`, expr: rule.value });
    if (Array.isArray(rule.rules)) queryExpressions(rule, `${path}.rules[${i}]`, out);
  });
}

function valueExpressions(value: MappingValue | undefined, path: string, out: EntryExpression[]): void {
  if (typeof value === "string") out.push({ path, expr: value });
  else if (isObject(value)) queryExpressions(value, path, out);
}

/** Every JQ expression of a mapping entry. */
export function entryExpressions(entry: WebhookMappingEntry): EntryExpression[] {
  const out: EntryExpression[] = [];
  if (entry.filter !== undefined) out.push({ path: ".filter", expr: entry.filter });
  if (entry.itemsToParse !== undefined) out.push({ path: ".itemsToParse", expr: entry.itemsToParse });
  const e = entry.entity;
  valueExpressions(e.identifier, ".entity.identifier", out);
  for (const key of ["title", "icon", "team"] as const) if (e[key] !== undefined) out.push({ path: `.entity.${key}`, expr: e[key]! });
  for (const [id, v] of Object.entries(e.properties ?? {})) out.push({ path: `.entity.properties${pathSegment(id)}`, expr: v });
  for (const [id, v] of Object.entries(e.relations ?? {})) valueExpressions(v, `.entity.relations${pathSegment(id)}`, out);
  return out;
}

/**
 * jq's compile error on one line, without the parts that point into the wrapper the check
 * compiles (`at <top-level>, line 2:`) or blame a shell.
 */
export function cleanJqError(message: string): string {
  return message
    .replace(/\s*\(Unix shell quoting issues\?\)/g, "")
    .replace(/\s*at <top-level>, line \d+:?/g, "")
    .replace(/\s*\n\s*/g, "; ")
    .replace(/[;:\s]+$/, "")
    .trim();
}

/** Problems of entries against the blueprints (no JQ): unknown blueprint, property, relation; required ones unmapped. */
function entryProblems(file: string, at: string, entry: WebhookMappingEntry, blueprints: ReadonlyMap<string, LoadedBlueprint>, note: string): InputError[] {
  const errors: InputError[] = [];
  const err = (path: string, problem: string) => errors.push(new InputError(file, `${at}${path}`, `${problem}${note}`));
  const target = blueprints.get(entry.blueprint);
  if (!target) {
    err(".blueprint", `expected the identifier of a blueprint in blueprints/ (${list([...blueprints.keys()])}), got ${JSON.stringify(entry.blueprint)}`);
    return errors;
  }
  const doc = target.document;
  const properties = Object.keys(doc.schema.properties);
  const relations = Object.keys(doc.relations ?? {});
  for (const id of Object.keys(entry.entity.properties ?? {})) {
    if (!properties.includes(id)) err(`.entity.properties${pathSegment(id)}`, `expected a property of blueprint ${JSON.stringify(entry.blueprint)} (${target.file}: ${list(properties)}), got ${JSON.stringify(id)}`);
  }
  for (const id of Object.keys(entry.entity.relations ?? {})) {
    if (!relations.includes(id)) err(`.entity.relations${pathSegment(id)}`, `expected a relation of blueprint ${JSON.stringify(entry.blueprint)} (${target.file}: ${list(relations)}), got ${JSON.stringify(id)}`);
  }
  if (operationType(entry) === "create") {
    for (const id of doc.schema.required ?? []) {
      if (!(id in (entry.entity.properties ?? {}))) err(".entity.properties", `expected required property ${JSON.stringify(id)} of blueprint ${JSON.stringify(entry.blueprint)} (${target.file}: $.schema.required) to be mapped, got no mapping for it`);
    }
    for (const [id, rel] of Object.entries(doc.relations ?? {})) {
      if (rel.required === true && !(id in (entry.entity.relations ?? {}))) err(".entity.relations", `expected required relation ${JSON.stringify(id)} of blueprint ${JSON.stringify(entry.blueprint)} (${target.file}) to be mapped, got no mapping for it`);
    }
  }
  return errors;
}

/**
 * Every problem of the mapping against the blueprints, for the mapping as written and as each
 * deprovisioned-user policy in use rewrites it. Identical problems are reported once.
 */
export function mappingProblems(mapping: LoadedMapping, blueprints: readonly LoadedBlueprint[], policies: readonly DeprovisionedUserPolicy[] = ["keep"]): InputError[] {
  const byId = new Map(blueprints.map((b) => [b.document.identifier, b]));
  const problems: InputError[] = [];
  const jobs: Array<{ path: string; expr: string; note: string }> = [];
  mapping.entries.forEach((source, i) => {
    for (const policy of [...new Set<DeprovisionedUserPolicy>(["keep", ...policies])]) {
      // The policy rewrites each entry on its own: what entry i becomes under this policy.
      const generated = applyDeprovisionedUserPolicy([source], policy);
      generated.forEach((entry, k) => {
        const rewritten = entry !== source;
        const note = rewritten ? ` (in ${k === 0 ? "the rewrite" : "the delete entry"} that deprovisionedUsers "${policy}" generates from this entry)` : "";
        problems.push(...entryProblems(mapping.file, `$[${i}]`, entry, byId, note));
        for (const e of entryExpressions(entry)) jobs.push({ path: `$[${i}]${e.path}`, expr: e.expr, note });
      });
    }
  });
  const compile = jqCompileProblems(jobs.map((j) => j.expr));
  jobs.forEach((job, n) => {
    const problem = compile[n];
    if (problem) problems.push(new InputError(mapping.file, job.path, `expected a JQ expression that compiles with Port's engine, got ${JSON.stringify(job.expr)}: ${cleanJqError(problem)}${job.note}`));
  });
  // A rewritten entry repeats its source's problems: report each (path, problem) once.
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}\u0000${p.jsonPath}\u0000${p.problem.replace(/ \(in the (?:rewrite|delete entry) that deprovisionedUsers "\w+" generates from this entry\)$/, "")}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
