/**
 * The preview end to end on real files (plain and gzip, S3 layout and flat), in each of
 * destination-s3's line formats, and on broken input: every problem is reported with its
 * file and line, nothing crashes, and every record is accounted for.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { JqEngine, loadJqEngine, loadWasmJqEngine } from "../../src/jq";
import { loadBlueprints } from "../../src/port/blueprint-document";
import { applyDeprovisionedUserPolicy, loadMapping, WebhookMappingEntry } from "../../src/port/webhook-mapping";
import { accountingHolds, PreviewResult, runPreview } from "../../src/preview/preview";
import { previewExitCode, textReport } from "../../src/preview/report";

const root = join(__dirname, "..", "..");
const fixtures = join(root, "__tests__", "fixtures", "okta");
const mapping = loadMapping(join(root, "mappings")).entries;
const blueprints = loadBlueprints(join(root, "blueprints"));
const streams = readdirSync(fixtures)
  .filter((f) => f.endsWith(".jsonl"))
  .map((f) => f.replace(".jsonl", ""));
const sampleLines = (stream: string) => readFileSync(join(fixtures, `${stream}.jsonl`), "utf8").split("\n").filter((l) => l.trim());
const sampleCount = streams.reduce((n, s) => n + sampleLines(s).length, 0);

let engine: JqEngine;
let dirs: string[] = [];
beforeAll(async () => {
  engine = await loadJqEngine();
});
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "okta-kit-preview-"));
  dirs.push(d);
  return d;
}

function write(dir: string, rel: string, content: string | Buffer): void {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  writeFileSync(join(dir, rel), content);
}

const s3Path = (stream: string, gz = true) => `data/okta_ns/${stream}/year=2025/month=03/07_1741356330917_0.jsonl${gz ? ".gz" : ""}`;

/** A sample line in another destination-s3 format. */
function reformat(line: string, format: "no-flattening" | "root-flattening" | "legacy"): string {
  const v = JSON.parse(line) as { _airbyte_raw_id: string; _airbyte_extracted_at: number; _airbyte_meta: unknown; _airbyte_generation_id: number; _airbyte_data: Record<string, unknown> };
  if (format === "no-flattening") return line;
  if (format === "legacy") return JSON.stringify({ _airbyte_data: v._airbyte_data, _airbyte_emitted_at: v._airbyte_extracted_at, _airbyte_ab_id: v._airbyte_raw_id });
  return JSON.stringify({ _airbyte_raw_id: v._airbyte_raw_id, _airbyte_extracted_at: v._airbyte_extracted_at, _airbyte_meta: v._airbyte_meta, _airbyte_generation_id: v._airbyte_generation_id, ...v._airbyte_data });
}

async function preview(dir: string, options: { mapping?: WebhookMappingEntry[]; engine?: JqEngine; mode?: "combined" | "per-expression" } = {}): Promise<PreviewResult> {
  const result = await runPreview({ inputDir: dir, mapping: options.mapping ?? mapping, blueprints, engine: options.engine ?? engine, collectEntities: true, ...(options.mode ? { mode: options.mode } : {}) });
  expect(accountingHolds(result.totals)).toBe(true);
  return result;
}

function expectClean(r: PreviewResult) {
  expect(r.totals.rejected).toBe(0);
  expect(r.totals.collisions).toBe(0);
  expect(r.totals.dangling).toBe(0);
  expect(r.totals.unmatched).toBe(0);
  expect(r.rejected).toEqual([]);
  expect(previewExitCode(r)).toBe(0);
}

