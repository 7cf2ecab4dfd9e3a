import type { PolicyRule, SynthesizedStackView } from "../../src/rules";
import { formatFinding } from "../../src/rules";
import { Testing } from "cdktf";
import { OktaPortStack } from "../../src/stacks/okta-port-stack";
import { shippedInputs } from "../helpers/synth";

/**
 * The shipped dev stack's resolved Terraform JSON, built once per test file: what the
 * Aspect hands the rules (`stack.toTerraform()`, with the `//` metadata that names each
 * resource's construct; `Testing.synth` strips it).
 */
let cached: Record<string, any> | undefined;
function shippedJson(): Record<string, any> {
  if (!cached) {
    const inputs = shippedInputs();
    const environment = inputs.environments.find((e) => e.name === "dev")!;
    const stack = new OktaPortStack(Testing.app(), "dev", { environment, blueprints: inputs.blueprints, mapping: inputs.mapping });
    cached = stack.toTerraform() as Record<string, any>;
  }
  return cached;
}

/** A fresh deep copy of the shipped dev stack as a rule sees it; `edit` mutates it. */
export function stackView(edit: (json: Record<string, any>) => void = () => {}): SynthesizedStackView {
  const json = JSON.parse(JSON.stringify(shippedJson()));
  edit(json);
  return { stackPath: "dev", json };
}

/** The one resource of a type in a synthesized JSON (fails when there is not exactly one). */
export function only(json: Record<string, any>, type: string): Record<string, any> {
  const all = Object.values(json.resource?.[type] ?? {});
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0] as Record<string, any>;
}

/** The formatted messages a rule reports for a view. */
export function messages(rule: PolicyRule, view: SynthesizedStackView): string[] {
  return rule.check(view).map((f) => formatFinding(rule, f));
}
