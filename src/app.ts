import { join } from "node:path";
import { App } from "cdktf";
import { EnvironmentConfig, loadEnvironments } from "./config/environment";
import { LoadedBlueprint, loadBlueprints } from "./port/blueprint-document";
import { LoadedMapping, loadMapping } from "./port/webhook-mapping";
import { applyGuardrailRules } from "./rules";
import { OktaPortStack } from "./stacks/okta-port-stack";
import { BOOTSTRAP_STACK_NAME, BootstrapStack, stateTargets } from "./stacks/bootstrap-stack";
import { projectRoot } from "./util/project-root";
import { loadAll, validateInputs } from "./validation";

/** Everything the stacks are built from, read and validated before any construct exists. */
export interface KitInputs {
  environments: EnvironmentConfig[];
  blueprints: LoadedBlueprint[];
  mapping: LoadedMapping;
}

/** Reads `environments/`, `blueprints/` and `mappings/` under the project root. */
export function loadInputs(root: string = projectRoot()): KitInputs {
  // Every file's problems at once (src/validation/), then the cross-file checks: relations,
  // mapping against blueprints, JQ compiled with Port's engine, duplicate JSON keys.
  const inputs = loadAll({
    environments: () => loadEnvironments(join(root, "environments")),
    blueprints: () => loadBlueprints(join(root, "blueprints")),
    mapping: () => loadMapping(join(root, "mappings")),
  });
  return validateInputs(inputs, root);
}

export interface CreateAppOptions {
  /** Inputs to build from. Default: read from the project root. */
  inputs?: KitInputs;
  /** Output folder. Default: cdktf's (`CDKTF_OUTDIR` or `cdktf.out`). */
  outdir?: string;
}

/** The cdktf App with one OktaPortStack per environment file, named after it. */
export function createApp(options: CreateAppOptions = {}): App {
  const inputs = options.inputs ?? loadInputs();
  // No stack traces in annotations: they hold absolute paths, and manifest.json must not
  // differ between clones (determinism).
  const app = new App({ stackTraces: false, ...(options.outdir ? { outdir: options.outdir } : {}) });
  for (const environment of inputs.environments) {
    new OktaPortStack(app, environment.name, { environment, blueprints: inputs.blueprints, mapping: inputs.mapping });
  }
  // State buckets and lock tables named by the environments' `state` (see src/stacks/bootstrap-stack.ts).
  const stateBackends = stateTargets(inputs.environments);
  if (stateBackends.buckets.length) new BootstrapStack(app, BOOTSTRAP_STACK_NAME, { targets: stateBackends });
  // Port's S3 contract, checked on every stack (src/rules/); any finding fails synth.
  applyGuardrailRules(app);
  return app;
}
