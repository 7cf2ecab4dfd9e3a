/**
 * `npm run promote:check -- <from> <to>` (e.g. `staging prod`): prints the differences
 * between two environments' effective configuration and exits 1 when one is outside the
 * allowed list (src/ops/promotion.ts), naming each such field. Exit 2 on wrong usage.
 * Each argument is an environment name or the path of an environment file (`*.json`).
 */
import { isAbsolute, join } from "node:path";
import { parseEnvironment } from "../config/environment";
import { comparePromotion, formatPromotion } from "../ops/promotion";
import { readJsonFile } from "../util/json-file";
import { projectRoot } from "../util/project-root";
import { runCli } from "./run-cli";

runCli(() => {
  const args = process.argv.slice(2).filter((a) => a !== "--");
  if (args.length !== 2) {
    process.stderr.write("usage: npm run promote:check -- <from-environment> <to-environment>   (e.g. staging prod)\n");
    process.exitCode = 2;
    return;
  }
  const root = projectRoot();
  // An environment name (environments/<name>.json) or a path to an environment file.
  const [from, to] = args.map((arg) => {
    const file = arg.endsWith(".json") ? arg : `environments/${arg}.json`;
    return parseEnvironment(file, readJsonFile(isAbsolute(file) ? file : join(arg.endsWith(".json") ? process.cwd() : root, file), file));
  });
  const { ok, text } = formatPromotion(from.name, to.name, comparePromotion(from, to));
  process.stdout.write(text);
  // exitCode, not exit(): stdout may be a pipe, and exit() would cut the report short.
  if (!ok) process.exitCode = 1;
});
