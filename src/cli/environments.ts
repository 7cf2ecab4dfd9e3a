/**
 * `npm run --silent environments`: the environments as a JSON array of
 * `{ name, secretPrefix }` (the matrix of the pull-request and drift workflows), so adding
 * `environments/<name>.json` adds its plan.
 * `npm run --silent environments -- --require-remote-state <env>`: exit 1 unless that
 * environment keeps its state in S3; CI must never apply with a state file it then throws away.
 */
import { join } from "node:path";
import { loadEnvironments } from "../config/environment";
import { s3State } from "../config/operations";
import { projectRoot } from "../util/project-root";
import { runCli } from "./run-cli";

runCli(() => {
  const args = process.argv.slice(2).filter((a) => a !== "--");
  const environments = loadEnvironments(join(projectRoot(), "environments"));
  if (args.length === 0 || (args.length === 1 && args[0] === "--json")) {
    // secretPrefix: the GitHub secrets of a TF_VAR_ environment are named <PREFIX>_<SECRET>, e.g. PROD_OKTA_API_TOKEN.
    process.stdout.write(JSON.stringify(environments.map((e) => ({ name: e.name, secretPrefix: e.name.toUpperCase().replace(/-/g, "_") }))) + "\n");
    return;
  }
  if (args.length === 2 && args[0] === "--require-remote-state") {
    const env = environments.find((e) => e.name === args[1]);
    if (!env) {
      process.stderr.write(`error: no environments/${args[1]}.json (known: ${environments.map((e) => e.name).join(", ")})\n`);
      process.exitCode = 1;
      return;
    }
    const s3 = s3State(env);
    if (!s3) {
      process.stderr.write(`error: environments/${env.name}.json: $.state: expected {"backend": "s3", ...}, got the local backend; CI would lose the state after applying\n`);
      process.exitCode = 1;
      return;
    }
    process.stdout.write(`${env.name}: state in s3://${s3.bucket}/${s3.key} (${s3.region}), lock table ${s3.dynamodbTable}\n`);
    return;
  }
  process.stderr.write("usage: npm run --silent environments [-- --json | -- --require-remote-state <env>]\n");
  process.exitCode = 2;
});
