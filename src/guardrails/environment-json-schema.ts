/**
 * The JSON Schema of `environments/*.json`, generated from the zod schema that validates
 * them (src/config/environment.ts), so editors complete and check the files with the same
 * rules synth applies. `npm run schema` writes it; a test fails when the committed file
 * differs from what this returns.
 */
import { z } from "zod";
import { AWS_REGIONS } from "../config/aws-regions";
import { environmentSchema } from "../config/environment";

/** Where the schema is written, relative to the project root. */
export const ENVIRONMENT_SCHEMA_FILE = "environments/environment.schema.json";

type JsonSchema = Record<string, unknown>;

/**
 * Refinements (custom checks such as the AWS region list or URL syntax) have no JSON
 * Schema form; these hints restore completion for them. They only narrow what editors
 * suggest: zod remains the validator.
 */
function addEditorHints(node: unknown, key?: string): void {
  if (Array.isArray(node)) return node.forEach((n) => addEditorHints(n));
  if (node === null || typeof node !== "object") return;
  const s = node as JsonSchema;
  if (s.type === "string" && s.enum === undefined && s.const === undefined) {
    if (key === "region") s.enum = [...AWS_REGIONS];
    if (key === "serverUrl") s.format = "uri";
    if (key === "startDate") {
      s.format = "date-time";
      s.examples = ["2000-01-01T00:00:00Z"];
    }
    if (key === "cron") s.examples = ["0 0 2 * * ?", "0 0 */6 * * ?"];
  }
  for (const [k, v] of Object.entries(s)) {
    if (k === "properties" && v && typeof v === "object") for (const [p, child] of Object.entries(v)) addEditorHints(child, p);
    else addEditorHints(v);
  }
}

/** The JSON Schema document for environment files (input form: defaults make keys optional). */
export function environmentJsonSchema(): JsonSchema {
  const schema = z.toJSONSchema(environmentSchema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  addEditorHints(schema);
  return {
    $schema: schema.$schema,
    $id: "environment.schema.json",
    title: "Okta -> Airbyte -> S3 -> Port kit: environment",
    description: "Generated from src/config/environment.ts by `npm run schema`; do not edit by hand.",
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== "$schema")),
  };
}

/** The file's exact text: two-space JSON and a final newline. */
export function environmentJsonSchemaText(): string {
  return `${JSON.stringify(environmentJsonSchema(), null, 2)}\n`;
}
