/**
 * Checks an entity the mapping produced against its blueprint (the same `blueprints/*.json`
 * synth deploys): identifier, title, required properties, types, formats, enums, patterns
 * and bounds, declared relations. What Port would refuse is reported as a reason string.
 */
import { BlueprintDocument, BlueprintPropertyDocument } from "../port/blueprint-document";
import { pathSegment } from "../util/json-path";

/** Port's entity identifier pattern. */
export const ENTITY_IDENTIFIER = /^[A-Za-z0-9@_.+:\\/=-]+$/;

export interface EntityValues {
  identifier: unknown;
  title?: unknown;
  properties: Record<string, unknown>;
  relations: Record<string, unknown>;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:?\d{2})$/;
// ajv-formats' email (the JSON Schema validator behind Port's blueprint schemas).
const EMAIL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;

function formatProblem(format: string, value: string): string | undefined {
  switch (format) {
    case "date-time":
    case "timer":
      return DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)) ? undefined : "expected an ISO 8601 date-time with time zone, like 2025-03-07T12:00:00Z";
    case "email":
    case "user":
      return EMAIL.test(value) ? undefined : "expected an email address";
    case "url":
      return URL.canParse(value) ? undefined : "expected a URL";
    case "ipv4":
      return IPV4.test(value) ? undefined : "expected an IPv4 address";
    case "ipv6":
      return value.includes(":") && /^[0-9A-Fa-f:.]+$/.test(value) ? undefined : "expected an IPv6 address";
    default:
      return undefined; // markdown, yaml, team, proto...: any string
  }
}

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v === "number" ? (Number.isInteger(v) ? "integer" : "number") : typeof v;
}

const show = (v: unknown) => {
  const s = JSON.stringify(v);
  return s === undefined ? "nothing" : s.length > 60 ? `${s.slice(0, 57)}...` : s;
};

function valueProblem(schema: { type?: string; format?: string; enum?: unknown[]; pattern?: string; minLength?: number; maxLength?: number; minimum?: number; maximum?: number; minItems?: number; maxItems?: number; items?: BlueprintPropertyDocument["items"] }, value: unknown): string | undefined {
  const t = typeOf(value);
  const expected = schema.type;
  const typeOk = expected === undefined || expected === t || (expected === "number" && t === "integer");
  if (!typeOk) return `expected ${expected}, got ${t} ${show(value)}`;
  if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) return `expected one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}, got ${show(value)}`;
  if (typeof value === "string") {
    if (schema.format) {
      const p = formatProblem(schema.format, value);
      if (p) return `${p} (format ${schema.format}), got ${show(value)}`;
    }
    if (schema.pattern && !new RegExp(schema.pattern, "u").test(value)) return `expected to match ${schema.pattern}, got ${show(value)}`;
    if (schema.minLength !== undefined && [...value].length < schema.minLength) return `expected at least ${schema.minLength} characters, got ${show(value)}`;
    if (schema.maxLength !== undefined && [...value].length > schema.maxLength) return `expected at most ${schema.maxLength} characters, got ${[...value].length}`;
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) return `expected at least ${schema.minimum}, got ${value}`;
    if (schema.maximum !== undefined && value > schema.maximum) return `expected at most ${schema.maximum}, got ${value}`;
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) return `expected at least ${schema.minItems} items, got ${value.length}`;
    if (schema.maxItems !== undefined && value.length > schema.maxItems) return `expected at most ${schema.maxItems} items, got ${value.length}`;
    if (schema.items) {
      for (let i = 0; i < value.length; i++) {
        if (value[i] === null) continue;
        const p = valueProblem(schema.items as Parameters<typeof valueProblem>[0], value[i]);
        if (p) return `item ${i}: ${p}`;
      }
    }
  }
  return undefined;
}

/** Every problem of one entity against its blueprint (empty when Port would accept it). */
export function entityProblems(blueprint: BlueprintDocument, entity: EntityValues): string[] {
  const problems: string[] = [];
  const id = entity.identifier;
  if (typeof id !== "string" || id === "") problems.push(`identifier: expected a non-empty string, got ${show(id)}`);
  else if (!ENTITY_IDENTIFIER.test(id)) problems.push(`identifier: expected letters, digits and @_.+:\\/=- only, got ${show(id)}`);
  if (entity.title !== undefined && entity.title !== null && typeof entity.title !== "string") problems.push(`title: expected a string, got ${show(entity.title)}`);
  const props = blueprint.schema.properties;
  for (const name of blueprint.schema.required ?? []) {
    const v = entity.properties[name];
    if (v === undefined || v === null) problems.push(`properties${pathSegment(name)}: required by blueprint ${blueprint.identifier}, got ${v === null ? "null" : "nothing"}`);
  }
  for (const [name, value] of Object.entries(entity.properties)) {
    const schema = props[name];
    if (!schema) {
      problems.push(`properties${pathSegment(name)}: not a property of blueprint ${blueprint.identifier}`);
      continue;
    }
    if (value === null || value === undefined) continue;
    const p = valueProblem(schema, value);
    if (p) problems.push(`properties${pathSegment(name)}: ${p}`);
  }
  const relations = blueprint.relations ?? {};
  for (const [name, rel] of Object.entries(relations)) {
    const v = entity.relations[name];
    if (rel.required && (v === undefined || v === null || (Array.isArray(v) && v.length === 0))) problems.push(`relations${pathSegment(name)}: required by blueprint ${blueprint.identifier}, got ${show(v ?? null)}`);
  }
  for (const [name, value] of Object.entries(entity.relations)) {
    const rel = relations[name];
    if (!rel) {
      problems.push(`relations${pathSegment(name)}: not a relation of blueprint ${blueprint.identifier}`);
      continue;
    }
    if (value === null || value === undefined) continue;
    if (rel.many) {
      if (!Array.isArray(value) || value.some((x) => typeof x !== "string")) problems.push(`relations${pathSegment(name)}: expected an array of identifiers (many), got ${show(value)}`);
    } else if (typeof value !== "string") problems.push(`relations${pathSegment(name)}: expected one identifier, got ${show(value)}`);
  }
  return problems;
}

/** The identifiers a relation value points to. */
export function relationTargets(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((x): x is string => typeof x === "string");
  return [];
}
