/**
 * `npm run bench:synth`: wall time of synthesizing every environment with the kit's app
 * command (`npm run app`: esbuild bundle + node) next to cdktf's default TypeScript app
 * command (`npx ts-node main.ts`, which type-checks main.ts, src/ and the generated
 * bindings on every run), in the same run, plus their ratio. Both write to scratch folders,
 * and their outputs are compared so the fast path is proved to produce the same files.
 *
 * Usage: npm run bench:synth [-- --runs N]   (default 3 runs each; the median is reported)
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { projectRoot } from "../util/project-root";

const root = projectRoot();
const runsArg = process.argv.indexOf("--runs");
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;

function filesUnder(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, "utf8"));
    }
  };
  walk(dir);
  return out;
}

function timeCommand(label: string, command: string, args: string[]): { ms: number[]; outdir: string } {
  const ms: number[] = [];
  let outdir = "";
  for (let i = 0; i < runs; i++) {
    if (outdir) rmSync(outdir, { recursive: true, force: true });
    outdir = mkdtempSync(join(tmpdir(), `bench-synth-${label}-`));
    const start = process.hrtime.bigint();
    const r = spawnSync(command, args, { cwd: root, env: { ...process.env, CDKTF_OUTDIR: outdir }, encoding: "utf8" });
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0) {
      process.stderr.write(`${label} failed (exit ${r.status}):\n${r.stderr}\n`);
      process.exit(1);
    }
    ms.push(elapsed);
  }
  return { ms, outdir };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const kit = timeCommand("kit", "npm", ["run", "--silent", "app"]);
const dflt = timeCommand("default", "npx", ["ts-node", "main.ts"]);

const a = filesUnder(join(kit.outdir, "stacks"));
const b = filesUnder(join(dflt.outdir, "stacks"));
const same = a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
const stacks = readdirSync(join(kit.outdir, "stacks")).sort();

console.log(`synth of ${stacks.length} stacks (${stacks.join(", ")}), ${runs} runs each, median wall time:`);
console.log(`  kit     (npm run app: esbuild bundle + node) ${fmt(median(kit.ms)).padStart(8)}   runs: ${kit.ms.map(fmt).join(", ")}`);
console.log(`  default (npx ts-node main.ts)                ${fmt(median(dflt.ms)).padStart(8)}   runs: ${dflt.ms.map(fmt).join(", ")}`);
console.log(`  ratio kit/default: ${(median(kit.ms) / median(dflt.ms)).toFixed(3)}  (target <= 0.5)`);
console.log(`  outputs identical: ${same ? "yes" : "NO"}`);
rmSync(kit.outdir, { recursive: true, force: true });
rmSync(dflt.outdir, { recursive: true, force: true });
if (!same) process.exit(1);
