/**
 * Checks synthesized Terraform JSON against `terraform providers schema -json` documents:
 * no unknown attribute, every required attribute present, no computed-only attribute set,
 * and every literal value of the right type. This is what `terraform validate` would
 * report, without the provider binaries (which cannot be downloaded here).
 */

/** A Terraform type as the schema JSON writes it: "string", ["list","string"], ["object",{...}], ... */
type TfType = string | [string, unknown] | [string, Record<string, unknown>, string[]?];

interface SchemaAttribute {
  type?: TfType;
  nested_type?: SchemaNestedType;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
}
interface SchemaNestedType {
  attributes: Record<string, SchemaAttribute>;
  nesting_mode: "single" | "list" | "set" | "map";
}
interface SchemaBlock {
  attributes?: Record<string, SchemaAttribute>;
  block_types?: Record<string, { nesting_mode: string; block: SchemaBlock; min_items?: number; max_items?: number }>;
}
export interface ProviderSchemaDocument {
  provider_schemas: Record<string, { provider?: { block: SchemaBlock }; resource_schemas?: Record<string, { block: SchemaBlock }>; data_source_schemas?: Record<string, { block: SchemaBlock }> }>;
}

export interface Violation {
  /** Where in the synthesized JSON, e.g. `resource.port_webhook.x.mappings[0].entity.foo`. */
  path: string;
  problem: string;
}

/** Terraform meta-arguments valid on every resource and data source. */
const META_ARGUMENTS = new Set(["//", "count", "for_each", "depends_on", "provider", "lifecycle", "provisioner", "connection", "timeouts"]);
const PROVIDER_META = new Set(["alias", "version"]);

/** A string that Terraform evaluates (a reference or expression), so its type is only known at plan. */
const isExpression = (v: unknown) => typeof v === "string" && /^\$\{[\s\S]*\}$/.test(v) && !v.startsWith("$${");

function checkType(type: TfType, value: unknown, path: string, out: Violation[]): void {
  if (value === null || isExpression(value)) return;
  if (typeof type === "string") {
    const ok =
      type === "dynamic" ||
      (type === "string" && (typeof value === "string" || typeof value === "number" || typeof value === "boolean")) ||
      (type === "number" && (typeof value === "number" || (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value)))) ||
      (type === "bool" && (typeof value === "boolean" || value === "true" || value === "false"));
    if (!ok) out.push({ path, problem: `expected ${type}, got ${JSON.stringify(value)}` });
    return;
  }
  const [kind, inner] = type;
  if (kind === "list" || kind === "set") {
    if (!Array.isArray(value)) return void out.push({ path, problem: `expected ${kind} of ${JSON.stringify(inner)}, got ${JSON.stringify(value)}` });
    value.forEach((v, i) => checkType(inner as TfType, v, `${path}[${i}]`, out));
  } else if (kind === "map") {
    if (typeof value !== "object" || Array.isArray(value)) return void out.push({ path, problem: `expected map, got ${JSON.stringify(value)}` });
    for (const [k, v] of Object.entries(value as object)) checkType(inner as TfType, v, `${path}.${k}`, out);
  } else if (kind === "object") {
    if (typeof value !== "object" || Array.isArray(value)) return void out.push({ path, problem: `expected object, got ${JSON.stringify(value)}` });
    const fields = inner as Record<string, TfType>;
    for (const [k, v] of Object.entries(value as object)) {
      if (!(k in fields)) out.push({ path: `${path}.${k}`, problem: "unknown attribute" });
      else checkType(fields[k], v, `${path}.${k}`, out);
    }
  }
}

function checkAttributes(attributes: Record<string, SchemaAttribute>, value: Record<string, unknown>, path: string, out: Violation[], allowed: Set<string>): void {
  for (const [name, v] of Object.entries(value)) {
    if (allowed.has(name)) continue;
    const attr = attributes[name];
    if (!attr) {
      out.push({ path: `${path}.${name}`, problem: "unknown attribute" });
      continue;
    }
    if (attr.computed && !attr.optional && !attr.required) out.push({ path: `${path}.${name}`, problem: "computed-only attribute cannot be set" });
    if (attr.nested_type) checkNested(attr.nested_type, v, `${path}.${name}`, out);
    else if (attr.type) checkType(attr.type, v, `${path}.${name}`, out);
  }
  for (const [name, attr] of Object.entries(attributes)) {
    if (attr.required && value[name] === undefined) out.push({ path: `${path}.${name}`, problem: "required attribute is missing" });
  }
}