describe("the shipped sample", () => {
  test("zero rejects, collisions and dangling relations; STAGED user kept; group grant once per member", async () => {
    const r = await preview(fixtures);
    expectClean(r);
    expect(r.totals.read).toBe(sampleCount);
    expect(r.totals.upserts).toBe(sampleCount);
    const staged = r.entities!.find((e) => e.blueprint === "okta_user" && e.properties?.status === "STAGED");
    expect(staged).toBeDefined();
    expect(staged!.properties!.activated).toBeNull();
    const groupGrants = r.entities!.filter((e) => e.blueprint === "okta_role_assignment" && e.properties?.assignmentType === "GROUP");
    const byAssignment = new Map<unknown, string[]>();
    for (const g of groupGrants) byAssignment.set(g.properties!.assignmentId, [...(byAssignment.get(g.properties!.assignmentId) ?? []), g.identifier]);
    const shared = [...byAssignment.values()].find((ids) => ids.length > 1);
    expect(shared).toBeDefined();
    expect(new Set(shared).size).toBe(shared!.length);
    const members = groupGrants.filter((g) => shared!.includes(g.identifier)).map((g) => g.relations!.user);
    expect(new Set(members).size).toBe(shared!.length);
  });
  test("policy delete: DEPROVISIONED users become deletes, still clean", async () => {
    const r = await preview(fixtures, { mapping: applyDeprovisionedUserPolicy(mapping, "delete") });
    expect(r.totals.deletes).toBeGreaterThan(0);
    expect(r.entities!.filter((e) => e.operation === "delete").every((e) => e.blueprint === "okta_user")).toBe(true);
    expect(r.totals.rejected + r.totals.collisions).toBe(0);
  });
  test("the jq-web fallback gives the same entities (combined and per expression)", async () => {
    const wasm = await loadWasmJqEngine();
    const a = await preview(fixtures);
    const b = await preview(fixtures, { engine: wasm });
    const c = await preview(fixtures, { engine: wasm, mode: "per-expression" });
    expect(b.engine).toBe("wasm");
    expect(b.entities).toEqual(a.entities);
    expect(c.entities).toEqual(a.entities);
    expect(b.totals).toEqual(a.totals);
  });
});

