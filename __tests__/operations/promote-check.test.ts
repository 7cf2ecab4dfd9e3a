import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { allowedBecause, comparePromotion, formatPromotion } from "../../src/ops/promotion";
import { variant } from "./helpers";

const root = join(__dirname, "..", "..");
const promoteCheck = (...args: string[]) => spawnSync("npm", ["run", "--silent", "promote:check", "--", ...args], { cwd: root, encoding: "utf8" });

describe("promote:check (CLI, as npm runs it)", () => {
  test("shipped staging -> prod passes, listing the allowed differences", () => {
    const r = promoteCheck("staging", "prod");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/allowed +\$\.airbyte\.schedule\.cron: "0 0 \*\/6 \* \* \?" -> "0 0 2 \* \* \?"  \(schedule\)/);
    expect(r.stdout).toMatch(/allowed +\$\.airbyte\.workspaceId: /);
    expect(r.stdout).toMatch(/^OK: /m);
  });

  test("a non-allowed difference fails, naming the field", () => {
    const dir = mkdtempSync(join(tmpdir(), "promote-"));
    try {
      const prod = JSON.parse(JSON.stringify(variant("prod")));
      prod.airbyte.syncModes = { users: "incremental_append" };
      prod.deprovisionedUsers = "delete";
      writeFileSync(join(dir, "prod.json"), JSON.stringify(prod));
      const r = promoteCheck("staging", join(dir, "prod.json"));
      expect(r.stderr).toBe("");
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/NOT ALLOWED +\$\.airbyte\.syncModes\.users: \(not set\) -> "incremental_append"/);
      expect(r.stdout).toMatch(/^FAIL: 2 setting\(s\) differ .*: \$\.airbyte\.syncModes\.users, \$\.deprovisionedUsers$/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("wrong usage exits 2; an unknown environment is an input error", () => {
    expect(promoteCheck("staging").status).toBe(2);
    const r = promoteCheck("staging", "qa");
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/environments\/qa\.json/);
  });
});

describe("promotion rules", () => {
  const staging = variant("staging");
  const blocked = (change: (d: Record<string, any>) => void) =>
    comparePromotion(staging, variant("prod", change))
      .filter((d) => !d.allowedBecause)
      .map((d) => d.path);

  test("names, ids, schedule, credential and state references may differ", () => {
    expect(blocked((d) => {
      d.secrets = { source: "secretsmanager", region: "eu-west-1" };
      d.state.bucket = "acme-prod-tfstate";
      d.port.identifierPrefix = "prd_";
      d.airbyte.connectionName = "Okta to Port";
      d.airbyte.schedule = { type: "manual" };
    })).toEqual([]);
  });

  test.each<[string, (d: Record<string, any>) => void, string[]]>([
    ["sync mode", (d) => (d.airbyte.syncModes = { users: "incremental_append" }), ["$.airbyte.syncModes.users"]],
    ["deprovisioned-user policy", (d) => (d.deprovisionedUsers = "delete"), ["$.deprovisionedUsers"]],
    ["Okta auth", (d) => (d.okta.auth = "oauth2"), ["$.okta.auth"]],
    ["Port region", (d) => (d.port.region = "us"), ["$.port.region"]],
    ["webhook security", (d) => (d.port.webhook.security = { signatureHeaderName: "X", signatureAlgorithm: "sha256" }), ["$.port.webhook.security.signatureAlgorithm", "$.port.webhook.security.signatureHeaderName"]],
    ["connection status", (d) => (d.airbyte.status = "inactive"), ["$.airbyte.status"]],
    ["Airbyte server", (d) => (d.airbyte.serverUrl = "https://airbyte.acme.internal/api/public/v1"), ["$.airbyte.serverUrl"]],
  ])("%s must be equal", (_what, change, paths) => {
    expect(blocked(change)).toEqual(paths);
  });

  test("defaults are applied before comparing: an explicit default equals an omitted one", () => {
    expect(blocked((d) => (d.airbyte.nonBreakingSchemaUpdatesBehavior = "ignore"))).toEqual([]);
    const withDefault = variant("staging", (d) => (d.okta.startDate = "2000-01-01T00:00:00Z"));
    const without = variant("staging", (d) => delete d.okta.startDate);
    expect(comparePromotion(withDefault, without)).toEqual([]);
  });

  test("allowed list matches whole path segments only", () => {
    expect(allowedBecause("$.name")).toBe("name");
    expect(allowedBecause("$.state.key")).toBe("state reference");
    expect(allowedBecause("$.stateful")).toBeUndefined();
    expect(allowedBecause("$.airbyte.syncModes.users")).toBeUndefined();
  });

  test("the report says OK / FAIL with each field", () => {
    const diffs = comparePromotion(staging, variant("prod", (d) => (d.deprovisionedUsers = "delete")));
    const report = formatPromotion("staging", "prod", diffs);
    expect(report.ok).toBe(false);
    expect(report.text).toContain('NOT ALLOWED  $.deprovisionedUsers: "keep" -> "delete"');
  });
});
