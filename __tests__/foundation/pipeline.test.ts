import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OKTA_STREAMS } from "../../src/airbyte/okta-streams";
import { PORT_S3_PATH_FORMAT } from "../../src/airbyte/port-s3-destination";
import { DEFAULT_OKTA_START_DATE, parseEnvironment } from "../../src/config/environment";
import { onlyResource, shippedInputs, synthStack } from "../helpers/synth";

const envs = shippedInputs().environments;
const dev = envs.find((e) => e.name === "dev")!;
const prod = envs.find((e) => e.name === "prod")!;
const { json } = synthStack(prod);

const webhookAddress = () => Object.keys(json.resource.port_webhook)[0];

describe("Airbyte S3 destination: what Port's guide prescribes", () => {
  const configuration = onlyResource(json, "airbyte_destination_s3").configuration;

  test("JSON Lines, GZIP, No flattening", () => {
    expect(configuration.format).toEqual({
      json_lines_newline_delimited_json: { format_type: "JSONL", flattening: "No flattening", compression: { gzip: { compression_type: "GZIP" } } },
    });
  });

  test("bucket path data/, bucket and region from the environment file", () => {
    expect(configuration).toMatchObject({ s3_bucket_path: "data/", s3_bucket_name: prod.s3.bucket, s3_bucket_region: prod.s3.region });
  });

  test("path format is escaped in the JSON, as $${...}", () => {
    expect(configuration.s3_path_format).toBe("$${NAMESPACE}/$${STREAM_NAME}/year=$${YEAR}/month=$${MONTH}/$${DAY}_$${EPOCH}_");
  });

  test("access keys are sensitive variables, not values", () => {
    expect(configuration.access_key_id).toBe("${var.s3_access_key_id}");
    expect(configuration.secret_access_key).toBe("${var.s3_secret_access_key}");
    expect(json.variable.s3_access_key_id).toMatchObject({ sensitive: true, type: "string" });
    expect(json.variable.s3_secret_access_key).toMatchObject({ sensitive: true, type: "string" });
  });
});

