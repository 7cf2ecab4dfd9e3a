import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp, KitInputs } from "../../src/app";
import { EnvironmentConfig, parseEnvironment } from "../../src/config/environment";
import { shippedInputs } from "../helpers/synth";

/** A shipped environment, re-parsed with `change` applied to its file's JSON (so defaults apply). */
export function variant(name: string, change: (doc: Record<string, any>) => void = () => {}): EnvironmentConfig {
  const original = shippedInputs().environments.find((e) => e.name === name)!;
  const doc = JSON.parse(JSON.stringify(original));
  change(doc);
  return parseEnvironment(`environments/${name}.json`, doc);
}

/** Every file under a folder (recursive), with its text. */
export function readTree(dir: string): Array<{ path: string; text: string }> {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? readTree(path) : [{ path, text: readFileSync(path, "utf8") }];
  });
}

/** Synthesizes the whole app (every stack) into a temp folder; returns its files, then deletes it. */
export function synthApp(overrides: Partial<KitInputs> = {}): Array<{ path: string; text: string }> {
  const outdir = mkdtempSync(join(tmpdir(), "okta-kit-ops-"));
  try {
    createApp({ inputs: { ...shippedInputs(), ...overrides }, outdir }).synth();
    return readTree(outdir).map((f) => ({ ...f, path: f.path.slice(outdir.length + 1) }));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
