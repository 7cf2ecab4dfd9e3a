/**
 * `npm run preview -- [dir] [--format text|json] [--env NAME] [--namespace KEY]
 *  [--engine auto|native|wasm] [--no-fast-path] [--allow-rejects]`
 *
 * Runs the webhook mapping the stacks deploy (mappings/) on synced Airbyte records with
 * Port's JQ engine and checks every entity against blueprints/. Exit 0: clean; 1: rejected
 * records, identifier collisions or mapping compile errors; 2: bad arguments or config.
 */
import { writeSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { JqEngineChoice, loadJqEngine, nativeJqLoadError } from "../jq";
import { loadEnvironments } from "../config/environment";
import { loadBlueprints } from "../port/blueprint-document";
import { applyDeprovisionedUserPolicy, DeprovisionedUserPolicy, loadMapping } from "../port/webhook-mapping";
import { DEFAULT_NAMESPACE } from "../preview/event";
import { fastPathDefault } from "../preview/evaluator";
import { PreviewEntity, runPreview } from "../preview/preview";
import { jsonEntity, jsonReport, previewExitCode, textReport } from "../preview/report";
import { InputError, InputErrors } from "../util/json-file";
import { projectRoot } from "../util/project-root";

const USAGE = `usage: npm run preview -- [dir] [options]

  dir                 synced records: Airbyte's S3 layout ([data/]<namespace>/<stream>/year=YYYY/month=MM/DD_EPOCH_N.jsonl.gz)
                      or flat <stream>.jsonl / <stream>.jsonl.gz files. Default: the sample records in __tests__/fixtures/okta/
  --format text|json  report format (default text)
  --env NAME          apply environments/NAME.json's deprovisionedUsers policy (default: the mapping as written)
  --namespace KEY     Airbyte namespace = Port webhook key in the object keys (default ${DEFAULT_NAMESPACE})
  --engine auto|native|wasm  JQ engine (default auto: Port's native engine when built, else jq-web)
  --no-fast-path      evaluate every expression with the JQ engine (default: expressions in the JS fast
                      path's jq subset, proved equal to Port's engine, run in JavaScript; also OKTA_KIT_FAST_PATH=0)
  --allow-rejects     exit 0 even when records are rejected or collide
  --help              this text

exit codes: 0 clean, 1 rejected records / collisions / mapping compile errors, 2 bad arguments or config`;

interface Args {
  dir?: string;
  format: "text" | "json";
  env?: string;
  namespace?: string;
  engine: JqEngineChoice;
  fastPath: boolean;
  allowRejects: boolean;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Args | "help" {
  const args: Args = { format: "text", engine: "auto", fastPath: fastPathDefault(), allowRejects: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = a.includes("=") ? a.slice(a.indexOf("=") + 1) : argv[++i];
      if (v === undefined || v === "") throw new UsageError(`${a.split("=")[0]} needs a value`);
      return v;
    };
    const name = a.split("=")[0];
    if (name === "--help" || name === "-h") return "help";
    else if (name === "--format") {
      const v = value();
      if (v !== "text" && v !== "json") throw new UsageError(`--format: expected text or json, got ${v}`);
      args.format = v;
    } else if (name === "--env") args.env = value();
    else if (name === "--namespace") args.namespace = value();
    else if (name === "--engine") {
      const v = value();
      if (v !== "auto" && v !== "native" && v !== "wasm") throw new UsageError(`--engine: expected auto, native or wasm, got ${v}`);
      args.engine = v;
    } else if (name === "--allow-rejects") args.allowRejects = true;
    else if (name === "--no-fast-path") args.fastPath = false;
    else if (a.startsWith("-")) throw new UsageError(`unknown option ${a}`);
    else if (args.dir === undefined) args.dir = a;
    else throw new UsageError(`one input folder only, got ${args.dir} and ${a}`);
  }
  return args;
}

/** Writes to stdout synchronously (entities are streamed while records are read). */
function writeOut(text: string): void {
  let buf = Buffer.from(text);
  while (buf.length) {
    try {
      buf = buf.subarray(writeSync(1, buf));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // The reader went away (e.g. `| head`): stop quietly, as Unix tools do.
      if (code === "EPIPE") process.exit(0);
      if (code !== "EAGAIN") throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
    }
  }
}

async function main(argv: string[]): Promise<number> {
  let args: Args | "help";
  try {
    args = parseArgs(argv);
  } catch (err) {
    process.stderr.write(`preview: ${(err as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const root = projectRoot();
  const inputDir = args.dir === undefined ? join(root, "__tests__", "fixtures", "okta") : isAbsolute(args.dir) ? args.dir : resolve(process.cwd(), args.dir);
  let mapping;
  let blueprints;
  let policy: DeprovisionedUserPolicy = "keep";
  try {
    mapping = loadMapping(join(root, "mappings"));
    blueprints = loadBlueprints(join(root, "blueprints"));
    if (args.env) {
      const env = loadEnvironments(join(root, "environments")).find((e) => e.name === args.env);
      if (!env) throw new UsageError(`--env: no environments/${args.env}.json`);
      policy = env.deprovisionedUsers;
    }
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`preview: ${err.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (err instanceof InputErrors || err instanceof InputError) {
      process.stderr.write(`preview: the kit's configuration has errors:\n${err.message}\n`);
      return 2;
    }
    throw err;
  }
  try {
    const { statSync } = await import("node:fs");
    if (!statSync(inputDir).isDirectory()) throw new Error("not a folder");
  } catch {
    process.stderr.write(`preview: ${inputDir}: no such folder\n\n${USAGE}\n`);
    return 2;
  }
  let engine;
  try {
    engine = await loadJqEngine(args.engine);
  } catch (err) {
    process.stderr.write(`preview: ${(err as Error).message}\n`);
    return 2;
  }
  const engineNote = engine.name === "wasm" && args.engine === "auto" ? ` (Port's native engine unavailable: ${nativeJqLoadError() ?? "not loaded"})` : "";
  if (engine.name === "wasm") process.stderr.write(`preview: using the jq-web WebAssembly engine${engineNote}\n`);

  let first = true;
  const onEntity =
    args.format === "json"
      ? (e: PreviewEntity) => {
          writeOut(`${first ? "" : ",\n"}    ${JSON.stringify(jsonEntity(e))}`);
          first = false;
        }
      : undefined;
  if (args.format === "json") writeOut('{\n  "entities": [\n');
  const result = await runPreview({
    inputDir,
    mapping: applyDeprovisionedUserPolicy(mapping.entries, policy),
    blueprints,
    engine,
    fastPath: args.fastPath,
    ...(args.namespace ? { namespace: args.namespace } : {}),
    ...(onEntity ? { onEntity } : {}),
  });
  if (args.format === "json") {
    const rest = jsonReport({ ...result, input: inputDir, policy } as typeof result).trimEnd();
    // Append everything but the (empty) entities array to the streamed object.
    const body = JSON.parse(rest) as Record<string, unknown>;
    delete body.entities;
    writeOut(`\n  ],\n${JSON.stringify(body, null, 2).slice(2)}\n`);
  } else {
    writeOut(textReport(result, { engineNote }));
    if (policy !== "keep") writeOut(`(deprovisionedUsers policy: ${policy}, from environments/${args.env}.json)\n`);
  }
  return previewExitCode(result, args.allowRejects);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`preview: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 2;
  },
);
