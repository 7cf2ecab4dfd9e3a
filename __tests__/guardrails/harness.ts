/**
 * Test harness for the guardrails: temporary project copies, the real CLI (main.ts bundled
 * once per test file, run with node), in-process atomic synth, and byte-level snapshots of
 * output folders.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { buildSync } from "esbuild";
import type { App } from "cdktf";
import { createApp, KitInputs, loadInputs } from "../../src/app";
import { synthAtomically } from "../../src/guardrails/safe-synth";
import { projectRoot } from "../../src/util/project-root";

export const ROOT = projectRoot();
const temps: string[] = [];

/** A fresh temporary folder, removed by `cleanupTemps()`. */
export function tempDir(prefix = "okta-kit-test-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

export function cleanupTemps(): void {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Every file under a folder, relative path -> sha256 (empty when the folder is absent). */
export function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash("sha256").update(readFileSync(p)).digest("hex");
    }
  };
  walk(dir);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** Every file under a folder with its text. */
export function readTree(dir: string): Record<string, string> {
  return Object.fromEntries(Object.keys(snapshotTree(dir)).map((f) => [f, readFileSync(join(dir, f), "utf8")]));
}

/** A pre-existing output folder with recognizable content, as a previous synth would leave. */
export function seedOutdir(dir: string): Record<string, string> {
  mkdirSync(join(dir, "stacks", "prod"), { recursive: true });
  writeFileSync(join(dir, "manifest.json"), '{"previous": "synth"}\n');
  writeFileSync(join(dir, "stacks", "prod", "cdk.tf.json"), '{"previous": "prod"}\n');
  return snapshotTree(dir);
}

/**
 * A copy of the project's inputs (cdktf.json, package.json, environments/, blueprints/,
 * mappings/) in a temporary folder, with node_modules linked, so files can be broken freely.
 */
export function makeProject(edit: (root: string) => void = () => {}): string {
  const root = tempDir("okta-kit-project-");
  for (const f of ["cdktf.json", "package.json"]) cpSync(join(ROOT, f), join(root, f));
  for (const d of ["environments", "blueprints", "mappings"]) cpSync(join(ROOT, d), join(root, d), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(root, "node_modules"), "dir");
  edit(root);
  return root;
}

/** Reads, edits and writes back a JSON file of a project. */
export function editJson(root: string, file: string, edit: (doc: any) => any): void {
  const path = join(root, file);
  const doc = JSON.parse(readFileSync(path, "utf8"));
  const result = edit(doc);
  writeFileSync(path, JSON.stringify(result === undefined ? doc : result, null, 2));
}

let bundle: string | undefined;
/** main.ts bundled (once per test file) the way `npm run synth` bundles it. */
export function mainBundle(): string {
  if (bundle) return bundle;
  const out = join(tempDir("okta-kit-bundle-"), "main.js");
  buildSync({ entryPoints: [join(ROOT, "main.ts")], bundle: true, platform: "node", target: "node20", packages: "external", logLevel: "warning", outfile: out });
  return (bundle = out);
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the synth CLI against a project copy (the bundle is copied into it, so its project
 * root is the copy). `env` is the whole environment besides PATH and HOME.
 */
export function runSynthCli(project: string, env: Record<string, string> = {}, outdir = join(project, "cdktf.out")): CliRun {
  const dir = join(project, ".bundle");
  mkdirSync(dir, { recursive: true });
  cpSync(mainBundle(), join(dir, "main.js"));
  const r = spawnSync(process.execPath, [join(dir, "main.js")], {
    cwd: project,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", CDKTF_OUTDIR: outdir, ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** In-process: the kit's atomic synth of `inputs` (plus an optional edit of the App) into `outdir`. */
export function synthInProcess(inputs: KitInputs, outdir: string, edit: (app: App) => void = () => {}) {
  return synthAtomically(
    (temp) => {
      const app = createApp({ inputs, outdir: temp });
      edit(app);
      return app;
    },
    { outdir, onWarning: () => {} },
  );
}

/** Inputs loaded (and validated) from a project folder. */
export function projectInputs(root: string): KitInputs {
  return loadInputs(root);
}
