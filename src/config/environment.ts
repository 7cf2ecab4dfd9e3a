/**
 * The reviewed, non-secret configuration of one environment (`environments/<name>.json`).
 * Validated with zod; `npm run schema` writes the JSON Schema editors use from the same
 * definition. Secrets never appear here: they enter as sensitive Terraform variables or are
 * read from AWS Secrets Manager / SSM (`secrets`, src/config/operations.ts).
 */
import { readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { z } from "zod";
import { OKTA_STREAMS, SUPPORTED_SYNC_MODES, SYNC_MODES } from "../airbyte/okta-streams";
import { InputError, InputErrors, pathSegment, readJsonFile } from "../util/json-file";
import { quartzCronProblem } from "./quartz-cron";
import { LATEST_OKTA_START_DATE, isOldEnoughOktaStartDate } from "../rules/port-s3-contract";
import { awsRegion, checkPrefixedWebhookIdentifier, identifierPrefixSchema, productionSchema, protectionSchema, s3BucketName, secretsSchema, stateSchema } from "./operations";

/** Far enough back that every user's role assignments are read (Okta was founded in 2009). */
export const DEFAULT_OKTA_START_DATE = "2000-01-01T00:00:00Z";

const httpsUrl = z
  .string()
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === "https:" || u.protocol === "http:") && !!u.hostname && !u.username && !u.password;
    } catch {
      return false;
    }
  }, { message: "expected an http(s) URL without credentials, like \"https://api.airbyte.com/v1\"" });

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
  message: "expected a UUID like \"3f1d0c4e-8a2b-4c6d-9e0f-1a2b3c4d5e6f\"",
});

/** Names shown in Airbyte's UI: printable, no leading/trailing space. */
const displayName = z
  .string()
  .min(1, { message: "expected a non-empty name" })
  .max(100, { message: "expected at most 100 characters" })
  .regex(/^\S(?:.*\S)?$/, { message: "expected no leading or trailing white space" });

const schedule = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("manual") }),
  z.strictObject({
    type: z.literal("cron"),
    /** Quartz cron, e.g. "0 0 2 * * ?" (every day at 02:00 UTC). */
    cron: z.string().superRefine((value, ctx) => {
      const problem = quartzCronProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: `expected a Quartz cron expression like "0 0 2 * * ?", got ${JSON.stringify(value)} (${problem})` });
    }),
  }),
]);

const syncModes = z
  .strictObject(Object.fromEntries(OKTA_STREAMS.map((s) => [s, z.enum(SYNC_MODES).optional()])) as Record<(typeof OKTA_STREAMS)[number], z.ZodOptional<z.ZodEnum<{ [K in (typeof SYNC_MODES)[number]]: K }>>>)
  .superRefine((modes, ctx) => {
    for (const stream of OKTA_STREAMS) {
      const mode = modes[stream];
      if (mode && !SUPPORTED_SYNC_MODES[stream].includes(mode)) {
        ctx.addIssue({ code: "custom", path: [stream], message: `expected one of ${SUPPORTED_SYNC_MODES[stream].join(", ")} (the Okta source supports no other for ${stream}), got "${mode}"` });
      }
    }
  });