describe("input layouts and line formats", () => {
  for (const format of ["no-flattening", "root-flattening", "legacy"] as const) {
    for (const gz of [true, false]) {
      test(`S3 layout, ${format}, ${gz ? "gzip" : "plain"}`, async () => {
        const dir = tempDir();
        for (const s of streams) {
          const text = sampleLines(s).map((l) => reformat(l, format)).join("\n") + "\n";
          write(dir, s3Path(s, gz), gz ? gzipSync(text) : text);
        }
        const r = await preview(dir);
        expectClean(r);
        expect(r.totals.upserts).toBe(sampleCount);
        const reference = await preview(fixtures);
        expect(r.entities!.map(({ blueprint, identifier, properties, relations, title }) => ({ blueprint, identifier, properties, relations, title }))).toEqual(
          reference.entities!.map(({ blueprint, identifier, properties, relations, title }) => ({ blueprint, identifier, properties, relations, title })),
        );
        expect(r.entities![0].objectKey).toMatch(/^data\/okta_ns\/[a-z_]+\/year=2025\/month=03\/07_1741356330917_0\.jsonl\.gz$/);
      });
    }
  }
  test("flat gzip files, and the S3 layout without the data/ prefix", async () => {
    const dir = tempDir();
    for (const s of streams) write(dir, `flat/${s}.jsonl.gz`, gzipSync(sampleLines(s).join("\n") + "\n"));
    expectClean(await preview(join(dir, "flat")));
    const dir2 = tempDir();
    for (const s of streams) write(dir2, s3Path(s).replace(/^data\//, ""), gzipSync(sampleLines(s).join("\n") + "\n"));
    const r = await preview(dir2);
    expectClean(r);
    expect(r.totals.upserts).toBe(sampleCount);
  });
});

describe("broken input is reported with file and line, never a crash", () => {
  async function broken(files: Record<string, string | Buffer>, opts: { mapping?: WebhookMappingEntry[] } = {}): Promise<PreviewResult> {
    const dir = tempDir();
    for (const [rel, content] of Object.entries(files)) write(dir, rel, content);
    const r = await preview(dir, opts);
    expect(previewExitCode(r)).toBe(1);
    expect(previewExitCode(r, true)).toBe(0);
    expect(textReport(r)).toContain("First problems");
    return r;
  }
  const users = sampleLines("users");

  test("corrupted gzip file", async () => {
    const gz = gzipSync(users.join("\n") + "\n");
    const corrupt = Buffer.concat([gz.subarray(0, 40), Buffer.alloc(200, 0x41)]);
    const r = await broken({ [s3Path("users")]: corrupt, [s3Path("custom_roles")]: gzipSync(sampleLines("custom_roles").join("\n") + "\n") });
    expect(r.rejected).toEqual([expect.objectContaining({ file: s3Path("users"), line: expect.any(Number), reason: expect.stringMatching(/^corrupt gzip data/) })]);
    expect(r.totals.upserts).toBe(sampleLines("custom_roles").length);
  });
  test("truncated gzip stream", async () => {
    const gz = gzipSync(users.join("\n") + "\n");
    const r = await broken({ [s3Path("users")]: gz.subarray(0, gz.length - 30) });
    expect(r.rejected[r.rejected.length - 1]).toEqual(expect.objectContaining({ file: s3Path("users"), reason: expect.stringMatching(/corrupt gzip data \(unexpected end of file\)/) }));
  });
  test("truncated last line", async () => {
    const text = users.join("\n") + "\n" + users[0].slice(0, 80);
    const r = await broken({ "users.jsonl": text });
    expect(r.rejected).toEqual([expect.objectContaining({ file: "users.jsonl", line: users.length + 1, reason: expect.stringMatching(/^truncated last line/) })]);
    expect(r.totals.upserts).toBe(users.length);
  });
  test("non-JSON line", async () => {
    const r = await broken({ "users.jsonl": [users[0], "this is not json", users[1]].join("\n") + "\n" });
    expect(r.rejected).toEqual([expect.objectContaining({ file: "users.jsonl", line: 2, stream: "users", reason: expect.stringMatching(/^not JSON/) })]);
    expect(r.totals).toEqual(expect.objectContaining({ read: 3, upserts: 2, rejected: 1 }));
  });
  test("a record over 512 KiB (Port's webhook payload limit)", async () => {
    const big = JSON.parse(users[0]);
    big._airbyte_data.profile.notes = "x".repeat(600 * 1024);
    const r = await broken({ "users.jsonl": [users[1], JSON.stringify(big)].join("\n") + "\n" });
    expect(r.rejected).toEqual([expect.objectContaining({ file: "users.jsonl", line: 2, reason: expect.stringMatching(/over Port's webhook payload limit of 524288 bytes/) })]);
  });
  test("an entity missing a required property", async () => {
    const u = JSON.parse(users[0]);
    delete u._airbyte_data.created;
    const r = await broken({ "users.jsonl": [JSON.stringify(u), users[1]].join("\n") + "\n" });
    expect(r.rejected).toEqual([expect.objectContaining({ file: "users.jsonl", line: 1, blueprint: "okta_user", identifier: u._airbyte_data.id, reason: expect.stringContaining("properties.created: required by blueprint okta_user") })]);
    expect(r.blueprints.okta_user.rejected).toBe(1);
  });
  test("a wrong type, format and enum value", async () => {
    const u = JSON.parse(users[0]);
    u._airbyte_data.status = "SLEEPING";
    u._airbyte_data.profile.email = "not-an-email";
    u._airbyte_data.lastLogin = "yesterday";
    const r = await broken({ "users.jsonl": JSON.stringify(u) + "\n" });
    expect(r.rejected[0].reason).toMatch(/properties\.email: expected an email address/);
    expect(r.rejected[0].reason).toMatch(/properties\.status: expected one of/);
    expect(r.rejected[0].reason).toMatch(/properties\.lastLogin: expected an ISO 8601 date-time/);
  });
  test("two records colliding on one identifier", async () => {
    const a = JSON.parse(users[0]);
    a._airbyte_data.status = "SUSPENDED";
    const r = await broken({ "users.jsonl": [users[0], users[1], JSON.stringify(a), users[0]].join("\n") + "\n" });
    expect(r.collisions).toEqual([{ blueprint: "okta_user", identifier: a._airbyte_data.id, records: [expect.objectContaining({ file: "users.jsonl", line: 1 }), expect.objectContaining({ file: "users.jsonl", line: 3 })] }]);
    expect(r.totals.rejected).toBe(0);
  });
  test("a JQ runtime error", async () => {
    const u = JSON.parse(users[0]);
    u._airbyte_data.profile = "a string, not an object";
    const r = await broken({ "users.jsonl": [JSON.stringify(u), users[1]].join("\n") + "\n" });
    expect(r.rejected).toEqual([expect.objectContaining({ file: "users.jsonl", line: 1, reason: expect.stringMatching(/^JQ runtime error in mapping \$\[3\] title: jq: error: Cannot index string with "login"|^JQ runtime error in mapping \$\[3\] title: jq: error: Cannot index string with string "login"/) })]);
  });
  test("a line that is not a destination-s3 line, and an unmatched stream", async () => {
    const r = await broken({ "users.jsonl": '{"id": "plain record"}\n' + users[0] + "\n", "groups.jsonl": users[1].replace("00uSYNTH", "00gSYNTH") + "\n" });
    expect(r.rejected).toEqual([expect.objectContaining({ file: "users.jsonl", line: 1, reason: expect.stringMatching(/^not a destination-s3 line/) })]);
    expect(r.unmatched).toEqual([expect.objectContaining({ file: "groups.jsonl", line: 1, stream: "groups" })]);
    expect(r.totals.unmatched).toBe(1);
  });
  test("a mapping expression that does not compile fails even with --allow-rejects", async () => {
    const bad = mapping.map((e, i) => (i === 0 ? { ...e, entity: { ...e.entity, title: ".body.label |" } } : e));
    const r = await preview(fixtures, { mapping: bad });
    expect(r.compileProblems).toEqual([expect.stringMatching(/^\$\[0\]\.entity\.title: jq: compile error/)]);
    expect(previewExitCode(r)).toBe(1);
    expect(previewExitCode(r, true)).toBe(1);
  });
  test("a relation to an entity absent from the sync is dangling", async () => {
    const dir = tempDir();
    write(dir, "user_role_assignments.jsonl", sampleLines("user_role_assignments").join("\n") + "\n");
    const r = await preview(dir);
    expect(r.totals.dangling).toBeGreaterThan(0);
    expect(r.dangling[0]).toEqual(expect.objectContaining({ blueprint: "okta_role_assignment", relation: "user", targetBlueprint: "okta_user", file: "user_role_assignments.jsonl" }));
  });
});

describe("CLI", () => {
  const cli = join(root, "node_modules", ".cache", "okta-kit", "preview-test.js");
  beforeAll(() => {
    execFileSync(join(root, "node_modules", ".bin", "esbuild"), ["--bundle", "--platform=node", "--target=node20", "--packages=external", "--log-level=warning", join(root, "src", "cli", "preview.ts"), `--outfile=${cli}`]);
  });
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", cwd: root });
  test("default sample, text", () => {
    const r = run();
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/okta_user\s+6\s+0\s+0\s+0/);
    expect(r.stdout).toContain(`read ${sampleCount} = upserts ${sampleCount}`);
  });
  test("json, --env dev (delete policy), wasm engine", () => {
    const r = run("--format", "json", "--env", "dev", "--engine", "wasm");
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.engine).toBe("wasm");
    expect(report.accountingHolds).toBe(true);
    expect(report.entities).toHaveLength(sampleCount);
    expect(report.totals.deletes).toBe(1);
  });
  test("rejects exit 1 unless --allow-rejects; bad args exit 2", () => {
    const dir = tempDir();
    write(dir, "users.jsonl", "not json\n");
    expect(run(dir).status).toBe(1);
    expect(run(dir).stdout).toContain("users.jsonl:1");
    expect(run(dir, "--allow-rejects").status).toBe(0);
    const bad = run("--format", "xml");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("usage:");
    expect(run("/no/such/folder").status).toBe(2);
    expect(run("--env", "nope").status).toBe(2);
  });
});
