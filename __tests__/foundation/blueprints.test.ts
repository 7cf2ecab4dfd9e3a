import { TerraformStack, Testing } from "cdktf";
import { convertBlueprint } from "../../src/port/blueprint-conversion";
import type { BlueprintDocument, LoadedBlueprint } from "../../src/port/blueprint-document";
import { PortBlueprints } from "../../src/port/port-blueprints";
import { shippedInputs, synthStack } from "../helpers/synth";

const { environments, blueprints, mapping } = shippedInputs();
const { json } = synthStack(environments[0]);
const byIdentifier = Object.fromEntries(Object.values<Record<string, any>>(json.resource.port_blueprint).map((b) => [b.identifier, b]));
const doc = (id: string) => blueprints.find((b) => b.document.identifier === id)!.document;

describe("shipped blueprints, as synthesized", () => {
  test("one port_blueprint per file in blueprints/", () => {
    expect(Object.keys(byIdentifier).sort()).toEqual(blueprints.map((b) => b.document.identifier).sort());
  });

  test.each(blueprints.map((b) => [b.document.identifier, b.document] as const))("%s: every property converted with its type, format, enum and required flag", (id, d) => {
    const props = byIdentifier[id].properties;
    const required = new Set(d.schema.required ?? []);
    for (const [pid, p] of Object.entries(d.schema.properties)) {
      const converted = props[`${p.type}_props`][pid];
      expect(converted).toBeDefined();
      expect(converted.required).toBe(required.has(pid));
      expect(converted.title).toBe(p.title);
      expect(converted.description).toBe(p.description);
      if (p.format) expect(converted.format).toBe(p.format);
      if (p.enum) expect(converted.enum).toEqual(p.enum);
    }
    expect(byIdentifier[id]).toMatchObject({ title: d.title, icon: d.icon, description: d.description, force_delete_entities: false });
  });

  test("STAGED users are not rejected: activated and statusChanged are not required", () => {
    const user = byIdentifier.okta_user.properties.string_props;
    expect(user.activated.required).toBe(false);
    expect(user.statusChanged.required).toBe(false);
  });

  test("relations the mapping fills: assignment -> user, assignment -> custom role, permission -> role, by reference", () => {
    const ref = (id: string) => expect.stringMatching(new RegExp(`^\\$\\{port_blueprint\\.[^.]*${id}[^.]*\\.identifier\\}$`));
    expect(byIdentifier.okta_role_assignment.relations).toEqual({
      user: { target: ref("okta_user"), title: "User", description: "The user who holds the role.", required: false, many: false },
      role: { target: ref("okta_role_\\w+"), title: "Custom Role", description: "The custom role assigned (empty for Okta's standard roles).", required: false, many: false },
    });
    expect(byIdentifier.okta_permission.relations.role.target).toEqual(ref("okta_role_\\w+"));
  });

  test("every declared relation is filled by the mapping, and the guide's never-filled ones are gone", () => {
    for (const b of blueprints) {
      const entries = mapping.entries.filter((e) => e.blueprint === b.document.identifier);
      for (const rel of Object.keys(b.document.relations ?? {})) expect(entries.some((e) => e.entity.relations?.[rel])).toBe(true);
    }
    expect(doc("okta_role").relations).toEqual({});
    expect(doc("okta_user").relations).toEqual({});
  });

  test("role-assignment identifiers are unique per user (group grants share the assignment id)", () => {
    const entry = mapping.entries.find((e) => e.blueprint === "okta_role_assignment")!;
    expect(entry.entity.identifier).toContain(".body.userId");
    expect(entry.entity.identifier).toContain(".body.id");
  });

  test("titles never null: every title has a fallback chain ending in an identifier", () => {
    for (const e of mapping.entries) expect(e.entity.title).toMatch(/\/\/ \.body\.(id|_links\.self\.href)$/);
  });
});

