/**
 * Port's webhook mapping JSON (the array shown under "Map the data" in Port), as kept in
 * `mappings/`. One file per webhook; the kit ships one, for the Okta webhook.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { InputError, InputErrors, pathSegment, readJsonFile } from "../util/json-file";
import { isObject } from "../util/is-object";

/** `operation` as Port accepts it: a bare string or an object. */
export type MappingOperation = "create" | "delete" | { type: "create" | "delete"; deleteDependents?: boolean };

/** A JQ expression, or (for relations and identifiers) a Port search query object. */
export type MappingValue = string | Record<string, unknown>;

export interface WebhookMappingEntry {
  blueprint: string;
  operation?: MappingOperation;
  filter?: string;
  itemsToParse?: string;
  entity: {
    identifier: MappingValue;
    title?: string;
    icon?: string;
    team?: string;
    properties?: Record<string, string>;
    relations?: Record<string, MappingValue>;
  };
}

export interface LoadedMapping {
  file: string;
  entries: WebhookMappingEntry[];
}

/** How the kit treats Okta users whose status is DEPROVISIONED. */
export type DeprovisionedUserPolicy = "keep" | "delete";

/** The operation type of an entry, whichever form it is written in. */
export function operationType(entry: Pick<WebhookMappingEntry, "operation">): "create" | "delete" {
  const op = entry.operation ?? "create";
  return typeof op === "string" ? op : op.type;
}

/** Checks the shape of a mapping document; returns every problem found. */
export function mappingShapeErrors(file: string, doc: unknown): InputError[] {
  const errors: InputError[] = [];
  const err = (path: string, problem: string) => errors.push(new InputError(file, path, problem));
  if (!Array.isArray(doc)) {
    err("$", "expected Port's webhook mapping: an array of mapping entries");
    return errors;
  }
  if (doc.length === 0) err("$", "expected at least one mapping entry");
  doc.forEach((entry, i) => {
    const at = `$[${i}]`;
    if (!isObject(entry)) {
      err(at, "expected a mapping entry object");
      return;
    }
    if (typeof entry.blueprint !== "string" || !entry.blueprint) err(`${at}.blueprint`, "expected a blueprint identifier");
    const op = entry.operation;
    const opOk =
      op === undefined ||
      op === "create" ||
      op === "delete" ||
      (isObject(op) && (op.type === "create" || op.type === "delete") && (op.deleteDependents === undefined || typeof op.deleteDependents === "boolean"));
    if (!opOk) err(`${at}.operation`, `expected "create", "delete" or {"type": "create"|"delete", "deleteDependents"?: boolean}, got ${JSON.stringify(op)}`);
    for (const key of ["filter", "itemsToParse"]) {
      if (entry[key] !== undefined && typeof entry[key] !== "string") err(`${at}.${key}`, "expected a JQ expression string");
    }
    if (!isObject(entry.entity)) {
      err(`${at}.entity`, "expected an entity object with at least an identifier");
      return;
    }
    const entity = entry.entity;
    if (!(typeof entity.identifier === "string" && entity.identifier !== "") && !isObject(entity.identifier)) {
      err(`${at}.entity.identifier`, "expected a JQ expression (or a search query object)");
    }
    for (const key of ["title", "icon", "team"]) {
      if (entity[key] !== undefined && typeof entity[key] !== "string") err(`${at}.entity.${key}`, "expected a JQ expression string");
    }
    for (const key of ["properties", "relations"] as const) {
      const group = entity[key];
      if (group === undefined) continue;
      if (!isObject(group)) {
        err(`${at}.entity.${key}`, "expected an object of JQ expressions");
        continue;
      }
      for (const [id, value] of Object.entries(group)) {
        const ok = typeof value === "string" || (key === "relations" && isObject(value));
        if (!ok) err(`${at}.entity.${key}${pathSegment(id)}`, `expected a JQ expression string${key === "relations" ? " or a search query object" : ""}, got ${JSON.stringify(value)}`);
      }
    }
    for (const key of Object.keys(entity)) {
      if (!["identifier", "title", "icon", "team", "properties", "relations"].includes(key)) err(`${at}.entity${pathSegment(key)}`, "unknown key: Port's entity mapping has identifier, title, icon, team, properties, relations");
    }
  });
  return errors;
}

/** Loads the single mapping file of a folder (`mappings/*.json`). */
export function loadMapping(dir: string, displayDir = "mappings"): LoadedMapping {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort();
  if (files.length !== 1) {
    throw new InputErrors([new InputError(displayDir, "$", `expected exactly one webhook mapping JSON file, found ${files.length}${files.length ? ` (${files.join(", ")})` : ""}`)]);
  }
  const file = `${displayDir}/${files[0]}`;
  const doc = readJsonFile(join(dir, files[0]), file);
  const errors = mappingShapeErrors(file, doc);
  if (errors.length) throw new InputErrors(errors);
  return { file, entries: doc as WebhookMappingEntry[] };
}

/** The blueprint whose entries the deprovisioned-user policy rewrites. */
export const OKTA_USER_BLUEPRINT = "okta_user";

/**
 * Applies the environment's policy for DEPROVISIONED users to the mapping.
 *
 * - `keep` (default): the mapping as written; such users stay in Port with their status.
 * - `delete`: every create entry of `okta_user` skips DEPROVISIONED users, and a matching
 *   delete entry (same filter, same identifier) removes them from Port.
 *
 * The preview runs the very result of this function, so what it shows is what deploys.
 */
export function applyDeprovisionedUserPolicy(entries: WebhookMappingEntry[], policy: DeprovisionedUserPolicy): WebhookMappingEntry[] {
  if (policy === "keep") return entries;
  const result: WebhookMappingEntry[] = [];
  for (const entry of entries) {
    if (entry.blueprint !== OKTA_USER_BLUEPRINT || operationType(entry) !== "create") {
      result.push(entry);
      continue;
    }
    // The newline ends a trailing `# comment` in the user's filter before our parenthesis.
    const base = entry.filter ? `(${entry.filter}\n) and ` : "";
    result.push({ ...entry, filter: `${base}(.body.status != "DEPROVISIONED")` });
    result.push({
      blueprint: entry.blueprint,
      operation: { type: "delete" },
      filter: `${base}(.body.status == "DEPROVISIONED")`,
      ...(entry.itemsToParse ? { itemsToParse: entry.itemsToParse } : {}),
      entity: { identifier: entry.entity.identifier },
    });
  }
  return result;
}