// Terraform itself reads the synthesized value: an output-only configuration needs no provider.
const terraform = spawnSync("terraform", ["version"], { encoding: "utf8" });
(terraform.status === 0 ? test : test.skip)("Terraform sends Airbyte exactly the documented path format (real terraform)", () => {
  const dir = mkdtempSync(join(tmpdir(), "tf-path-format-"));
  try {
    const value = onlyResource(json, "airbyte_destination_s3").configuration.s3_path_format;
    writeFileSync(join(dir, "main.tf.json"), JSON.stringify({ output: { path_format: { value } } }));
    const env = { ...process.env, TF_IN_AUTOMATION: "1", TF_CLI_CONFIG_FILE: "/dev/null", CHECKPOINT_DISABLE: "1" };
    execFileSync("terraform", ["init", "-input=false", "-no-color"], { cwd: dir, env, stdio: "pipe" });
    execFileSync("terraform", ["apply", "-auto-approve", "-input=false", "-no-color"], { cwd: dir, env, stdio: "pipe" });
    const sent = execFileSync("terraform", ["output", "-raw", "path_format"], { cwd: dir, env, encoding: "utf8" });
    expect(sent).toBe("${NAMESPACE}/${STREAM_NAME}/year=${YEAR}/month=${MONTH}/${DAY}_${EPOCH}_");
    expect(sent).toBe(PORT_S3_PATH_FORMAT);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe("Okta source", () => {
  const source = onlyResource(json, "airbyte_source_okta");
  test("API token credentials from a sensitive variable, domain from config", () => {
    expect(source.configuration.credentials).toEqual({ api_token: { api_token: "${var.okta_api_token}" } });
    expect(source.configuration.domain).toBe(prod.okta.domain);
  });
  test("start_date defaults far in the past so every user's role assignments are read", () => {
    const env = parseEnvironment("environments/prod.json", { ...JSON.parse(JSON.stringify(prod)), okta: { domain: "acme" } });
    expect(env.okta.startDate).toBe(DEFAULT_OKTA_START_DATE);
    const startDate = onlyResource(synthStack(env).json, "airbyte_source_okta").configuration.start_date;
    expect(startDate).toBe(DEFAULT_OKTA_START_DATE);
    // Okta was founded in 2009: no user can have been updated before that.
    expect(Date.parse(startDate)).toBeLessThan(Date.parse("2009-01-01T00:00:00Z"));
  });
  test("OAuth 2.0 credentials use the provider's o_auth20 block", () => {
    const env = { ...prod, okta: { ...prod.okta, auth: "oauth2" as const } };
    const out = synthStack(env).json;
    expect(onlyResource(out, "airbyte_source_okta").configuration.credentials).toEqual({
      o_auth20: { client_id: "${var.okta_oauth_client_id}", client_secret: "${var.okta_oauth_client_secret}", refresh_token: "${var.okta_oauth_refresh_token}" },
    });
    expect(out.variable.okta_api_token).toBeUndefined();
  });
});

describe("Airbyte connection", () => {
  const connection = onlyResource(json, "airbyte_connection");
  test("exactly the four streams", () => {
    expect(connection.configurations.streams.map((s: { name: string }) => s.name).sort()).toEqual([...OKTA_STREAMS].sort());
    expect(connection.configurations.streams).toHaveLength(4);
  });
  test("custom namespace is the webhook key, by Terraform reference", () => {
    expect(connection.namespace_definition).toBe("custom_format");
    expect(connection.namespace_format).toBe(`\${port_webhook.${webhookAddress()}.webhook_key}`);
  });
  test("source and destination by reference", () => {
    expect(connection.source_id).toMatch(/^\$\{airbyte_source_okta\.[^.]+\.source_id\}$/);
    expect(connection.destination_id).toMatch(/^\$\{airbyte_destination_s3\.[^.]+\.destination_id\}$/);
  });
  test("schedule, status and sync modes from config", () => {
    expect(connection.schedule).toEqual({ schedule_type: "cron", cron_expression: (prod.airbyte.schedule as { cron: string }).cron });
    expect(connection.status).toBe("active");
    expect(onlyResource(synthStack(dev).json, "airbyte_connection").schedule).toEqual({ schedule_type: "manual" });
    const incremental = synthStack({ ...prod, airbyte: { ...prod.airbyte, syncModes: { users: "incremental_append" } } }).json;
    const users = onlyResource(incremental, "airbyte_connection").configurations.streams.find((s: { name: string }) => s.name === "users");
    expect(users.sync_mode).toBe("incremental_append");
  });
});

describe("providers", () => {
  test("pinned: airbytehq/airbyte 0.6.5 and port-labs/port-labs 2.23.1 named port", () => {
    expect(json.terraform.required_providers).toEqual({
      airbyte: { source: "airbytehq/airbyte", version: "0.6.5" },
      port: { source: "port-labs/port-labs", version: "2.23.1" },
    });
  });
  test("Port base URL per region, credentials from sensitive variables", () => {
    expect(json.provider.port[0]).toEqual({ base_url: "https://api.getport.io", client_id: "${var.port_client_id}", secret: "${var.port_client_secret}" });
    const us = synthStack({ ...prod, port: { ...prod.port, region: "us" } }).json;
    expect(us.provider.port[0].base_url).toBe("https://api.us.getport.io");
  });
  test("Airbyte server URL from config; client credentials or basic auth", () => {
    expect(json.provider.airbyte[0]).toEqual({ server_url: prod.airbyte.serverUrl, client_id: "${var.airbyte_client_id}", client_secret: "${var.airbyte_client_secret}" });
    const basic = synthStack({ ...prod, airbyte: { ...prod.airbyte, auth: "basic" } }).json;
    expect(basic.provider.airbyte[0]).toEqual({ server_url: prod.airbyte.serverUrl, username: "${var.airbyte_username}", password: "${var.airbyte_password}" });
  });
  test("every variable is a sensitive, non-nullable string", () => {
    for (const v of Object.values<Record<string, unknown>>(json.variable)) expect(v).toMatchObject({ type: "string", sensitive: true, nullable: false });
  });
});

describe("Port webhook", () => {
  const webhook = onlyResource(json, "port_webhook");
  test("enabled, explicit identifier and title from config", () => {
    expect(webhook).toMatchObject({ enabled: true, identifier: prod.port.webhook.identifier, title: prod.port.webhook.title });
  });
  test("created after every blueprint it writes", () => {
    expect(webhook.depends_on.sort()).toEqual(Object.keys(json.resource.port_blueprint).map((k) => `port_blueprint.${k}`).sort());
  });
  test("one mapping per entry of mappings/, in order, operation explicit", () => {
    expect(webhook.mappings.map((m: { blueprint: string }) => m.blueprint)).toEqual(shippedInputs().mapping.entries.map((e) => e.blueprint));
    for (const m of webhook.mappings) expect(m.operation).toEqual({ type: "create" });
  });
  test("no security block unless configured; with it, the secret is a variable and ignored on read-back", () => {
    expect(webhook.security).toBeUndefined();
    const secured = synthStack({ ...prod, port: { ...prod.port, webhook: { ...prod.port.webhook, security: { signatureHeaderName: "X-Sig", signatureAlgorithm: "sha256" } } } }).json;
    const w = onlyResource(secured, "port_webhook");
    expect(w.security).toEqual({ secret: "${var.port_webhook_secret}", signature_header_name: "X-Sig", signature_algorithm: "sha256" });
    expect(w.lifecycle.ignore_changes).toEqual(["security.secret"]);
    expect(secured.variable.port_webhook_secret.sensitive).toBe(true);
  });
});

describe("deprovisioned users policy", () => {
  const mappingsOf = (env: typeof prod) => onlyResource(synthStack(env).json, "port_webhook").mappings as Array<Record<string, any>>;

  test("keep (default): no delete entry", () => {
    expect(mappingsOf({ ...prod, deprovisionedUsers: "keep" }).some((m) => m.operation.type === "delete")).toBe(false);
  });

  test("delete: users entry skips DEPROVISIONED and a delete entry removes them", () => {
    const users = mappingsOf({ ...prod, deprovisionedUsers: "delete" }).filter((m) => m.blueprint === "okta_user");
    expect(users).toHaveLength(2);
    const [create, del] = users;
    expect(create.operation).toEqual({ type: "create" });
    expect(create.filter).toContain('.body.status != "DEPROVISIONED"');
    expect(del.operation).toEqual({ type: "delete" });
    expect(del.filter).toContain('.body.status == "DEPROVISIONED"');
    expect(del.entity).toEqual({ identifier: create.entity.identifier });
  });
});
