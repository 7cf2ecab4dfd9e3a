/**
 * Guardrails acceptance: bad environment files, blueprints, mappings and escape-hatch
 * overrides are each refused with a message naming the file and JSON path (or the rule and
 * construct path) and the expectation, and nothing is written to the output folder.
 *
 * Every case runs the kit's real synth path in-process (loadInputs -> createApp ->
 * synthAtomically) against a project copy; no-partial-output.test.ts runs the CLI itself.
 */
import { writeFileSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { App } from "cdktf";
import { createApp, loadInputs } from "../../src/app";
import { synthAtomically, SynthRefused } from "../../src/guardrails/safe-synth";
import { OktaSource } from "../../src/airbyte/okta-source";
import { PortS3Destination } from "../../src/airbyte/port-s3-destination";
import type { OktaPortStack } from "../../src/stacks/okta-port-stack";
import { InputErrors } from "../../src/util/json-file";
import { cleanupTemps, editJson, makeProject, seedOutdir, snapshotTree, tempDir } from "./harness";

interface BadCase {
  /** What is wrong. */
  name: string;
  /** Breaks files of a project copy. */
  files?: (root: string) => void;
  /** Breaks the built App (escape hatches, overrides). */
  app?: (app: App) => void;
  /** Substrings that must each appear in one reported message. */
  expect: string[];
}

const env = (edit: (d: any) => void, file = "environments/prod.json") => (root: string) => editJson(root, file, edit);
const blueprint = (name: string, edit: (d: any) => void) => (root: string) => editJson(root, `blueprints/${name}.json`, edit);
const mapping = (edit: (d: any[]) => void) => (root: string) => editJson(root, "mappings/okta-webhook.json", edit);
const replaceText = (file: string, from: string | RegExp, to: string) => (root: string) => {
  const path = join(root, file);
  const text = readFileSync(path, "utf8");
  const next = text.replace(from, to);
  if (next === text) throw new Error(`test setup: ${JSON.stringify(String(from))} not found in ${file}`);
  writeFileSync(path, next);
};
const prod = (app: App) => app.node.findChild("prod") as OktaPortStack;
const P = "environments/prod.json";

const ENVIRONMENT_CASES: BadCase[] = [
  { name: "unknown key", files: env((d) => { d.extra = true; }), expect: [`${P}: $.extra: unknown key`] },
  { name: "unknown nested key", files: env((d) => { d.airbyte.schedul = { type: "manual" }; }), expect: [`${P}: $.airbyte.schedul: unknown key`] },
  { name: "wrong type", files: env((d) => { d.airbyte.workspaceId = 5; }), expect: [`${P}: $.airbyte.workspaceId: expected string, got 5`] },
  { name: "missing value", files: env((d) => { delete d.s3.bucket; }), expect: [`${P}: $.s3.bucket: expected string, got nothing (required)`] },
  { name: "unknown AWS region", files: env((d) => { d.s3.region = "eu-middle-1"; }), expect: [`${P}: $.s3.region: expected an AWS region like "eu-west-1", got "eu-middle-1"`] },
  { name: "URL without scheme", files: env((d) => { d.airbyte.serverUrl = "api.airbyte.com/v1"; }), expect: [`${P}: $.airbyte.serverUrl: expected an http(s) URL without credentials, like "https://api.airbyte.com/v1", got "api.airbyte.com/v1"`] },
  { name: "URL with credentials", files: env((d) => { d.airbyte.serverUrl = "https://me:pw@airbyte.example.com/api/public/v1"; }), expect: [`${P}: $.airbyte.serverUrl: expected an http(s) URL without credentials`] },
  { name: "not a Quartz cron", files: env((d) => { d.airbyte.schedule.cron = "every day"; }), expect: [`${P}: $.airbyte.schedule.cron: expected a Quartz cron expression like "0 0 2 * * ?", got "every day"`] },
  { name: "cron with day-of-month and day-of-week", files: env((d) => { d.airbyte.schedule.cron = "0 0 2 * * 1"; }), expect: [`${P}: $.airbyte.schedule.cron: expected a Quartz cron expression like "0 0 2 * * ?", got "0 0 2 * * 1" (exactly one of day-of-month and day-of-week must be "?")`] },
  { name: "5-field Unix cron", files: env((d) => { d.airbyte.schedule.cron = "0 2 * * *"; }), expect: [`${P}: $.airbyte.schedule.cron: expected a Quartz cron expression like "0 0 2 * * ?", got "0 2 * * *"`] },
  { name: "unknown schedule type", files: env((d) => { d.airbyte.schedule = { type: "hourly" }; }), expect: [`${P}: $.airbyte.schedule.type: expected one of "manual", "cron", got "hourly"`] },
  { name: "name differs from file name", files: env((d) => { d.name = "production"; }), expect: [`${P}: $.name: expected "prod" (the file name), got "production"`] },
  { name: "invalid name", files: env((d) => { d.name = "Prod!"; }), expect: [`${P}: $.name: expected a lower-case name of 1-20 letters, digits and dashes, starting with a letter, got "Prod!"`] },
  { name: "webhook identifier over 30 characters", files: env((d) => { d.port.webhook.identifier = "okta-airbyte-production-webhook"; }), expect: [`${P}: $.port.webhook.identifier: expected at most 30 characters (Port's limit for webhook identifiers), got "okta-airbyte-production-webhook"`] },
  { name: "webhook title over 30 characters", files: env((d) => { d.port.webhook.title = "Okta via Airbyte (production!!)"; }), expect: [`${P}: $.port.webhook.title: expected at most 30 characters (Port's limit for webhook titles)`] },
  { name: "workspace id not a UUID", files: env((d) => { d.airbyte.workspaceId = "my-workspace"; }), expect: [`${P}: $.airbyte.workspaceId: expected a UUID like "3f1d0c4e-8a2b-4c6d-9e0f-1a2b3c4d5e6f", got "my-workspace"`] },
  { name: "Okta start date too recent for role assignments", files: env((d) => { d.okta.startDate = "2024-01-01T00:00:00Z"; }), expect: [`${P}: $.okta.startDate: expected a date on or before 2009-01-01T00:00:00Z`] },
  { name: "Okta start date not RFC 3339", files: env((d) => { d.okta.startDate = "2000-01-01"; }), expect: [`${P}: $.okta.startDate: expected an RFC 3339 UTC timestamp like "2000-01-01T00:00:00Z", got "2000-01-01"`] },
  { name: "sync mode the stream does not support", files: env((d) => { d.airbyte.syncModes = { permissions: "incremental_append" }; }), expect: [`${P}: $.airbyte.syncModes.permissions: expected one of full_refresh_overwrite, full_refresh_append (the Okta source supports no other for permissions), got "incremental_append"`] },
  { name: "unknown Port region", files: env((d) => { d.port.region = "asia"; }), expect: [`${P}: $.port.region: expected one of "eu", "us", got "asia"`] },
  { name: "invalid bucket name", files: env((d) => { d.s3.bucket = "Port_Bucket"; }), expect: [`${P}: $.s3.bucket: expected an S3 bucket name (3-63 lower-case letters, digits, dots, dashes), got "Port_Bucket"`] },
  { name: "Okta domain given as a host name", files: env((d) => { d.okta.domain = "acme.okta.com"; }), expect: [`${P}: $.okta.domain: expected the Okta subdomain, like "dev-12345678" for dev-12345678.okta.com, got "acme.okta.com"`] },
  { name: "invalid JSON (trailing comma)", files: replaceText(P, /"deprovisionedUsers": "keep"\n/, '"deprovisionedUsers": "keep",\n'), expect: [`${P}: $: invalid JSON at line`, `expected a property name in double quotes, found "}"`] },
  { name: "duplicate key", files: replaceText(P, '"name": "prod",', '"name": "prod",\n  "name": "prod",'), expect: [`${P}: $.name: duplicate key at line 4, column 3`] },
  {
    name: "every problem of every file at once",
    files: (root) => {
      env((d) => { d.s3.region = "nowhere"; d.airbyte.schedule.cron = "daily"; })(root);
      env((d) => { d.port.region = "mars"; }, "environments/dev.json")(root);
    },
    expect: [`${P}: $.s3.region:`, `${P}: $.airbyte.schedule.cron:`, "environments/dev.json: $.port.region: expected one of \"eu\", \"us\", got \"mars\""],
  },
];

const B = (name: string) => `blueprints/${name}.json`;
const BLUEPRINT_CASES: BadCase[] = [
  { name: "invalid JSON with line and column", files: replaceText(B("okta_role"), '"title": "Okta Role",', '"title": "Okta Role"'), expect: [`${B("okta_role")}: $: invalid JSON at line 5, column 3: expected "," or "}", found "\\""`] },
  { name: "unknown property type", files: blueprint("okta_role", (d) => { d.schema.properties.description.type = "text"; }), expect: [`${B("okta_role")}: $.schema.properties.description.type: expected one of "string", "number", "boolean", "array", "object", got "text"`] },
  { name: "unknown string format", files: blueprint("okta_role", (d) => { d.schema.properties.created.format = "datetime"; }), expect: [`${B("okta_role")}: $.schema.properties.created.format: expected one of Port's string formats "date-time", "url", "email"`, `got "datetime"`] },
  { name: "unknown array item format", files: blueprint("okta_user", (d) => { d.schema.properties.emails = { type: "array", items: { type: "string", format: "mail" } }; }), expect: [`${B("okta_user")}: $.schema.properties.emails.items.format: expected one of Port's string formats`] },
  { name: "unknown array item type", files: blueprint("okta_user", (d) => { d.schema.properties.tags = { type: "array", items: { type: "text" } }; }), expect: [`${B("okta_user")}: $.schema.properties.tags.items.type: expected one of "string", "number", "boolean", "object", got "text"`] },
  { name: "relation to an unknown blueprint", files: blueprint("okta_permission", (d) => { d.relations.role.target = "okta_roles"; }), expect: [`${B("okta_permission")}: $.relations.role.target: expected the identifier of a blueprint in blueprints/ ("okta_permission", "okta_role", "okta_role_assignment", "okta_user") or "_user", "_team", got "okta_roles"`] },
  { name: "duplicate blueprint identifier", files: blueprint("okta_role", (d) => { d.identifier = "okta_user"; }), expect: [`${B("okta_user")}: $.identifier: duplicate blueprint identifier "okta_user": ${B("okta_role")} declares it too`] },
  { name: "duplicate property key", files: replaceText(B("okta_user"), '"properties": {\n', '"properties": {\n      "email": { "type": "string" },\n'), expect: [`${B("okta_user")}: $.schema.properties.email: duplicate key at line`] },
  { name: "required property that does not exist", files: blueprint("okta_role", (d) => { d.schema.required = ["created", "name"]; }), expect: [`${B("okta_role")}: $.schema.required[1]: expected the identifier of a property in $.schema.properties ("description", "created", "lastUpdated", "links"), got "name"`] },
  { name: "missing identifier", files: blueprint("okta_role", (d) => { delete d.identifier; }), expect: [`${B("okta_role")}: $.identifier: expected a non-empty string`] },
  { name: "invalid blueprint identifier", files: blueprint("okta_role", (d) => { d.identifier = "okta role"; }), expect: [`${B("okta_role")}: $.identifier: expected a Port identifier (letters, digits and @_=-), got "okta role"`] },
];

const M = "mappings/okta-webhook.json";
const MAPPING_CASES: BadCase[] = [
  { name: "invalid JSON", files: replaceText(M, /\]\s*$/, ""), expect: [`${M}: $: invalid JSON at line`, `expected "," or "]", found end of file`] },
  { name: "entry names an unknown blueprint", files: mapping((m) => { m[1].blueprint = "okta_perm"; }), expect: [`${M}: $[1].blueprint: expected the identifier of a blueprint in blueprints/ ("okta_permission", "okta_role", "okta_role_assignment", "okta_user"), got "okta_perm"`] },
  { name: "property not in the target blueprint", files: mapping((m) => { m[0].entity.properties.name = ".body.name"; }), expect: [`${M}: $[0].entity.properties.name: expected a property of blueprint "okta_role" (blueprints/okta_role.json: "description", "created", "lastUpdated", "links"), got "name"`] },
  { name: "relation not in the target blueprint", files: mapping((m) => { m[1].entity.relations.owner = ".body.owner"; }), expect: [`${M}: $[1].entity.relations.owner: expected a relation of blueprint "okta_permission" (blueprints/okta_permission.json: "role"), got "owner"`] },
  { name: "required property never mapped", files: mapping((m) => { delete m[3].entity.properties.status; }), expect: [`${M}: $[3].entity.properties: expected required property "status" of blueprint "okta_user" (blueprints/okta_user.json: $.schema.required) to be mapped, got no mapping for it`] },
  {
    name: "required relation never mapped",
    files: (root) => {
      blueprint("okta_permission", (d) => { d.relations.role.required = true; })(root);
      mapping((m) => { delete m[1].entity.relations; })(root);
    },
    expect: [`${M}: $[1].entity.relations: expected required relation "role" of blueprint "okta_permission" (blueprints/okta_permission.json) to be mapped`],
  },
  { name: "JQ property expression that does not compile", files: mapping((m) => { m[0].entity.properties.description = ".body.description |"; }), expect: [`${M}: $[0].entity.properties.description: expected a JQ expression that compiles with Port's engine, got ".body.description |": jq: compile error`] },
  { name: "JQ filter that does not compile", files: mapping((m) => { m[2].filter = '.body._PORT_SOURCE_OBJECT_KEY | split("/") | .[2] == "users'; }), expect: [`${M}: $[2].filter: expected a JQ expression that compiles with Port's engine, got ".body._PORT_SOURCE_OBJECT_KEY | split(\\"/\\") | .[2] == \\"users"`] },
  { name: "JQ identifier with an undefined function", files: mapping((m) => { m[3].entity.identifier = ".body.id | lowercase"; }), expect: [`${M}: $[3].entity.identifier: expected a JQ expression that compiles with Port's engine, got ".body.id | lowercase": jq: compile error: lowercase/0 is not defined`] },
  { name: "JQ relation expression that does not compile", files: mapping((m) => { m[2].entity.relations.user = ".body.userId)"; }), expect: [`${M}: $[2].entity.relations.user: expected a JQ expression that compiles with Port's engine, got ".body.userId)"`] },
  { name: "missing entity identifier", files: mapping((m) => { delete m[0].entity.identifier; }), expect: [`${M}: $[0].entity.identifier: expected a JQ expression (or a search query object)`] },
];

