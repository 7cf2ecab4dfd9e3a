/**
 * `npm run schema`: writes environments/environment.schema.json from the zod schema.
 * `npm run schema -- --check` exits 1 when the committed file is out of date.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ENVIRONMENT_SCHEMA_FILE, environmentJsonSchemaText } from "../guardrails/environment-json-schema";
import { projectRoot } from "../util/project-root";
import { runCli } from "./run-cli";

runCli(() => {
  const file = join(projectRoot(), ENVIRONMENT_SCHEMA_FILE);
  const text = environmentJsonSchemaText();
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(file, "utf8");
    } catch {
      // missing: out of date
    }
    if (current !== text) {
      process.stderr.write(`error: ${ENVIRONMENT_SCHEMA_FILE} is out of date; run npm run schema\n`);
      process.exit(1);
    }
    process.stdout.write(`${ENVIRONMENT_SCHEMA_FILE} is up to date\n`);
    return;
  }
  writeFileSync(file, text);
  process.stdout.write(`wrote ${ENVIRONMENT_SCHEMA_FILE}\n`);
});