export const environmentSchema = z.strictObject({
  $schema: z.string().optional().describe("Path of the JSON Schema, for editors."),
  name: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,19}$/, { message: "expected a lower-case name of 1-20 letters, digits and dashes, starting with a letter" })
    .describe("Environment name; also the stack name and the file name."),
  airbyte: z
    .strictObject({
      serverUrl: httpsUrl.describe("Airbyte API URL: https://api.airbyte.com/v1 for Cloud, <host>/api/public/v1 self-hosted."),
      workspaceId: uuid.describe("Airbyte workspace that holds the source, destination and connection."),
      auth: z.enum(["client_credentials", "basic"]).default("client_credentials").describe("How Terraform authenticates to Airbyte."),
      sourceName: displayName.optional().describe("Name of the Okta source. Default: okta-<env>."),
      destinationName: displayName.optional().describe("Name of the S3 destination. Default: port-s3-<env>."),
      connectionName: displayName.optional().describe("Name of the connection. Default: okta-to-port-<env>."),
      schedule: schedule.default({ type: "manual" }).describe("When the connection syncs."),
      status: z.enum(["active", "inactive"]).default("active").describe("Connection status."),
      syncModes: syncModes.default({}).describe("Sync mode per stream. Default: full_refresh_overwrite."),
      nonBreakingSchemaUpdatesBehavior: z
        .enum(["ignore", "disable_connection", "propagate_columns", "propagate_fully"])
        .default("ignore")
        .describe("What Airbyte does when the Okta schema changes."),
    })
    .describe("Airbyte server and connection settings."),
  okta: z
    .strictObject({
      domain: z
        .string()
        .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, { message: "expected the Okta subdomain, like \"dev-12345678\" for dev-12345678.okta.com" })
        .describe("Okta subdomain (the part before .okta.com)."),
      auth: z.enum(["api_token", "oauth2"]).default("api_token").describe("Credentials the Okta source uses."),
      startDate: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, { message: "expected an RFC 3339 UTC timestamp like \"2000-01-01T00:00:00Z\"" })
        .refine((s) => !Number.isNaN(Date.parse(s)), { message: "expected a real calendar date" })
        // Guardrail (src/rules/okta-start-date-old-enough.ts checks the synthesized value too).
        .refine((s) => Number.isNaN(Date.parse(s)) || isOldEnoughOktaStartDate(s), {
          message: `expected a date on or before ${LATEST_OKTA_START_DATE}, so that every user's role assignments are read (the connector skips users updated before start_date)`,
        })
        .default(DEFAULT_OKTA_START_DATE)
        .describe("Users updated before this are not read for role assignments. Default far in the past."),
    })
    .describe("Okta organization."),
  s3: z
    .strictObject({
      bucket: s3BucketName.describe("Bucket Port gave you for this integration."),
      region: awsRegion.describe("Region of the bucket."),
    })
    .describe("Port-managed S3 bucket that Airbyte writes to."),
  port: z
    .strictObject({
      region: z.enum(["eu", "us"]).describe("Port's API region: eu = api.getport.io, us = api.us.getport.io."),
      identifierPrefix: identifierPrefixSchema,
      webhook: z
        .strictObject({
          identifier: z
            .string()
            .regex(/^[A-Za-z0-9@_.+:\\/=-]+$/, { message: "expected a Port identifier (letters, digits and @_.+:/=-)" })
            .max(30, { message: "expected at most 30 characters (Port's limit for webhook identifiers)" })
            .describe("Webhook identifier; its key becomes the Airbyte namespace."),
          title: z.string().min(1).max(30, { message: "expected at most 30 characters (Port's limit for webhook titles)" }).describe("Webhook title."),
          description: z.string().optional().describe("Webhook description."),
          icon: z.string().default("Okta").describe("Webhook icon."),
          security: z
            .strictObject({
              signatureHeaderName: z.string().min(1),
              signatureAlgorithm: z.enum(["sha1", "sha256", "plain"]),
              signaturePrefix: z.string().optional(),
              requestIdentifierPath: z.string().optional(),
            })
            .optional()
            .describe("Signature check of incoming requests; the secret is port_webhook_secret (TF_VAR_port_webhook_secret, or read from AWS per `secrets`)."),
        })
        .describe("The Port webhook that turns synced records into entities."),
    })
    .superRefine(checkPrefixedWebhookIdentifier)
    .describe("Port organization settings."),
  // From pull request to production (src/config/operations.ts).
  production: productionSchema,
  protection: protectionSchema,
  state: stateSchema,
  secrets: secretsSchema,
  deprovisionedUsers: z
    .enum(["keep", "delete"])
    .default("keep")
    .describe("keep: DEPROVISIONED users stay in Port with their status. delete: they are deleted from Port."),
});

/** An environment as written in its file (defaults not yet applied). */
export type EnvironmentInput = z.input<typeof environmentSchema>;
/** An environment with every default applied: what the stacks consume. */
export type EnvironmentConfig = z.output<typeof environmentSchema>;