const destination = (app: App) => prod(app).pipeline.destination.resource;
const connection = (app: App) => prod(app).pipeline.connection.resource;
const DEST = "[PortS3BucketPath] prod/pipeline/destination/destination";
const OVERRIDE_CASES: BadCase[] = [
  { name: "bucket path override", app: (a) => destination(a).addOverride("configuration.s3_bucket_path", "raw/"), expect: [`${DEST}: expected configuration.s3_bucket_path = "data/", got "raw/"`] },
  {
    name: "stack-level override of the bucket path",
    app: (a) => prod(a).addOverride(`resource.airbyte_destination_s3.${destination(a).friendlyUniqueId}.configuration.s3_bucket_path`, "exports/"),
    expect: [`${DEST}: expected configuration.s3_bucket_path = "data/", got "exports/"`],
  },
  { name: "path format override without Terraform escaping", app: (a) => destination(a).addOverride("configuration.s3_path_format", "${NAMESPACE}/${STREAM_NAME}/year=${YEAR}/month=${MONTH}/${DAY}_${EPOCH}_"), expect: ['[PortS3PathFormat] prod/pipeline/destination/destination: expected configuration.s3_path_format to reach Airbyte as "${NAMESPACE}/${STREAM_NAME}/year=${YEAR}/month=${MONTH}/${DAY}_${EPOCH}_"', "is a Terraform interpolation"] },
  { name: "path format override with another layout", app: (a) => destination(a).addOverride("configuration.s3_path_format", "$${STREAM_NAME}/$${NAMESPACE}/"), expect: ['[PortS3PathFormat] prod/pipeline/destination/destination: expected', 'which Terraform sends as "${STREAM_NAME}/${NAMESPACE}/"'] },
  { name: "CSV format override", app: (a) => { destination(a).addOverride("configuration.format.json_lines_newline_delimited_json", null); destination(a).addOverride("configuration.format.csv_comma_separated_values", { format_type: "CSV" }); }, expect: ["[PortS3JsonLines] prod/pipeline/destination/destination: expected configuration.format = { json_lines_newline_delimited_json"] },
  { name: "compression override", app: (a) => destination(a).addOverride("configuration.format.json_lines_newline_delimited_json.compression", { no_compression: { compression_type: "No Compression" } }), expect: ['[PortS3Gzip] prod/pipeline/destination/destination: expected configuration.format.json_lines_newline_delimited_json.compression = { gzip = { compression_type = "GZIP" } }, got {"gzip":{"compression_type":"GZIP"},"no_compression":{"compression_type":"No Compression"}}'] },
  // cdktf's override merge appends to lists: the synthesized list holds "users" twice.
  { name: "streams override adds a stream", app: (a) => connection(a).addOverride("configurations.streams", [{ name: "users", sync_mode: "full_refresh_overwrite" }]), expect: ['[AirbyteFourStreams] prod/pipeline/connection/connection: expected configurations.streams named exactly ["custom_roles","permissions","user_role_assignments","users"], got ["custom_roles","permissions","user_role_assignments","users","users"]'] },
  { name: "streams replaced through a stack-level override", app: (a) => prod(a).addOverride(`resource.airbyte_connection.${connection(a).friendlyUniqueId}.configurations`, { streams: null }), expect: ["[AirbyteFourStreams] prod/pipeline/connection/connection: expected configurations.streams named exactly", "got null"] },
  { name: "namespace copied as a string", app: (a) => connection(a).addOverride("namespace_format", "okta-airbyte-prod"), expect: ['[AirbyteNamespaceIsWebhookKey] prod/pipeline/connection/connection: expected namespace_format = "${port_webhook.', 'got "okta-airbyte-prod"'] },
  { name: "namespace definition override", app: (a) => connection(a).addOverride("namespace_definition", "source"), expect: ['[AirbyteNamespaceIsWebhookKey] prod/pipeline/connection/connection: expected namespace_definition = "custom_format", got "source"'] },
  { name: "webhook disabled through the escape hatch property", app: (a) => { prod(a).pipeline.webhook.resource.enabled = false; }, expect: ["[PortWebhookEnabled] prod/pipeline/webhook/webhook: expected enabled = true, got false"] },
  { name: "webhook enabled removed by override", app: (a) => prod(a).pipeline.webhook.resource.addOverride("enabled", null), expect: ["[PortWebhookEnabled] prod/pipeline/webhook/webhook: expected enabled = true, got null"] },
  { name: "Airbyte provider upgraded by stack override", app: (a) => prod(a).addOverride("terraform.required_providers.airbyte.version", "1.0.0"), expect: ['[AirbyteProviderPinned] prod: expected terraform.required_providers.airbyte = { source = "airbytehq/airbyte", version = "0.6.5" }, got {"source":"airbytehq/airbyte","version":"1.0.0"}'] },
  { name: "Okta start date override", app: (a) => prod(a).pipeline.source.resource.addOverride("configuration.start_date", "2025-01-01T00:00:00Z"), expect: ['[OktaStartDateOldEnough] prod/pipeline/source/source: expected configuration.start_date an RFC 3339 UTC timestamp on or before "2009-01-01T00:00:00Z", like "2000-01-01T00:00:00Z", got "2025-01-01T00:00:00Z"'] },
];