function checkNested(nested: SchemaNestedType, value: unknown, path: string, out: Violation[]): void {
  if (value === null || isExpression(value)) return;
  const one = (v: unknown, p: string) => {
    if (isExpression(v)) return;
    if (typeof v !== "object" || v === null || Array.isArray(v)) return void out.push({ path: p, problem: `expected an object, got ${JSON.stringify(v)}` });
    checkAttributes(nested.attributes, v as Record<string, unknown>, p, out, new Set());
  };
  switch (nested.nesting_mode) {
    case "single":
      return one(value, path);
    case "list":
    case "set":
      if (!Array.isArray(value)) return void out.push({ path, problem: `expected a ${nested.nesting_mode} of objects, got ${JSON.stringify(value)}` });
      return value.forEach((v, i) => one(v, `${path}[${i}]`));
    case "map":
      if (typeof value !== "object" || Array.isArray(value)) return void out.push({ path, problem: `expected a map of objects, got ${JSON.stringify(value)}` });
      for (const [k, v] of Object.entries(value as object)) one(v, `${path}.${k}`);
  }
}

function checkBlock(block: SchemaBlock, value: Record<string, unknown>, path: string, out: Violation[], allowed: Set<string>): void {
  const blockTypes = block.block_types ?? {};
  const attrValues: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const bt = blockTypes[k];
    if (!bt) {
      attrValues[k] = v;
      continue;
    }
    const items = Array.isArray(v) ? v : [v];
    items.forEach((item, i) => checkBlock(bt.block, item as Record<string, unknown>, `${path}.${k}[${i}]`, out, new Set()));
  }
  checkAttributes(block.attributes ?? {}, attrValues, path, out, allowed);
  for (const [k, bt] of Object.entries(blockTypes)) {
    if (bt.min_items && value[k] === undefined) out.push({ path: `${path}.${k}`, problem: "required block is missing" });
  }
}

/** Index of the schemas by local provider name (the key in required_providers). */
function schemasByLocalName(stack: Record<string, any>, documents: ProviderSchemaDocument[]): Map<string, { provider?: { block: SchemaBlock }; resource_schemas?: Record<string, { block: SchemaBlock }>; data_source_schemas?: Record<string, { block: SchemaBlock }> }> {
  const bySource = new Map<string, any>();
  for (const doc of documents) for (const [fqpn, schema] of Object.entries(doc.provider_schemas)) bySource.set(fqpn.replace(/^registry\.terraform\.io\//, ""), schema);
  const result = new Map();
  for (const [local, req] of Object.entries<Record<string, string>>(stack.terraform?.required_providers ?? {})) {
    const schema = bySource.get(req.source.replace(/^registry\.terraform\.io\//, ""));
    if (schema) result.set(local, schema);
  }
  return result;
}

/**
 * Every violation of the stack's providers, resources and data sources against the schemas.
 * Types whose provider has no schema given are reported, so nothing is skipped silently.
 */
export function checkStackAgainstSchemas(stack: Record<string, any>, documents: ProviderSchemaDocument[]): Violation[] {
  const out: Violation[] = [];
  const schemas = schemasByLocalName(stack, documents);
  const localNameOf = (type: string) => [...schemas.keys()].find((n) => type === n || type.startsWith(`${n}_`)) ?? type.split("_")[0];
  for (const [name, configs] of Object.entries<unknown[]>(stack.provider ?? {})) {
    const schema = schemas.get(name);
    if (!schema?.provider) {
      out.push({ path: `provider.${name}`, problem: "no provider schema for this provider" });
      continue;
    }
    configs.forEach((c, i) => checkBlock(schema.provider!.block, c as Record<string, unknown>, `provider.${name}[${i}]`, out, PROVIDER_META));
  }
  for (const [kind, schemaKey] of [["resource", "resource_schemas"], ["data", "data_source_schemas"]] as const) {
    for (const [type, instances] of Object.entries<Record<string, Record<string, unknown>>>(stack[kind] ?? {})) {
      const schema = schemas.get(localNameOf(type))?.[schemaKey]?.[type];
      if (!schema) {
        out.push({ path: `${kind}.${type}`, problem: `no ${kind === "data" ? "data source" : "resource"} schema for this type` });
        continue;
      }
      for (const [id, config] of Object.entries(instances)) checkBlock(schema.block, config, `${kind}.${type}.${id}`, out, META_ARGUMENTS);
    }
  }
  return out;
}
