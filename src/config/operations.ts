/**
 * The "pull request to production" part of an environment file: where its Terraform state
 * lives, where its secrets come from, an optional Port identifier prefix and destroy
 * protection. The zod pieces are referenced from `environmentSchema`
 * (src/config/environment.ts); the helpers turn a validated environment into the
 * effective values the stacks use.
 */
import { z } from "zod";
import { AWS_REGIONS } from "./aws-regions";

/** Every secret an environment can need (which ones it needs depends on its auth choices). */
export const SECRET_NAMES = [
  "airbyte_client_id",
  "airbyte_client_secret",
  "airbyte_username",
  "airbyte_password",
  "okta_api_token",
  "okta_oauth_client_id",
  "okta_oauth_client_secret",
  "okta_oauth_refresh_token",
  "s3_access_key_id",
  "s3_secret_access_key",
  "port_client_id",
  "port_client_secret",
  "port_webhook_secret",
] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

/** An AWS region the kit knows (src/config/aws-regions.ts). */
export const awsRegion = z
  .string()
  .refine((s) => (AWS_REGIONS as readonly string[]).includes(s), { message: "expected an AWS region like \"eu-west-1\"" });

/** An S3 bucket name (AWS naming rules). */
export const s3BucketName = z
  .string()
  .regex(/^(?!xn--)(?!.*-s3alias$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: "expected an S3 bucket name (3-63 lower-case letters, digits, dots, dashes)" })
  .refine((s) => !s.includes("..") && !/^\d+\.\d+\.\d+\.\d+$/.test(s), { message: "expected an S3 bucket name (no \"..\", not an IP address)" });

const dynamodbTableName = z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/, { message: "expected a DynamoDB table name (3-255 letters, digits, _ . -)" });

/** Default state object key of an environment in its state bucket. */
export const defaultStateKey = (env: string): string => `okta-port/${env}/terraform.tfstate`;

/**
 * Terraform state. `local` (the default, so the quick start needs no cloud) keeps
 * `terraform.<env>.tfstate` at the project root; `s3` uses the S3 backend with a DynamoDB
 * lock table, both created by the `bootstrap` stack.
 */
export const stateSchema = z
  .discriminatedUnion("backend", [
    z.strictObject({ backend: z.literal("local") }),
    z.strictObject({
      backend: z.literal("s3"),
      bucket: s3BucketName.describe("State bucket (created by the bootstrap stack)."),
      key: z
        .string()
        .regex(/^[A-Za-z0-9!_.*'()\/-]+\.tfstate$/, { message: "expected an S3 object key ending in .tfstate, like \"okta-port/prod/terraform.tfstate\"" })
        .optional()
        .describe("State object key. Default: okta-port/<env>/terraform.tfstate."),
      region: awsRegion.describe("Region of the state bucket and lock table."),
      dynamodbTable: dynamodbTableName.describe("Lock table (created by the bootstrap stack)."),
      encrypt: z.boolean().default(true).describe("Server-side encryption of the state object."),
    }),
  ])
  .default({ backend: "local" })
  .describe("Where Terraform keeps this environment's state. Default: local file.");

/**
 * Where secrets come from. `tf_var` (default): sensitive variables set as `TF_VAR_<name>`.
 * `secretsmanager` / `ssm`: data sources read them at plan time (SecureString parameters
 * are decrypted); the synthesized JSON holds only their names.
 */
export const secretsSchema = z
  .discriminatedUnion("source", [
    z.strictObject({ source: z.literal("tf_var") }),
    z.strictObject({
      source: z.enum(["secretsmanager", "ssm"]),
      region: awsRegion.describe("Region of the secrets / parameters."),
      names: z
        .partialRecord(z.enum(SECRET_NAMES), z.string().min(1).max(2048))
        .default({})
        .describe("Secret id (Secrets Manager) or parameter name (SSM) per secret. Default: okta-port/<env>/<secret> (SSM: /okta-port/<env>/<secret>)."),
    }),
  ])
  .default({ source: "tf_var" })
  .describe("Where the stack reads its secrets from. Default: TF_VAR_<name> variables.");

/** Destroy protection of the Port blueprints. */
export const protectionSchema = z
  .strictObject({
    preventDestroy: z
      .boolean()
      .optional()
      .describe("Terraform lifecycle prevent_destroy on the Port blueprints. Default: true for a production environment."),
  })
  .default({})
  .describe("Protection against accidental destroy.");

/** Marks an environment as production (default: its name is "prod" or "production"). */
export const productionSchema = z
  .boolean()
  .optional()
  .describe("Production environment: blueprints protected from destroy by default. Default: name is prod or production.");

/** Prefix of blueprint and webhook identifiers, for environments sharing one Port organization. */
export const identifierPrefixSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,14}$/, { message: "expected a prefix of 1-15 lower-case letters, digits, _ and -, starting with a letter, like \"stg_\"" })
  .optional()
  .describe("Prefix of every blueprint and webhook identifier, when environments share one Port organization.");

/** Port limit on webhook identifiers. */
export const WEBHOOK_IDENTIFIER_MAX = 30;

/** zod check for the `port` object: prefix + webhook identifier must stay within Port's limit. */
export function checkPrefixedWebhookIdentifier(port: { identifierPrefix?: string; webhook: { identifier: string } }, ctx: z.core.$RefinementCtx): void {
  const full = `${port.identifierPrefix ?? ""}${port.webhook.identifier}`;
  if (port.identifierPrefix && full.length > WEBHOOK_IDENTIFIER_MAX) {
    ctx.addIssue({
      code: "custom",
      path: ["webhook", "identifier"],
      message: `expected at most ${WEBHOOK_IDENTIFIER_MAX} characters with the identifier prefix (Port's limit for webhook identifiers), got "${full}" (${full.length})`,
    });
  }
}

/** The operations-related fields of a validated environment (structural, to avoid an import cycle). */
export interface OperationsView {
  name: string;
  production?: boolean;
  protection: { preventDestroy?: boolean };
  state: z.output<typeof stateSchema>;
  secrets: z.output<typeof secretsSchema>;
  port: { identifierPrefix?: string };
}

/** Whether an environment is production: its `production` flag, else its name. */
export function isProduction(env: Pick<OperationsView, "name" | "production">): boolean {
  return env.production ?? (env.name === "prod" || env.name === "production");
}

/** Whether Port blueprints get `prevent_destroy`: explicit setting, else production. */
export function blueprintsPreventDestroy(env: Pick<OperationsView, "name" | "production" | "protection">): boolean {
  return env.protection.preventDestroy ?? isProduction(env);
}

/** Effective S3 backend settings, or undefined for the local backend. */
export function s3State(env: Pick<OperationsView, "name" | "state">): { bucket: string; key: string; region: string; dynamodbTable: string; encrypt: boolean } | undefined {
  const s = env.state;
  if (s.backend !== "s3") return undefined;
  return { bucket: s.bucket, key: s.key ?? defaultStateKey(env.name), region: s.region, dynamodbTable: s.dynamodbTable, encrypt: s.encrypt };
}

/** Where one secret is read from: its Secrets Manager id / SSM parameter name, by default per environment. */
export function secretLocation(env: Pick<OperationsView, "name" | "secrets">, secret: SecretName): string | undefined {
  const s = env.secrets;
  if (s.source === "tf_var") return undefined;
  const named = s.names[secret];
  if (named) return named;
  return s.source === "ssm" ? `/okta-port/${env.name}/${secret}` : `okta-port/${env.name}/${secret}`;
}
