/**
 * `npm run bench:preview [-- --users N --assignments N --keep --fast-path-only]`
 *
 * Generates a synthetic sync (100,000 users, 300,000 role assignments, custom roles and
 * their permissions), gzipped in Airbyte's S3 layout, then measures the preview end to end
 * (records/s, peak RSS, in a child process; with the JS fast path, then without) and the `jq` command-line program running the
 * same mapping (the preview's combined program) over the same decompressed records.
 * Not part of `npm test`.
 */
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createGzip, gunzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { loadJqEngine } from "../jq";
import { loadBlueprints } from "../port/blueprint-document";
import { loadMapping } from "../port/webhook-mapping";
import { compileMapping } from "../preview/evaluator";
import { accountingHolds, runPreview } from "../preview/preview";
import { projectRoot } from "../util/project-root";

const PART_RECORDS = 50_000;
const EPOCH = 1741356330917;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function writeStream(dir: string, stream: string, count: number, make: (i: number) => Record<string, unknown>): Promise<void> {
  for (let part = 0; part * PART_RECORDS < count; part++) {
    const path = join(dir, "data", "bench_ns", stream, "year=2025", "month=03", `07_${EPOCH}_${part}.jsonl.gz`);
    mkdirSync(dirname(path), { recursive: true });
    const gz = createGzip({ level: 6 });
    const out = gz.pipe(createWriteStream(path));
    const end = Math.min(count, (part + 1) * PART_RECORDS);
    for (let i = part * PART_RECORDS; i < end; i++) {
      const line = JSON.stringify({
        _airbyte_raw_id: `0195${String(i).padStart(28, "0")}`,
        _airbyte_extracted_at: EPOCH + i,
        _airbyte_meta: { sync_id: 1, changes: [] },
        _airbyte_generation_id: 0,
        _airbyte_data: make(i),
      });
      if (!gz.write(line + "\n")) await new Promise<void>((r) => gz.once("drain", () => r()));
    }
    gz.end();
    await new Promise<void>((r) => out.on("finish", () => r()));
  }
}

const uid = (i: number) => `00u${String(i).padStart(16, "0")}`;
const roleId = (i: number) => `cr0${String(i).padStart(16, "0")}`;
const ORG = "https://bench-00000000.okta.com/api/v1";
const STATUSES = ["ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "STAGED", "PROVISIONED", "SUSPENDED", "DEPROVISIONED"];

async function generate(dir: string, users: number, assignments: number, roles: number): Promise<void> {
  await writeStream(dir, "custom_roles", roles, (i) => ({ id: roleId(i), label: `Bench role ${i}`, description: "synthetic", created: "2024-04-02T09:00:00.000Z", lastUpdated: "2024-10-11T15:30:00.000Z", _links: { self: { href: `${ORG}/iam/roles/${roleId(i)}` }, permissions: { href: `${ORG}/iam/roles/${roleId(i)}/permissions` } } }));
  await writeStream(dir, "permissions", roles * 8, (i) => {
    const r = roleId(Math.floor(i / 8));
    const label = `okta.bench.perm${i % 8}`;
    return { label, created: "2024-04-02T09:00:00.000Z", lastUpdated: "2024-04-02T09:00:00.000Z", conditions: null, _links: { role: { href: `${ORG}/iam/roles/${r}` }, self: { href: `${ORG}/iam/roles/${r}/permissions/${label}` } } };
  });
  await writeStream(dir, "users", users, (i) => {
    const status = STATUSES[i % STATUSES.length];
    const staged = status === "STAGED";
    return {
      id: uid(i), status, created: "2023-01-09T16:02:11.000Z", activated: staged ? null : "2023-01-09T16:05:40.000Z", statusChanged: staged ? null : "2023-01-09T16:05:40.000Z",
      lastLogin: staged ? null : "2025-03-06T21:14:03.000Z", lastUpdated: "2025-03-05T09:12:44.000Z", passwordChanged: null, type: { id: "oty0000000000000001" },
      profile: { firstName: "Bench", lastName: `User${i}`, mobilePhone: null, secondEmail: null, login: `bench.user${i}@example.com`, email: `bench.user${i}@example.com`, displayName: `Bench User ${i}`, title: "Engineer", department: "R&D", employeeNumber: `B-${i}`, countryCode: "US", timezone: "America/Los_Angeles", locale: "en_US" },
      credentials: { password: {}, provider: { type: "OKTA", name: "OKTA" } }, _links: { self: { href: `${ORG}/users/${uid(i)}` } },
    };
  });
  await writeStream(dir, "user_role_assignments", assignments, (i) => {
    const user = uid(i % users);
    const custom = i % 3 === 0;
    const group = i % 5 === 0;
    const id = group ? `grp${String(i % 97).padStart(16, "0")}` : `ra1${String(i).padStart(16, "0")}`;
    const role = roleId(i % roles);
    return {
      id, label: custom ? `Bench role ${i % roles}` : "Read Only Administrator", type: custom ? "CUSTOM" : "READ_ONLY_ADMIN", ...(custom ? { role } : {}), status: "ACTIVE",
      created: "2024-10-11T15:31:00.000Z", lastUpdated: "2024-10-11T15:31:00.000Z", assignmentType: group ? "GROUP" : "USER",
      _links: { assignee: { href: `${ORG}/users/${user}` }, ...(custom ? { role: { href: `${ORG}/iam/roles/${role}` } } : {}) }, userId: user,
    };
  });
}

function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.isDirectory()) walk(join(d, e.name));
      else out.push(join(d, e.name));
    }
  };
  walk(dir);
  return out;
}

