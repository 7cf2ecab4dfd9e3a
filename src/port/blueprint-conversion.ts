/**
 * Converts Port's blueprint JSON (JSON Schema properties) into the `port_blueprint`
 * arguments of provider port-labs 2.23.1 (`string_props`, `number_props`, ...).
 *
 * Pure: returns the arguments plus a list of everything the provider cannot express, so
 * the construct can report each as a synth warning. Nothing is dropped without a word.
 */
import type {
  PortBlueprintCalculationProperties,
  PortBlueprintConfig,
  PortBlueprintMirrorProperties,
  PortBlueprintProperties,
  PortBlueprintPropertiesArrayProps,
  PortBlueprintPropertiesBooleanProps,
  PortBlueprintPropertiesNumberProps,
  PortBlueprintPropertiesObjectProps,
  PortBlueprintPropertiesStringProps,
  PortBlueprintRelations,
} from "../../.gen/providers/port/port-blueprint";
import { canonicalJson, pathSegment } from "../util/json-file";
import type { BlueprintDocument, BlueprintPropertyDocument } from "./blueprint-document";

/** Something in a blueprint file that the provider cannot express, and was left out. */
export interface ConversionWarning {
  /** JSON path in the blueprint file, e.g. `$.schema.properties.type.properties`. */
  jsonPath: string;
  message: string;
}

export interface ConvertedBlueprint {
  /** Arguments for `port_blueprint`; relation targets are blueprint identifiers (strings). */
  config: Omit<PortBlueprintConfig, "dependsOn" | "provider" | "lifecycle">;
  warnings: ConversionWarning[];
}

/** Property types Port blueprints have (JSON Schema `type`). */
export const PORT_PROPERTY_TYPES = ["string", "number", "boolean", "array", "object"] as const;

const COMMON_KEYS = ["type", "title", "description", "icon"];
const KEYS_BY_TYPE: Record<string, string[]> = {
  string: ["format", "enum", "enumColors", "pattern", "minLength", "maxLength", "default", "spec", "dateFormat"],
  number: ["enum", "enumColors", "minimum", "maximum", "default"],
  boolean: ["default"],
  array: ["items", "minItems", "maxItems", "default"],
  object: ["default", "spec", "format"],
};
const ITEM_KEYS_BY_TYPE: Record<string, string[]> = {
  string: ["type", "format", "enum", "enumColors", "pattern"],
  number: ["type"],
  boolean: ["type"],
  object: ["type", "format"],
};

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");
const isNumberArray = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === "number");

/** Copies the keys that are defined, so the synthesized JSON carries no nulls. */
function defined<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

function convertProperty(
  id: string,
  prop: BlueprintPropertyDocument,
  required: boolean,
  at: string,
  warn: (path: string, message: string) => void,
): { kind: keyof PortBlueprintProperties; value: object } | undefined {
  const known = [...COMMON_KEYS, ...(KEYS_BY_TYPE[prop.type] ?? [])];
  for (const key of Object.keys(prop)) {
    if (!known.includes(key)) {
      const what = key === "properties" || key === "additionalProperties" ? "sub-properties of an object property" : `"${key}" on a ${prop.type} property`;
      warn(`${at}${pathSegment(key)}`, `port_blueprint cannot express ${what}; left out of property "${id}"`);
    }
  }
  const common = { title: prop.title, description: prop.description, icon: prop.icon, required };
  switch (prop.type) {
    case "string":
      return {
        kind: "stringProps",
        value: defined<PortBlueprintPropertiesStringProps>({
          ...common,
          format: prop.format,
          enum: isStringArray(prop.enum) ? prop.enum : undefined,
          enumColors: prop.enumColors,
          pattern: prop.pattern,
          minLength: prop.minLength,
          maxLength: prop.maxLength,
          default: typeof prop.default === "string" ? prop.default : undefined,
          spec: prop.spec,
          dateFormat: typeof prop.dateFormat === "string" ? prop.dateFormat : undefined,
        }),
      };
    case "number":
      return {
        kind: "numberProps",
        value: defined<PortBlueprintPropertiesNumberProps>({
          ...common,
          enum: isNumberArray(prop.enum) ? prop.enum : undefined,
          enumColors: prop.enumColors,
          minimum: prop.minimum,
          maximum: prop.maximum,
          default: typeof prop.default === "number" ? prop.default : undefined,
        }),
      };
    case "boolean":
      return {
        kind: "booleanProps",
        value: defined<PortBlueprintPropertiesBooleanProps>({ ...common, default: typeof prop.default === "boolean" ? prop.default : undefined }),
      };
    case "array": {
      const items = prop.items ?? {};
      const itemType = items.type ?? "string";
      for (const key of Object.keys(items)) {
        if (!(ITEM_KEYS_BY_TYPE[itemType] ?? ["type"]).includes(key)) warn(`${at}.items${pathSegment(key)}`, `port_blueprint cannot express "${key}" on ${itemType} array items; left out of property "${id}"`);
      }
      const dflt = Array.isArray(prop.default) ? prop.default : undefined;
      const value: PortBlueprintPropertiesArrayProps = defined({ ...common, minItems: prop.minItems, maxItems: prop.maxItems });
      switch (itemType) {
        case "string":
          return { kind: "arrayProps", value: { ...value, stringItems: defined({ format: items.format, enum: isStringArray(items.enum) ? items.enum : undefined, enumColors: items.enumColors as Record<string, string> | undefined, pattern: items.pattern, default: isStringArray(dflt) ? dflt : undefined }) } };
        case "number":
          return { kind: "arrayProps", value: { ...value, numberItems: defined({ default: isNumberArray(dflt) ? dflt : undefined }) } };
        case "boolean":
          return { kind: "arrayProps", value: { ...value, booleanItems: defined({ default: dflt as boolean[] | undefined }) } };
        case "object":
          return { kind: "arrayProps", value: { ...value, objectItems: defined({ format: items.format, default: dflt?.map((d) => canonicalJson(d)) }) } };
        default:
          warn(`${at}.items.type`, `unknown array item type "${itemType}"; expected string, number, boolean or object`);
          return { kind: "arrayProps", value };
      }
    }
    case "object":
      return {
        kind: "objectProps",
        value: defined<PortBlueprintPropertiesObjectProps>({
          ...common,
          spec: prop.spec,
          format: prop.format,
          // The provider takes the default as a JSON string; canonical form avoids plan drift.
          default: prop.default === undefined ? undefined : canonicalJson(prop.default),
        }),
      };
    default:
      warn(`${at}.type`, `unknown property type "${prop.type}"; expected one of ${PORT_PROPERTY_TYPES.join(", ")}; property "${id}" left out`);
      return undefined;
  }
}

