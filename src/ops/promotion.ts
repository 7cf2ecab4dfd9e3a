/**
 * Promotion check: what was tested in one environment is what ships to the next. Compares
 * two environments' effective configuration (after defaults) and classifies each
 * difference as allowed (names, ids, schedule, credential and state references, the
 * environment's role) or not. `npm run promote:check -- staging prod` prints the result.
 */
import { airbyteNames, type EnvironmentConfig } from "../config/environment";
import { blueprintsPreventDestroy, isProduction, s3State, secretLocation } from "../config/operations";
import { secretSpecs } from "../stacks/secrets";
import { isObject } from "../util/is-object";
import { pathSegment } from "../util/json-path";

/**
 * Settings that may differ between two environments, as JSON path prefixes, with the reason.
 * Everything else must be equal for a promotion: sync modes, auth kinds, Okta start date,
 * status, Airbyte server, Port region, webhook security and icon, deprovisioned-user policy,
 * bucket region...
 */
export const PROMOTION_ALLOWED_DIFFERENCES: ReadonlyArray<{ path: string; reason: string }> = [
  { path: "$.$schema", reason: "editor hint" },
  { path: "$.name", reason: "name" },
  { path: "$.production", reason: "environment role" },
  { path: "$.protection", reason: "environment role (production is protected)" },
  { path: "$.airbyte.workspaceId", reason: "id" },
  { path: "$.airbyte.sourceName", reason: "name" },
  { path: "$.airbyte.destinationName", reason: "name" },
  { path: "$.airbyte.connectionName", reason: "name" },
  { path: "$.airbyte.schedule", reason: "schedule" },
  { path: "$.okta.domain", reason: "id (Okta organization)" },
  { path: "$.s3.bucket", reason: "name" },
  { path: "$.port.identifierPrefix", reason: "id prefix" },
  { path: "$.port.webhook.identifier", reason: "id" },
  { path: "$.port.webhook.title", reason: "name" },
  { path: "$.port.webhook.description", reason: "name" },
  { path: "$.state", reason: "state reference" },
  { path: "$.secrets", reason: "credential reference" },
];

/**
 * The configuration the stack is built from, defaults resolved: Airbyte resource names,
 * the state backend, where each needed secret is read from, and destroy protection.
 */
export function effectiveConfig(env: EnvironmentConfig): Record<string, unknown> {
  const secrets =
    env.secrets.source === "tf_var"
      ? { source: "tf_var" }
      : { source: env.secrets.source, region: env.secrets.region, locations: Object.fromEntries(secretSpecs(env).map((s) => [s.name, secretLocation(env, s.name)])) };
  const names = airbyteNames(env);
  const s3 = s3State(env);
  return {
    ...env,
    airbyte: { ...env.airbyte, sourceName: names.source, destinationName: names.destination, connectionName: names.connection },
    production: isProduction(env),
    protection: { preventDestroy: blueprintsPreventDestroy(env) },
    state: s3 ? { backend: "s3", ...s3 } : { backend: "local" },
    secrets,
  };
}

export interface ConfigDifference {
  /** JSON path of the leaf, e.g. `$.airbyte.syncModes.users`. */
  readonly path: string;
  /** Value in the first environment (undefined: not set). */
  readonly from: unknown;
  /** Value in the second environment (undefined: not set). */
  readonly to: unknown;
  /** Why it may differ; undefined when it may not. */
  readonly allowedBecause?: string;
}

/** Every leaf path where two JSON values differ (arrays compare as a whole), sorted. */
export function diffJson(a: unknown, b: unknown, path = "$"): Array<{ path: string; from: unknown; to: unknown }> {
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => diffJson(a[k], b[k], path + pathSegment(k)));
  }
  if (isObject(a) && b === undefined) return diffJson(a, {}, path);
  if (a === undefined && isObject(b)) return diffJson({}, b, path);
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ path, from: a, to: b }];
}

/** Why a path may differ, or undefined. */
export function allowedBecause(path: string): string | undefined {
  const hit = PROMOTION_ALLOWED_DIFFERENCES.find((a) => path === a.path || path.startsWith(`${a.path}.`) || path.startsWith(`${a.path}[`));
  return hit?.reason;
}

/** All differences between two environments' effective configuration, classified. */
export function comparePromotion(from: EnvironmentConfig, to: EnvironmentConfig): ConfigDifference[] {
  return diffJson(effectiveConfig(from), effectiveConfig(to)).map((d) => ({ ...d, allowedBecause: allowedBecause(d.path) }));
}

const show = (v: unknown) => (v === undefined ? "(not set)" : JSON.stringify(v));

/** Human-readable report; `ok` is false when any difference is not allowed. */
export function formatPromotion(fromName: string, toName: string, diffs: ConfigDifference[]): { ok: boolean; text: string } {
  const blocked = diffs.filter((d) => !d.allowedBecause);
  const lines = [`promote:check ${fromName} -> ${toName}: effective configuration, defaults applied`];
  for (const d of diffs) {
    lines.push(d.allowedBecause ? `  allowed      ${d.path}: ${show(d.from)} -> ${show(d.to)}  (${d.allowedBecause})` : `  NOT ALLOWED  ${d.path}: ${show(d.from)} -> ${show(d.to)}`);
  }
  if (!diffs.length) lines.push("  no differences");
  lines.push(
    blocked.length
      ? `FAIL: ${blocked.length} setting(s) differ that must be equal to promote ${fromName} to ${toName}: ${blocked.map((d) => d.path).join(", ")}`
      : `OK: ${diffs.length} difference(s), all allowed (names, ids, schedule, credential and state references, environment role).`,
  );
  return { ok: blocked.length === 0, text: lines.join("\n") + "\n" };
}
