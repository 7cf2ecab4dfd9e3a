import { Testing } from "cdktf";
import { loadInputs, KitInputs } from "../../src/app";
import type { EnvironmentConfig } from "../../src/config/environment";
import { OktaPortStack } from "../../src/stacks/okta-port-stack";

/** The shipped inputs (environments/, blueprints/, mappings/), read once per test file. */
let cached: KitInputs | undefined;
export function shippedInputs(): KitInputs {
  return (cached ??= loadInputs());
}

/** Synthesized Terraform JSON (parsed) of one stack. */
export type TerraformJson = Record<string, any>;

/** Builds one OktaPortStack in a fresh test App and returns its synthesized JSON. */
export function synthStack(environment: EnvironmentConfig, overrides: Partial<KitInputs> = {}): { stack: OktaPortStack; json: TerraformJson; raw: string } {
  const inputs = { ...shippedInputs(), ...overrides };
  const app = Testing.app();
  const stack = new OktaPortStack(app, environment.name, { environment, blueprints: inputs.blueprints, mapping: inputs.mapping });
  const raw = Testing.synth(stack);
  return { stack, json: JSON.parse(raw), raw };
}

/** The single resource of a type in a synthesized stack (fails when there is not exactly one). */
export function onlyResource(json: TerraformJson, type: string): Record<string, any> {
  const all = Object.values(json.resource?.[type] ?? {});
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0] as Record<string, any>;
}
