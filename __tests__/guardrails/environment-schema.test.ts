import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ENVIRONMENT_SCHEMA_FILE, environmentJsonSchema, environmentJsonSchemaText } from "../../src/guardrails/environment-json-schema";
import { ROOT } from "./harness";

describe("environments/environment.schema.json", () => {
  it("is exactly what `npm run schema` generates from the zod schema (no drift)", () => {
    expect(readFileSync(join(ROOT, ENVIRONMENT_SCHEMA_FILE), "utf8")).toBe(environmentJsonSchemaText());
  });

  it("is referenced by every environment file", () => {
    for (const name of ["dev", "staging", "prod"]) {
      expect(JSON.parse(readFileSync(join(ROOT, "environments", `${name}.json`), "utf8")).$schema).toBe("./environment.schema.json");
    }
  });

  it("rejects unknown keys, requires what the zod schema requires, and completes regions and enums", () => {
    const schema = environmentJsonSchema() as any;
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(expect.arrayContaining(["name", "airbyte", "okta", "s3", "port"]));
    expect(schema.properties.airbyte.additionalProperties).toBe(false);
    expect(schema.properties.s3.properties.region.enum).toContain("eu-west-1");
    expect(schema.properties.port.properties.region.enum).toEqual(["eu", "us"]);
    expect(schema.properties.port.properties.webhook.properties.identifier.maxLength).toBe(30);
    expect(schema.properties.airbyte.properties.serverUrl.format).toBe("uri");
  });
});