/** The child: runs the preview and prints its numbers as JSON. */
async function child(dir: string, fastPath: boolean): Promise<void> {
  const root = projectRoot();
  const engine = await loadJqEngine();
  const start = process.hrtime.bigint();
  const result = await runPreview({ inputDir: dir, mapping: loadMapping(join(root, "mappings")).entries, blueprints: loadBlueprints(join(root, "blueprints")), engine, fastPath });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const fp = result.fastPath;
  const mode = fp ? `${result.mode} + JS fast path for ${fp.expressions}/${fp.total} expressions, ${fp.records} records in JS, ${fp.fallbacks} handed to ${engine.name}` : `${result.mode}, fast path off`;
  process.stdout.write(JSON.stringify({ engine: engine.name, mode, seconds, maxRssMiB: process.resourceUsage().maxRSS / 1024, heapUsedMiB: process.memoryUsage().heapUsed / 1048576, externalMiB: process.memoryUsage().external / 1048576, totals: result.totals, accountingHolds: accountingHolds(result.totals) }));
}

async function main(): Promise<void> {
  if (process.argv[2] === "--child") return child(process.argv[3], process.argv[4] !== "--no-fast-path");
  const users = arg("--users", 100_000);
  const assignments = arg("--assignments", 300_000);
  const roles = arg("--roles", 50);
  const dir = mkdtempSync(join(tmpdir(), "okta-kit-bench-"));
  try {
    let t = Date.now();
    await generate(dir, users, assignments, roles);
    const gzFiles = files(dir);
    const gzBytes = gzFiles.reduce((n, f) => n + statSync(f).size, 0);
    const records = users + assignments + roles + roles * 8;
    console.log(`generated ${records} records (${users} users, ${assignments} role assignments, ${roles} roles, ${roles * 8} permissions) in ${gzFiles.length} gzip files, ${(gzBytes / 1048576).toFixed(1)} MiB, ${((Date.now() - t) / 1000).toFixed(1)} s`);

    const variants = process.argv.includes("--fast-path-only") ? [true] : [true, false];
    for (const fastPath of variants) {
      const run = spawnSync(process.execPath, [__filename, "--child", dir, ...(fastPath ? [] : ["--no-fast-path"])], { encoding: "utf8", maxBuffer: 1 << 26 });
      if (run.status !== 0) throw new Error(`preview child failed: ${run.stderr}`);
      const p = JSON.parse(run.stdout) as { engine: string; mode: string; seconds: number; maxRssMiB: number; heapUsedMiB: number; totals: Record<string, number>; accountingHolds: boolean };
      console.log(`preview  (${p.engine} engine, ${p.mode}): ${p.totals.read} records in ${p.seconds.toFixed(2)} s = ${Math.round(p.totals.read / p.seconds)} records/s, peak RSS ${p.maxRssMiB.toFixed(0)} MiB (V8 heap at end ${p.heapUsedMiB.toFixed(0)} MiB); totals ${JSON.stringify(p.totals)}; accounting ${p.accountingHolds ? "holds" : "BROKEN"}`);
    }

    // jq CLI: the same mapping program over the same records, decompressed first (not timed).
    const plainDir = join(dir, "plain");
    const plain = gzFiles.map((f, i) => {
      const out = join(plainDir, `${i}.jsonl`);
      mkdirSync(plainDir, { recursive: true });
      writeFileSync(out, gunzipSync(readFileSync(f)));
      const rel = f.slice(dir.length + 1);
      return { out, key: rel.startsWith("data/") ? rel : `data/${rel}` };
    });
    const root = projectRoot();
    const compiled = compileMapping(loadMapping(join(root, "mappings")).entries, { fastPath: false });
    const programFile = join(dir, "mapping.jq");
    writeFileSync(programFile, `{body: (._airbyte_data + {"_PORT_SOURCE_OBJECT_KEY": $key})} | ${compiled.program}`);
    const jqVersion = spawnSync("jq", ["--version"], { encoding: "utf8" });
    if (jqVersion.error) {
      console.log("jq CLI: not installed (apt-get install jq), skipped");
      return;
    }
    t = Date.now();
    let maxRss = 0;
    for (const { out, key } of plain) {
      const r = spawnSync("/bin/sh", ["-c", 'command -v /usr/bin/time >/dev/null && exec /usr/bin/time -f "%M" jq -c --arg key "$1" -f "$2" "$3" > /dev/null || exec jq -c --arg key "$1" -f "$2" "$3" > /dev/null', "sh", key, programFile, out], { encoding: "utf8" });
      if (r.status !== 0) throw new Error(`jq failed: ${r.stderr}`);
      const kb = Number(r.stderr.trim().split("\n").pop());
      if (Number.isFinite(kb)) maxRss = Math.max(maxRss, kb / 1024);
    }
    const jqSeconds = (Date.now() - t) / 1000;
    console.log(`jq CLI   (${jqVersion.stdout.trim()}, same combined mapping program, decompressed input, one process per file): ${records} records in ${jqSeconds.toFixed(2)} s = ${Math.round(records / jqSeconds)} records/s${maxRss ? `, peak RSS ${maxRss.toFixed(0)} MiB` : ""}`);
    console.log(`targets: >= 50000 records/s end to end, peak RSS < 500 MiB`);
  } finally {
    if (!process.argv.includes("--keep")) rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
  }
}

main().catch((err) => {
  process.stderr.write(`bench:preview: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
