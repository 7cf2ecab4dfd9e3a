/**
 * Input validation before any construct exists: every problem of every environment,
 * blueprint and mapping file, reported at once as `file: $.json.path: problem`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { environmentFileNames, type EnvironmentConfig } from "../config/environment";
import type { LoadedBlueprint } from "../port/blueprint-document";
import type { LoadedMapping } from "../port/webhook-mapping";
import { InputError, InputErrors } from "../util/json-file";
import { blueprintProblems } from "./blueprints";
import { scanJson } from "./json-scan";
import { mappingProblems } from "./mapping";

export { blueprintProblems, PORT_STRING_FORMATS, PORT_SYSTEM_BLUEPRINTS } from "./blueprints";
export { mappingProblems, entryExpressions } from "./mapping";
export { scanJson } from "./json-scan";

/** Runs each loader; returns their results, or throws InputErrors with the problems of all of them. */
export function loadAll<T extends Record<string, () => unknown>>(loaders: T): { [K in keyof T]: ReturnType<T[K]> } {
  const errors: InputError[] = [];
  const result: Partial<Record<keyof T, unknown>> = {};
  for (const key of Object.keys(loaders) as Array<keyof T>) {
    try {
      result[key] = loaders[key]();
    } catch (e) {
      if (e instanceof InputErrors) errors.push(...e.errors);
      else if (e instanceof InputError) errors.push(e);
      else throw e;
    }
  }
  if (errors.length) throw new InputErrors(errors);
  return result as { [K in keyof T]: ReturnType<T[K]> };
}

/** Keys written twice in one object of an input file (JSON.parse keeps only the last). */
export function duplicateKeyProblems(root: string, files: readonly string[]): InputError[] {
  const errors: InputError[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(join(root, file), "utf8");
    } catch {
      continue;
    }
    for (const d of scanJson(text).duplicateKeys) {
      errors.push(new InputError(file, d.jsonPath, `duplicate key at line ${d.line}, column ${d.column}: JSON keeps only the last value; expected each key once`));
    }
  }
  return errors;
}

export interface ValidatedInputs {
  environments: EnvironmentConfig[];
  blueprints: LoadedBlueprint[];
  mapping: LoadedMapping;
}

/**
 * Cross-file validation of loaded inputs (blueprints, mapping against blueprints, JQ).
 * With `root`, also re-reads the files for duplicate keys. Throws InputErrors listing all.
 */
export function validateInputs<T extends ValidatedInputs>(inputs: T, root?: string): T {
  const policies = [...new Set(inputs.environments.map((e) => e.deprovisionedUsers))];
  const environmentFiles = root ? environmentFileNames(join(root, "environments")).map((f) => `environments/${f}`) : [];
  const files = [...environmentFiles, ...inputs.blueprints.map((b) => b.file), inputs.mapping.file];
  const errors = [
    ...(root ? duplicateKeyProblems(root, files) : []),
    ...blueprintProblems(inputs.blueprints),
    ...mappingProblems(inputs.mapping, inputs.blueprints, policies),
  ];
  if (errors.length) throw new InputErrors(errors);
  return inputs;
}
