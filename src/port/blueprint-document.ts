/**
 * Port's own blueprint JSON (what "Edit JSON" shows in Port), as kept in `blueprints/`.
 * Only the shape is checked here; conversion to the Terraform provider lives in
 * `blueprint-conversion.ts`, and cross-file checks in `src/validation/`.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { InputError, InputErrors, pathSegment, readJsonFile } from "../util/json-file";
import { isObject } from "../util/is-object";

/** One property of `schema.properties`, in JSON Schema terms as Port writes it. */
export interface BlueprintPropertyDocument {
  type: string;
  title?: string;
  description?: string;
  icon?: string;
  format?: string;
  enum?: unknown[];
  enumColors?: Record<string, string>;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: { type?: string; format?: string; enum?: unknown[]; pattern?: string; [key: string]: unknown };
  default?: unknown;
  spec?: string;
  [key: string]: unknown;
}

export interface BlueprintRelationDocument {
  target: string;
  title?: string;
  description?: string;
  required?: boolean;
  many?: boolean;
  [key: string]: unknown;
}

export interface BlueprintDocument {
  identifier: string;
  title: string;
  icon?: string;
  description?: string;
  schema: {
    properties: Record<string, BlueprintPropertyDocument>;
    required?: string[];
    [key: string]: unknown;
  };
  mirrorProperties?: Record<string, { path: string; title?: string }>;
  calculationProperties?: Record<string, Record<string, unknown> & { calculation: string; type: string }>;
  aggregationProperties?: Record<string, unknown>;
  relations?: Record<string, BlueprintRelationDocument>;
  [key: string]: unknown;
}

/** A blueprint with the file it came from, so every later message can name that file. */
export interface LoadedBlueprint {
  file: string;
  document: BlueprintDocument;
}

/** Checks the shape of one blueprint document; returns every problem found. */
export function blueprintShapeErrors(file: string, doc: unknown): InputError[] {
  const errors: InputError[] = [];
  const err = (path: string, problem: string) => errors.push(new InputError(file, path, problem));
  if (!isObject(doc)) {
    err("$", `expected a Port blueprint object, got ${JSON.stringify(doc)?.slice(0, 40)}`);
    return errors;
  }
  for (const key of ["identifier", "title"] as const) {
    if (typeof doc[key] !== "string" || doc[key] === "") err(`$.${key}`, `expected a non-empty string, got ${JSON.stringify(doc[key])}`);
  }
  const schema = doc.schema;
  if (!isObject(schema)) {
    err("$.schema", "expected an object with `properties`");
    return errors;
  }
  if (!isObject(schema.properties)) err("$.schema.properties", "expected an object of properties");
  else {
    for (const [id, prop] of Object.entries(schema.properties)) {
      const at = `$.schema.properties${pathSegment(id)}`;
      if (!isObject(prop)) err(at, "expected a property object");
      else if (typeof prop.type !== "string") err(`${at}.type`, `expected a JSON Schema type string, got ${JSON.stringify(prop.type)}`);
    }
  }
  if (schema.required !== undefined && !(Array.isArray(schema.required) && schema.required.every((r) => typeof r === "string"))) {
    err("$.schema.required", "expected an array of property identifiers");
  }
  for (const key of ["mirrorProperties", "calculationProperties", "aggregationProperties", "relations"]) {
    if (doc[key] !== undefined && !isObject(doc[key])) err(`$.${key}`, "expected an object");
  }
  if (isObject(doc.relations)) {
    for (const [id, rel] of Object.entries(doc.relations)) {
      const at = `$.relations${pathSegment(id)}`;
      if (!isObject(rel) || typeof rel.target !== "string") err(`${at}.target`, "expected the identifier of the target blueprint");
    }
  }
  return errors;
}

/**
 * Loads every `*.json` in a folder as a Port blueprint, in file-name order (so synth is
 * deterministic). All shape problems of all files are reported together.
 */
export function loadBlueprints(dir: string, displayDir = "blueprints"): LoadedBlueprint[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort();
  const loaded: LoadedBlueprint[] = [];
  const errors: InputError[] = [];
  for (const name of files) {
    const file = `${displayDir}/${name}`;
    try {
      const doc = readJsonFile(join(dir, name), file);
      const problems = blueprintShapeErrors(file, doc);
      if (problems.length) errors.push(...problems);
      else loaded.push({ file, document: doc as BlueprintDocument });
    } catch (e) {
      if (e instanceof InputError) errors.push(e);
      else throw e;
    }
  }
  if (files.length === 0) errors.push(new InputError(displayDir, "$", "expected at least one blueprint JSON file"));
  if (errors.length) throw new InputErrors(errors);
  return loaded;
}