/** Names of the environment's Airbyte resources, defaults applied: okta-<env>, port-s3-<env>, okta-to-port-<env>. */
export function airbyteNames(env: Pick<EnvironmentConfig, "name" | "airbyte">): { source: string; destination: string; connection: string } {
  return {
    source: env.airbyte.sourceName ?? `okta-${env.name}`,
    destination: env.airbyte.destinationName ?? `port-s3-${env.name}`,
    connection: env.airbyte.connectionName ?? `okta-to-port-${env.name}`,
  };
}

function describeValue(v: unknown): string {
  return v === undefined ? "nothing" : JSON.stringify(v);
}

function valueAt(doc: unknown, path: PropertyKey[]): unknown {
  let cur = doc;
  for (const key of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/** Turns zod issues into one InputError each: file, JSON path, expectation and the value found. */
function issuesToErrors(file: string, doc: unknown, issues: z.core.$ZodIssue[]): InputError[] {
  const errors: InputError[] = [];
  for (const issue of issues) {
    const path = "$" + issue.path.map((k) => pathSegment(typeof k === "symbol" ? String(k) : (k as string | number))).join("");
    const found = valueAt(doc, issue.path);
    let message: string;
    switch (issue.code) {
      case "unrecognized_keys":
        for (const key of issue.keys) errors.push(new InputError(file, `${path}${pathSegment(key)}`, `unknown key; expected one of the keys the schema lists (see environments/environment.schema.json)`));
        continue;
      case "invalid_type":
        message = found === undefined ? `expected ${issue.expected}, got nothing (required)` : `expected ${issue.expected}, got ${describeValue(found)}`;
        break;
      case "invalid_value":
        message = `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, got ${describeValue(found)}`;
        break;
      case "invalid_union": {
        // A discriminated union with an unknown discriminator: name the allowed values.
        const options = (issue as { options?: unknown[] }).options;
        const note = (issue as { note?: string }).note;
        message = Array.isArray(options) && options.length
          ? `expected one of ${options.map((v) => JSON.stringify(v)).join(", ")}, got ${describeValue(found)}`
          : `expected ${note && !/discriminator/i.test(note) ? note : "one of the allowed shapes (see environments/environment.schema.json)"}, got ${describeValue(found)}`;
        break;
      }
      default:
        message = /, got /.test(issue.message) ? issue.message : `${issue.message}, got ${describeValue(found)}`;
    }
    errors.push(new InputError(file, path, message));
  }
  return errors;
}

/** Validates a parsed environment document; throws InputErrors listing every problem. */
export function parseEnvironment(file: string, doc: unknown): EnvironmentConfig {
  const result = environmentSchema.safeParse(doc);
  if (!result.success) throw new InputErrors(issuesToErrors(file, doc, result.error.issues));
  const expectedName = basename(file, ".json");
  if (result.data.name !== expectedName) {
    throw new InputErrors([new InputError(file, "$.name", `expected "${expectedName}" (the file name), got ${JSON.stringify(result.data.name)}`)]);
  }
  return result.data;
}

/** The environment file names of a folder (`*.json` but the JSON Schema), in name order. */
export function environmentFileNames(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json") && !f.endsWith(".schema.json"))
    .sort();
}

/** Loads and validates every `environments/*.json` (except the JSON Schema), in name order. */
export function loadEnvironments(dir: string, displayDir = "environments"): EnvironmentConfig[] {
  const files = environmentFileNames(dir);
  const errors: InputError[] = [];
  const configs: EnvironmentConfig[] = [];
  for (const name of files) {
    const file = `${displayDir}/${name}`;
    try {
      configs.push(parseEnvironment(file, readJsonFile(join(dir, name), file)));
    } catch (e) {
      if (e instanceof InputErrors) errors.push(...e.errors);
      else if (e instanceof InputError) errors.push(e);
      else throw e;
    }
  }
  if (files.length === 0) errors.push(new InputError(displayDir, "$", "expected at least one environment file"));
  if (errors.length) throw new InputErrors(errors);
  return configs;
}
