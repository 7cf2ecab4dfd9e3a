/**
 * Policy rules, cdk-nag style: each rule is a small pure check of one stack's synthesized
 * Terraform JSON (exactly what `cdk.tf.json` will hold: props, escape hatches and raw
 * overrides included), and reports what it expected and what it found. The Aspect in
 * `policy-aspect.ts` runs a pack of rules on every stack and turns each finding into an
 * error Annotation on the construct at fault.
 */
import { canonicalJson } from "../util/json-file";
import { isObject } from "../util/is-object";

/** One resource of the synthesized JSON, with the construct that declared it. */
export interface SynthesizedResource {
  /** Terraform resource type, e.g. `airbyte_destination_s3`. */
  readonly type: string;
  /** Terraform resource name (cdktf's logical id), e.g. `pipeline_destination_272F3877`. */
  readonly name: string;
  /** The resource's arguments, as Terraform will read them. */
  readonly config: Record<string, unknown>;
  /** Construct path (`dev/pipeline/destination/destination`), or `<stack>/<type>.<name>` for a raw override. */
  readonly constructPath: string;
}

/** A stack as it will be written: its path and its resolved Terraform JSON. */
export interface SynthesizedStackView {
  /** Construct path of the stack (its name). */
  readonly stackPath: string;
  /** The resolved Terraform JSON of the stack. */
  readonly json: Record<string, unknown>;
}

/** One violation of a rule. */
export interface RuleFinding {
  /** Construct the finding is about (a resource, a provider or the stack). */
  readonly constructPath: string;
  /** What the rule requires, including the attribute, e.g. `configuration.s3_bucket_path = "data/"`. */
  readonly expected: string;
  /** What the synthesized JSON holds there. */
  readonly got: string;
}

/** A policy rule: a name (used in messages and docs), a reason, and a pure check. */
export interface PolicyRule {
  /** PascalCase name, e.g. `PortS3BucketPath`; also the file name in kebab case. */
  readonly name: string;
  /** Why the rule exists (what breaks when it is violated). */
  readonly description: string;
  /** Every violation found in the stack; empty when it complies. */
  check(stack: SynthesizedStackView): RuleFinding[];
}

/** Every resource of a type in a synthesized stack, in name order. */
export function resourcesOfType(stack: SynthesizedStackView, type: string): SynthesizedResource[] {
  const byName = (stack.json.resource as Record<string, unknown> | undefined)?.[type];
  if (!isObject(byName)) return [];
  return Object.keys(byName)
    .sort()
    .map((name) => {
      const config = isObject(byName[name]) ? (byName[name] as Record<string, unknown>) : {};
      const meta = (config["//"] as { metadata?: { path?: unknown } } | undefined)?.metadata;
      const constructPath = typeof meta?.path === "string" ? meta.path : `${stack.stackPath}/${type}.${name}`;
      return { type, name, config, constructPath };
    });
}

/** Every resource whose type starts with a prefix (e.g. `airbyte_`). */
export function resourcesWithPrefix(stack: SynthesizedStackView, prefix: string): SynthesizedResource[] {
  const all = stack.json.resource as Record<string, unknown> | undefined;
  if (!isObject(all)) return [];
  return Object.keys(all)
    .filter((t) => t.startsWith(prefix))
    .sort()
    .flatMap((t) => resourcesOfType(stack, t));
}

/** The value at a dotted path (`configuration.format.json_lines_newline_delimited_json`). */
export function valueAtPath(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const key of path.split(".")) {
    if (!isObject(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** How a found value is quoted in messages: JSON with sorted keys, or "nothing" when absent. */
export function describeFound(value: unknown): string {
  return value === undefined ? "nothing (not set)" : canonicalJson(value);
}

export { isObject };
