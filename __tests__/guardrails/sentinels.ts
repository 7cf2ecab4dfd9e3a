/**
 * Sentinel values for every environment variable the kit (or a tool it configures) reads,
 * and a scanner that finds them in output files and log text.
 */
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SECRET_NAMES } from "../../src/config/operations";
import { ROOT } from "./harness";

/**
 * Variables that steer synth rather than carry a value (a sentinel would change what synth
 * does, not test a leak), each with its reason.
 */
export const CONTROL_VARIABLES: Record<string, string> = {
  CDKTF_OUTDIR: "output folder; the test sets it",
  OKTA_KIT_JQ_ENGINE: "JQ engine choice: auto, native or wasm",
  CDKTF_CONTEXT_JSON: "cdktf context as JSON",
  SYNTH_HCL_OUTPUT: "cdktf output format switch",
  CDKTF_TARGET_STACK_ID: "cdktf stack selection",
  CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: "cdktf error switch (the kit ignores it)",
};

/** Credentials that Terraform providers or CI may read from the environment. */
export const PROVIDER_VARIABLES = [
  "PORT_CLIENT_ID", "PORT_CLIENT_SECRET", "PORT_BASE_URL", "PORT_TOKEN",
  "AIRBYTE_CLIENT_ID", "AIRBYTE_CLIENT_SECRET", "AIRBYTE_USERNAME", "AIRBYTE_PASSWORD", "AIRBYTE_BEARER_AUTH", "AIRBYTE_SERVER_URL",
  "OKTA_API_TOKEN", "OKTA_CLIENT_ID", "OKTA_CLIENT_SECRET",
  "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
  "GITHUB_TOKEN",
];

/** `process.env.X` / `process.env["X"]` names in the kit's own sources (src/, main.ts). */
export function variablesReadBySources(): string[] {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith(".ts")) {
        const text = readFileSync(p, "utf8");
        for (const m of text.matchAll(/process\.env(?:\.([A-Z_][A-Z0-9_]*)|\[\s*["'`]([A-Z_][A-Z0-9_]*)["'`]\s*\])/g)) names.add(m[1] ?? m[2]);
      }
    }
  };
  walk(join(ROOT, "src"));
  for (const m of readFileSync(join(ROOT, "main.ts"), "utf8").matchAll(/process\.env\.([A-Z_][A-Z0-9_]*)/g)) names.add(m[1]);
  return [...names].sort();
}

/** A distinct sentinel value per variable: every TF_VAR_ secret, provider credential and variable the sources read. */
export function sentinelEnvironment(): Record<string, string> {
  const names = new Set<string>([
    ...SECRET_NAMES.map((s) => `TF_VAR_${s}`),
    ...PROVIDER_VARIABLES,
    ...variablesReadBySources(),
  ]);
  for (const control of Object.keys(CONTROL_VARIABLES)) names.delete(control);
  const run = randomBytes(4).toString("hex");
  return Object.fromEntries([...names].sort().map((n, i) => [n, `sntl${i}x${run}${n.toLowerCase().replace(/[^a-z0-9]/g, "")}`]));
}

export interface SentinelHit {
  where: string;
  variable: string;
  encoding: "plain" | "base64";
}

/** Every occurrence of a sentinel (plain or base64) in the given texts, by name. */
export function findSentinels(texts: Record<string, string>, sentinels: Record<string, string>): SentinelHit[] {
  const hits: SentinelHit[] = [];
  for (const [where, text] of Object.entries(texts)) {
    for (const [variable, value] of Object.entries(sentinels)) {
      if (text.includes(value)) hits.push({ where, variable, encoding: "plain" });
      if (text.includes(Buffer.from(value).toString("base64").replace(/=+$/, ""))) hits.push({ where, variable, encoding: "base64" });
    }
  }
  return hits;
}
