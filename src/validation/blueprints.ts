/**
 * Cross-checks of the blueprint files, after each file's shape was checked on load
 * (src/port/blueprint-document.ts): identifiers, property types and formats, required
 * properties, relation targets. Every problem names the file and the JSON path.
 */
import { PORT_PROPERTY_TYPES } from "../port/blueprint-conversion";
import type { LoadedBlueprint } from "../port/blueprint-document";
import { InputError, pathSegment } from "../util/json-file";

/** Port's string property formats (docs.port.io, "Property types"). */
export const PORT_STRING_FORMATS = ["date-time", "url", "email", "ipv4", "ipv6", "yaml", "markdown", "user", "team", "timer", "proto", "entity"] as const;

/** Item types of an array property. */
export const PORT_ARRAY_ITEM_TYPES = ["string", "number", "boolean", "object"] as const;

/** Port's system blueprints, valid relation targets without a file in blueprints/. */
export const PORT_SYSTEM_BLUEPRINTS = ["_user", "_team"] as const;

/** Identifier syntax of Port blueprints, properties and relations. */
export const PORT_IDENTIFIER = /^[A-Za-z0-9@_=-]+$/;

const list = (values: readonly string[]) => values.map((v) => JSON.stringify(v)).join(", ");

/** Every cross-file problem of a set of blueprints (empty when they are consistent). */
export function blueprintProblems(blueprints: readonly LoadedBlueprint[]): InputError[] {
  const errors: InputError[] = [];
  const firstFileOf = new Map<string, string>();
  for (const { file, document: doc } of blueprints) {
    const err = (path: string, problem: string) => errors.push(new InputError(file, path, problem));
    if (!PORT_IDENTIFIER.test(doc.identifier)) err("$.identifier", `expected a Port identifier (letters, digits and @_=-), got ${JSON.stringify(doc.identifier)}`);
    const first = firstFileOf.get(doc.identifier);
    if (first) err("$.identifier", `duplicate blueprint identifier ${JSON.stringify(doc.identifier)}: ${first} declares it too; expected each identifier once`);
    else firstFileOf.set(doc.identifier, file);
  }
  const known = new Set<string>([...firstFileOf.keys(), ...PORT_SYSTEM_BLUEPRINTS]);

  for (const { file, document: doc } of blueprints) {
    const err = (path: string, problem: string) => errors.push(new InputError(file, path, problem));
    const properties = doc.schema.properties;
    for (const [id, prop] of Object.entries(properties)) {
      const at = `$.schema.properties${pathSegment(id)}`;
      if (!PORT_IDENTIFIER.test(id)) err(at, `expected a property identifier of letters, digits and @_=-, got ${JSON.stringify(id)}`);
      if (!(PORT_PROPERTY_TYPES as readonly string[]).includes(prop.type)) {
        err(`${at}.type`, `expected one of ${list(PORT_PROPERTY_TYPES)}, got ${JSON.stringify(prop.type)}`);
        continue;
      }
      if (prop.type === "string" && prop.format !== undefined && !(PORT_STRING_FORMATS as readonly string[]).includes(prop.format)) {
        err(`${at}.format`, `expected one of Port's string formats ${list(PORT_STRING_FORMATS)}, got ${JSON.stringify(prop.format)}`);
      }
      if (prop.type === "array" && prop.items !== undefined) {
        const itemType = prop.items.type ?? "string";
        if (!(PORT_ARRAY_ITEM_TYPES as readonly string[]).includes(itemType)) {
          err(`${at}.items.type`, `expected one of ${list(PORT_ARRAY_ITEM_TYPES)}, got ${JSON.stringify(itemType)}`);
        } else if (itemType === "string" && prop.items.format !== undefined && !(PORT_STRING_FORMATS as readonly string[]).includes(prop.items.format)) {
          err(`${at}.items.format`, `expected one of Port's string formats ${list(PORT_STRING_FORMATS)}, got ${JSON.stringify(prop.items.format)}`);
        }
      }
      if (prop.enum !== undefined && !Array.isArray(prop.enum)) err(`${at}.enum`, `expected an array of allowed values, got ${JSON.stringify(prop.enum)}`);
    }
    (doc.schema.required ?? []).forEach((id, i) => {
      if (!(id in properties)) err(`$.schema.required[${i}]`, `expected the identifier of a property in $.schema.properties (${list(Object.keys(properties))}), got ${JSON.stringify(id)}`);
    });
    for (const [id, rel] of Object.entries(doc.relations ?? {})) {
      const at = `$.relations${pathSegment(id)}`;
      if (!PORT_IDENTIFIER.test(id)) err(at, `expected a relation identifier of letters, digits and @_=-, got ${JSON.stringify(id)}`);
      if (id in properties) err(at, `relation ${JSON.stringify(id)} has the identifier of a property; expected distinct identifiers`);
      if (!known.has(rel.target)) err(`${at}.target`, `expected the identifier of a blueprint in blueprints/ (${list([...firstFileOf.keys()])}) or ${list(PORT_SYSTEM_BLUEPRINTS)}, got ${JSON.stringify(rel.target)}`);
      for (const key of ["required", "many"] as const) {
        if (rel[key] !== undefined && typeof rel[key] !== "boolean") err(`${at}.${key}`, `expected true or false, got ${JSON.stringify(rel[key])}`);
      }
    }
  }
  return errors;
}