describe("convertBlueprint", () => {
  const base: BlueprintDocument = { identifier: "svc", title: "Service", schema: { properties: {} } };

  test("every JSON Schema type and constraint maps to the provider's props", () => {
    const { config, warnings } = convertBlueprint({
      ...base,
      schema: {
        properties: {
          url: { type: "string", format: "url", pattern: "^https://", minLength: 8, maxLength: 200, default: "https://x" },
          tier: { type: "string", enum: ["a", "b"], enumColors: { a: "red" } },
          replicas: { type: "number", minimum: 1, maximum: 9, default: 2 },
          level: { type: "number", enum: [1, 2] },
          public: { type: "boolean", default: false },
          tags: { type: "array", items: { type: "string", format: "email", enum: ["x@y.z"] }, minItems: 1, maxItems: 3 },
          ports: { type: "array", items: { type: "number" } },
          flags: { type: "array", items: { type: "boolean" } },
          docs: { type: "array", items: { type: "object" } },
          meta: { type: "object", default: { b: 1, a: [2] } },
        },
        required: ["url"],
      },
    });
    expect(warnings).toEqual([]);
    expect(config.properties).toEqual({
      stringProps: {
        url: { format: "url", pattern: "^https://", minLength: 8, maxLength: 200, default: "https://x", required: true },
        tier: { enum: ["a", "b"], enumColors: { a: "red" }, required: false },
      },
      numberProps: { replicas: { minimum: 1, maximum: 9, default: 2, required: false }, level: { enum: [1, 2], required: false } },
      booleanProps: { public: { default: false, required: false } },
      arrayProps: {
        tags: { minItems: 1, maxItems: 3, required: false, stringItems: { format: "email", enum: ["x@y.z"] } },
        ports: { required: false, numberItems: {} },
        flags: { required: false, booleanItems: {} },
        docs: { required: false, objectItems: {} },
      },
      // Object defaults become canonical JSON (sorted keys) so plans do not drift.
      objectProps: { meta: { default: '{"a":[2],"b":1}', required: false } },
    });
  });

  test("mirror and calculation properties, relations with defaults", () => {
    const { config } = convertBlueprint({
      ...base,
      mirrorProperties: { owner: { path: "team.$title", title: "Owner" } },
      calculationProperties: { link: { calculation: "'x' + .identifier", type: "string", format: "url" } },
      relations: { team: { target: "team" } },
    });
    expect(config.mirrorProperties).toEqual({ owner: { path: "team.$title", title: "Owner" } });
    expect(config.calculationProperties).toEqual({ link: { calculation: "'x' + .identifier", type: "string", format: "url" } });
    expect(config.relations).toEqual({ team: { target: "team", required: false, many: false } });
  });

  test("what the provider cannot express is reported, never silently dropped", () => {
    const { config, warnings } = convertBlueprint({
      ...base,
      schema: { properties: { type: { type: "object", properties: { id: { type: "string" } } }, n: { type: "integer" } } },
      aggregationProperties: { count: { title: "Count" } },
    });
    expect(warnings.map((w) => w.jsonPath)).toEqual(["$.schema.properties.type.properties", "$.schema.properties.n.type", "$.aggregationProperties"]);
    expect(warnings[0].message).toContain("sub-properties of an object property");
    expect(config.properties?.objectProps).toEqual({ type: { required: false } });
  });

  test("a conversion warning becomes a synth warning naming file, blueprint and property", () => {
    const loaded: LoadedBlueprint = {
      file: "blueprints/okta_user.json",
      document: { ...base, identifier: "okta_user", schema: { properties: { type: { type: "object", properties: { id: { type: "string" } } } } } },
    };
    const construct = new PortBlueprints(new TerraformStack(Testing.app(), "s"), "blueprints", { blueprints: [loaded] });
    const messages = construct.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data)));
    expect(messages).toEqual(['blueprints/okta_user.json: $.schema.properties.type.properties: blueprint "okta_user": port_blueprint cannot express sub-properties of an object property; left out of property "type"']);
  });

  test("the shipped blueprints convert with no warning", () => {
    for (const b of blueprints) expect(convertBlueprint(b.document).warnings).toEqual([]);
  });
});
