import { parseEnvironment } from "../../src/config/environment";
import { blueprintsPreventDestroy, isProduction } from "../../src/config/operations";
import { prefixMappingEntries } from "../../src/port/identifier-prefix";
import { shippedInputs, synthStack } from "../helpers/synth";
import { variant } from "./helpers";

const kitIds = shippedInputs().blueprints.map((b) => b.document.identifier as string);

describe("identifier prefix (environments sharing one Port organization)", () => {
  const env = variant("staging", (d) => (d.port.identifierPrefix = "stg_"));
  const { json } = synthStack(env);
  const blueprints = Object.values<any>(json.resource.port_blueprint);
  const webhook = Object.values<any>(json.resource.port_webhook)[0];

  test("every blueprint identifier gets the prefix", () => {
    expect(blueprints.map((b) => b.identifier).sort()).toEqual(kitIds.map((i) => `stg_${i}`).sort());
  });

  test("relations within the set point at the prefixed blueprints (resource references)", () => {
    const targets = blueprints.flatMap((b) => Object.values<any>(b.relations ?? {}).map((r) => r.target as string));
    expect(targets.length).toBeGreaterThan(0);
    for (const t of targets) expect(t).toMatch(/^\$\{port_blueprint\.[^.]+\.identifier\}$|^stg_/);
  });

  test("every mapping entry writes a prefixed blueprint; the webhook identifier is prefixed", () => {
    expect(webhook.identifier).toBe("stg_okta-airbyte-staging");
    expect(webhook.mappings.length).toBeGreaterThan(0);
    for (const m of webhook.mappings) expect(kitIds.map((i) => `stg_${i}`)).toContain(m.blueprint);
  });

  test("no prefix: identifiers unchanged", () => {
    const plain = synthStack(variant("staging")).json;
    expect(Object.values<any>(plain.resource.port_blueprint).map((b) => b.identifier).sort()).toEqual([...kitIds].sort());
    expect(Object.values<any>(plain.resource.port_webhook)[0].identifier).toBe("okta-airbyte-staging");
  });

  test("search-query identifiers and relations get the prefix on $blueprint rules; other blueprints are left alone", () => {
    const entries = prefixMappingEntries(
      [
        {
          blueprint: "okta_user",
          entity: {
            identifier: ".body.id",
            relations: { role: { combinator: "and", rules: [{ property: "$blueprint", operator: "=", value: "okta_role" }, { property: "$identifier", operator: "=", value: ".body.role" }] }, team: ".body.team" },
          },
        },
        { blueprint: "_team", entity: { identifier: ".body.team" } },
      ],
      "stg_",
      new Set(kitIds),
    );
    expect(entries[0].blueprint).toBe("stg_okta_user");
    expect((entries[0].entity.relations!.role as any).rules[0].value).toBe("stg_okta_role");
    expect((entries[0].entity.relations!.role as any).rules[1].value).toBe(".body.role");
    expect(entries[0].entity.relations!.team).toBe(".body.team");
    expect(entries[1].blueprint).toBe("_team");
  });

  test("prefix + webhook identifier over 30 characters is rejected, naming the field", () => {
    const doc = JSON.parse(JSON.stringify(variant("staging")));
    doc.port.identifierPrefix = "shared-org-stg_";
    expect(() => parseEnvironment("environments/staging.json", doc)).toThrow(/\$\.port\.webhook\.identifier: expected at most 30 characters with the identifier prefix/);
    doc.port.identifierPrefix = "Bad Prefix";
    expect(() => parseEnvironment("environments/staging.json", doc)).toThrow(/\$\.port\.identifierPrefix/);
  });
});

describe("production blueprints are protected from destroy", () => {
  const lifecycleOf = (env: ReturnType<typeof variant>) => Object.values<any>(synthStack(env).json.resource.port_blueprint).map((b) => ({ lifecycle: b.lifecycle, force: b.force_delete_entities }));

  test("prod (production: true): prevent_destroy on every blueprint, entities never force-deleted", () => {
    const prod = variant("prod");
    expect(isProduction(prod)).toBe(true);
    for (const b of lifecycleOf(prod)) expect(b).toEqual({ lifecycle: { prevent_destroy: true }, force: false });
  });

  test("staging: no prevent_destroy, but entities still not force-deleted", () => {
    for (const b of lifecycleOf(variant("staging"))) expect(b).toEqual({ lifecycle: undefined, force: false });
  });

  test("production is the flag, else the name prod/production; protection.preventDestroy overrides", () => {
    expect(isProduction(variant("prod", (d) => delete d.production))).toBe(true);
    expect(isProduction(variant("staging"))).toBe(false);
    expect(isProduction(variant("staging", (d) => (d.production = true)))).toBe(true);
    expect(blueprintsPreventDestroy(variant("staging", (d) => (d.protection = { preventDestroy: true })))).toBe(true);
    const unprotected = variant("prod", (d) => (d.protection = { preventDestroy: false }));
    for (const b of lifecycleOf(unprotected)) expect(b.lifecycle).toBeUndefined();
  });
});