const HANDLED_TOP_LEVEL = new Set([
  "identifier", "title", "icon", "description", "schema", "mirrorProperties", "calculationProperties",
  "aggregationProperties", "relations", "teamInheritance", "ownership", "changelogDestination",
  // Read-only fields Port adds when you copy a blueprint's JSON out of its UI.
  "createdAt", "createdBy", "updatedAt", "updatedBy",
]);

/** Converts one blueprint document; see ConvertedBlueprint. */
export function convertBlueprint(doc: BlueprintDocument): ConvertedBlueprint {
  const warnings: ConversionWarning[] = [];
  const warn = (jsonPath: string, message: string) => warnings.push({ jsonPath, message });
  const requiredIds = new Set(doc.schema.required ?? []);

  const properties: Record<keyof PortBlueprintProperties, Record<string, object>> = {
    stringProps: {}, numberProps: {}, booleanProps: {}, arrayProps: {}, objectProps: {},
  };
  for (const [id, prop] of Object.entries(doc.schema.properties)) {
    const converted = convertProperty(id, prop, requiredIds.has(id), `$.schema.properties${pathSegment(id)}`, warn);
    if (converted) properties[converted.kind][id] = converted.value;
  }
  for (const key of Object.keys(doc.schema)) {
    if (key !== "properties" && key !== "required") warn(`$.schema${pathSegment(key)}`, `port_blueprint cannot express schema key "${key}"; left out`);
  }

  const relations: Record<string, PortBlueprintRelations> = {};
  for (const [id, rel] of Object.entries(doc.relations ?? {})) {
    relations[id] = defined({ target: rel.target, title: rel.title, description: rel.description, required: rel.required ?? false, many: rel.many ?? false });
    for (const key of Object.keys(rel)) {
      if (!["target", "title", "description", "required", "many"].includes(key)) warn(`$.relations${pathSegment(id)}${pathSegment(key)}`, `port_blueprint cannot express "${key}" on a relation; left out`);
    }
  }

  const mirrorProperties: Record<string, PortBlueprintMirrorProperties> = {};
  for (const [id, mirror] of Object.entries(doc.mirrorProperties ?? {})) mirrorProperties[id] = defined({ path: mirror.path, title: mirror.title });

  const calculationProperties: Record<string, PortBlueprintCalculationProperties> = {};
  for (const [id, calc] of Object.entries(doc.calculationProperties ?? {})) {
    calculationProperties[id] = defined({
      calculation: calc.calculation,
      type: calc.type,
      title: calc.title as string | undefined,
      description: calc.description as string | undefined,
      icon: calc.icon as string | undefined,
      format: calc.format as string | undefined,
      colorized: calc.colorized as boolean | undefined,
      colors: calc.colors as Record<string, string> | undefined,
    });
  }

  if (Object.keys(doc.aggregationProperties ?? {}).length > 0) {
    warn("$.aggregationProperties", "port_blueprint (provider 2.23.1) has no aggregation properties; left out (manage them with a separate resource)");
  }
  for (const key of Object.keys(doc)) {
    if (!HANDLED_TOP_LEVEL.has(key)) warn(`$${pathSegment(key)}`, `port_blueprint cannot express "${key}"; left out`);
  }
  if (doc.changelogDestination !== undefined) warn("$.changelogDestination", "changelog destinations are not converted; left out");

  const nonEmpty = <T extends object>(o: Record<string, T>) => (Object.keys(o).length ? o : undefined);
  const team = doc.teamInheritance as { path?: string } | undefined;
  const ownership = doc.ownership as { type?: string; path?: string; title?: string } | undefined;
  const config = defined({
    identifier: doc.identifier,
    title: doc.title,
    icon: doc.icon,
    description: doc.description,
    properties: defined<PortBlueprintProperties>({
      stringProps: nonEmpty(properties.stringProps),
      numberProps: nonEmpty(properties.numberProps),
      booleanProps: nonEmpty(properties.booleanProps),
      arrayProps: nonEmpty(properties.arrayProps),
      objectProps: nonEmpty(properties.objectProps),
    }),
    relations: nonEmpty(relations),
    mirrorProperties: nonEmpty(mirrorProperties),
    calculationProperties: nonEmpty(calculationProperties),
    teamInheritance: team?.path ? { path: team.path } : undefined,
    ownership: ownership?.type ? defined({ type: ownership.type, path: ownership.path, title: ownership.title }) : undefined,
  });
  return { config, warnings };
}
