import { readFileSync } from "node:fs";
import { join } from "node:path";
import { checkStackAgainstSchemas, ProviderSchemaDocument } from "../../src/schema/provider-schema-conformance";
import { shippedInputs, synthStack, TerraformJson } from "../helpers/synth";

const providersDir = join(__dirname, "..", "..", "providers");
const schemas: ProviderSchemaDocument[] = ["airbyte-0.6.5.schema.json", "port-labs-2.23.1.schema.json"].map((f) =>
  JSON.parse(readFileSync(join(providersDir, f), "utf8")),
);

/** AWS resources (remote state, secrets from AWS) are checked by real `terraform validate` instead. */
const checkedHere = (v: { path: string; problem: string }) => !/^(provider\.aws|(resource|data)\.aws_)/.test(v.path);

const stacks: Array<[string, TerraformJson]> = shippedInputs().environments.map((env) => [env.name, synthStack(env).json]);

describe("every resource of every stack conforms to the vendored provider schemas", () => {
  test.each(stacks)("%s: zero violations", (_name, json) => {
    expect(checkStackAgainstSchemas(json, schemas).filter(checkedHere)).toEqual([]);
  });

  test("the check covers every airbyte and port resource type the stacks use", () => {
    const types = new Set(stacks.flatMap(([, json]) => Object.keys(json.resource ?? {})));
    for (const t of ["airbyte_destination_s3", "airbyte_source_okta", "airbyte_connection", "port_blueprint", "port_webhook"]) expect(types).toContain(t);
  });
});

describe("the conformance check fails when a violation is introduced", () => {
  const clone = (): TerraformJson => JSON.parse(JSON.stringify(stacks[0][1]));
  const first = (json: TerraformJson, type: string) => Object.values<any>(json.resource[type])[0];

  test("unknown attribute (a typo in a nested attribute)", () => {
    const json = clone();
    first(json, "airbyte_destination_s3").configuration.s3_bucket_pathh = "data/";
    expect(checkStackAgainstSchemas(json, schemas)).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: expect.stringMatching(/configuration\.s3_bucket_pathh$/), problem: "unknown attribute" })]),
    );
  });

  test("missing required attribute", () => {
    const json = clone();
    delete first(json, "airbyte_source_okta").workspace_id;
    expect(checkStackAgainstSchemas(json, schemas)).toEqual([expect.objectContaining({ path: expect.stringMatching(/workspace_id$/), problem: "required attribute is missing" })]);
  });

  test("wrong value type", () => {
    const json = clone();
    first(json, "port_webhook").enabled = "yes";
    expect(checkStackAgainstSchemas(json, schemas)).toEqual([expect.objectContaining({ path: expect.stringMatching(/\.enabled$/), problem: expect.stringContaining("expected bool") })]);
  });

  test("computed-only attribute set", () => {
    const json = clone();
    first(json, "port_webhook").webhook_key = "abc";
    expect(checkStackAgainstSchemas(json, schemas)).toEqual([expect.objectContaining({ problem: "computed-only attribute cannot be set" })]);
  });

  test("wrong shape of a nested map (blueprint property)", () => {
    const json = clone();
    first(json, "port_blueprint").properties.string_props = ["not", "a", "map"];
    expect(checkStackAgainstSchemas(json, schemas).length).toBeGreaterThan(0);
  });

  test("a resource type no schema knows", () => {
    const json = clone();
    json.resource.port_webhok = { x: {} };
    expect(checkStackAgainstSchemas(json, schemas)).toEqual([expect.objectContaining({ path: "resource.port_webhok" })]);
  });

  test("unknown provider argument", () => {
    const json = clone();
    json.provider.port[0].base_uri = "https://api.getport.io";
    expect(checkStackAgainstSchemas(json, schemas)).toEqual([expect.objectContaining({ path: "provider.port[0].base_uri" })]);
  });
});
