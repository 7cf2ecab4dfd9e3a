/**
 * `npm run promote:check -- <from> <to>` (e.g. `staging prod`): prints the differences
 * between two environments' effective configuration and exits 1 when one is outside the
 * allowed list (src/ops/promotion.ts), naming each such field. Exit 2 on wrong usage.
 */
import { join } from "node:path";
import { parseEnvironment } from "../config/environment";
import { comparePromotion, formatPromotion } from "../ops/promotion";
import { readJsonFile } from "../util/json-file";
import { projectRoot } from "../util/project-root";
import { runCli } from "./run-cli";

runCli(() => {
  const args = process.argv.slice(2).filter((a) => a !== "--");
  if (args.length !== 2) {
    process.stderr.write("usage: npm run promote:check -- <from-environment> <to-environment>   (e.g. staging prod)\n");
    process.exit(2);
  }
  const root = projectRoot();
  const [from, to] = args.map((name) => {
    const file = `environments/${name}.json`;
    return parseEnvironment(file, readJsonFile(join(root, file), file));
  });
  const { ok, text } = formatPromotion(from.name, to.name, comparePromotion(from, to));
  process.stdout.write(text);
  if (!ok) process.exit(1);
});