/** Constructs used directly, with props that break the contract (no override needed). */
const PROPS_CASES: BadCase[] = [
  {
    name: "PortS3Destination with another bucket path",
    app: (a) => new PortS3Destination(prod(a), "archive", { name: "archive", workspaceId: "7a8b9c0d-1e2f-4a3b-8c5d-6e7f8a9b0c1d", bucketName: "b", bucketRegion: "eu-west-1", accessKeyId: "${var.s3_access_key_id}", secretAccessKey: "${var.s3_secret_access_key}", bucketPath: "archive/" }),
    expect: ['[PortS3BucketPath] prod/archive/destination: expected configuration.s3_bucket_path = "data/", got "archive/"'],
  },
  {
    name: "PortS3Destination with another path format",
    app: (a) => new PortS3Destination(prod(a), "flat", { name: "flat", workspaceId: "7a8b9c0d-1e2f-4a3b-8c5d-6e7f8a9b0c1d", bucketName: "b", bucketRegion: "eu-west-1", accessKeyId: "${var.s3_access_key_id}", secretAccessKey: "${var.s3_secret_access_key}", pathFormat: "${STREAM_NAME}/${EPOCH}_" }),
    expect: ['[PortS3PathFormat] prod/flat/destination: expected configuration.s3_path_format to reach Airbyte as', 'which Terraform sends as "${STREAM_NAME}/${EPOCH}_"'],
  },
  {
    name: "OktaSource with a recent start date",
    app: (a) => new OktaSource(prod(a), "recent", { name: "recent", workspaceId: "7a8b9c0d-1e2f-4a3b-8c5d-6e7f8a9b0c1d", domain: "acme", credentials: { kind: "api_token", apiToken: "${var.okta_api_token}" }, startDate: "2025-06-01T00:00:00Z" }),
    expect: ['[OktaStartDateOldEnough] prod/recent/source: expected configuration.start_date an RFC 3339 UTC timestamp on or before "2009-01-01T00:00:00Z", like "2000-01-01T00:00:00Z", got "2025-06-01T00:00:00Z"'],
  },
];

const ALL: Array<[string, BadCase]> = [
  ...ENVIRONMENT_CASES.map((c) => [`environment: ${c.name}`, c] as [string, BadCase]),
  ...BLUEPRINT_CASES.map((c) => [`blueprint: ${c.name}`, c] as [string, BadCase]),
  ...MAPPING_CASES.map((c) => [`mapping: ${c.name}`, c] as [string, BadCase]),
  ...OVERRIDE_CASES.map((c) => [`escape hatch: ${c.name}`, c] as [string, BadCase]),
  ...PROPS_CASES.map((c) => [`props: ${c.name}`, c] as [string, BadCase]),
];

/** Input errors read `file: $.path: ... expected ...`; rule errors `[Rule] construct/path: expected ..., got ...`. */
const INPUT_MESSAGE = /^(environments|blueprints|mappings)\/[\w.-]+\.json: \$\S*: .*(expected|invalid JSON)/;
const RULE_MESSAGE = /^\[[A-Za-z0-9]+\] [\w/.-]+: expected .+, got .+/;

describe("guardrails refuse bad inputs", () => {
  afterAll(cleanupTemps);

  it("has at least 40 distinct cases", () => {
    expect(ALL.length).toBeGreaterThanOrEqual(40);
    expect(new Set(ALL.map(([n]) => n)).size).toBe(ALL.length);
  });

  it.each(ALL)("%s", (_name, c) => {
    const root = makeProject(c.files);
    const outdir = tempDir("okta-kit-out-");
    const before = seedOutdir(outdir);

    let error: unknown;
    try {
      synthAtomically(
        (temp) => {
          const app = createApp({ inputs: loadInputs(root), outdir: temp });
          c.app?.(app);
          return app;
        },
        { outdir, onWarning: () => {} },
      );
    } catch (e) {
      error = e;
    }

    expect(error).toBeDefined();
    const messages =
      error instanceof InputErrors ? error.errors.map((e) => e.message) : error instanceof SynthRefused ? error.messages : [String(error)];
    for (const m of messages) expect(m).toMatch(c.app ? RULE_MESSAGE : INPUT_MESSAGE);
    for (const expected of c.expect) expect(messages).toContainEqual(expect.stringContaining(expected));
    // Nothing written, nothing removed.
    expect(snapshotTree(outdir)).toEqual(before);
  });

  it("the shipped inputs pass with zero errors (control)", () => {
    const outdir = tempDir("okta-kit-out-");
    const result = synthAtomically((temp) => createApp({ inputs: loadInputs(makeProject()), outdir: temp }), { outdir, onWarning: () => {} });
    expect(result.warnings).toEqual([]);
    expect(result.files).toEqual(expect.arrayContaining(["manifest.json", "stacks/dev/cdk.tf.json", "stacks/prod/cdk.tf.json", "stacks/staging/cdk.tf.json"]));
    rmSync(outdir, { recursive: true, force: true });
  });
});
