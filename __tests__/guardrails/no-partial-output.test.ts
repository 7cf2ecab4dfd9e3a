/**
 * No partial output, through the real CLI (main.ts bundled as `npm run synth` bundles it):
 * a refused synth exits non-zero, writes its messages to stderr (nothing to stdout), and
 * leaves the output folder byte-for-byte as it was.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildSync } from "esbuild";
import { cleanupTemps, editJson, makeProject, readTree, ROOT, runSynthCli, seedOutdir, snapshotTree, tempDir } from "./harness";
import { spawnSync } from "node:child_process";

afterAll(cleanupTemps);

describe("synth CLI", () => {
  it("writes every stack and exits 0 with nothing on stderr for the shipped inputs", () => {
    const project = makeProject();
    const outdir = join(project, "cdktf.out");
    const run = runSynthCli(project);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(Object.keys(snapshotTree(outdir))).toEqual(expect.arrayContaining(["manifest.json", "stacks/dev/cdk.tf.json", "stacks/prod/cdk.tf.json", "stacks/staging/cdk.tf.json"]));
    // No leftovers of the staging copy.
    expect(Object.keys(snapshotTree(outdir)).filter((f) => f.includes(".tmp-"))).toEqual([]);
  });

  it("refuses a bad environment file: exit 1, messages on stderr, cdktf.out unchanged", () => {
    const project = makeProject((root) => editJson(root, "environments/prod.json", (d) => { d.s3.region = "eu-middle-1"; d.airbyte.schedule.cron = "every day"; }));
    const outdir = join(project, "cdktf.out");
    const before = seedOutdir(outdir);
    const run = runSynthCli(project);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain('error: environments/prod.json: $.s3.region: expected an AWS region like "eu-west-1", got "eu-middle-1"\n');
    expect(run.stderr).toContain('error: environments/prod.json: $.airbyte.schedule.cron: expected a Quartz cron expression like "0 0 2 * * ?", got "every day"');
    expect(run.stderr).toContain("2 problem(s) found; nothing was written.");
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace: the user's to fix, not a crash
    expect(snapshotTree(outdir)).toEqual(before);
  });

  it("refuses a bad mapping without creating an output folder that did not exist", () => {
    const project = makeProject((root) => editJson(root, "mappings/okta-webhook.json", (m) => { m[0].entity.properties.description = ".body.description |"; }));
    const outdir = join(project, "cdktf.out");
    const run = runSynthCli(project);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("error: mappings/okta-webhook.json: $[0].entity.properties.description: expected a JQ expression that compiles with Port's engine");
    expect(existsSync(outdir)).toBe(false);
  });

  it("refuses a policy-rule violation from an escape hatch in every stack at once, even with CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS", () => {
    // An app entry like main.ts whose user code overrides the bucket path in two stacks.
    const dir = tempDir("okta-kit-entry-");
    const entry = join(dir, "entry.ts");
    writeFileSync(
      entry,
      [
        `import { createApp } from ${JSON.stringify(join(ROOT, "src/app"))};`,
        `import { runCli } from ${JSON.stringify(join(ROOT, "src/cli/run-cli"))};`,
        `import { synthAtomically } from ${JSON.stringify(join(ROOT, "src/guardrails/safe-synth"))};`,
        `runCli(() => void synthAtomically((outdir) => {`,
        `  const app = createApp({ outdir });`,
        `  for (const name of ["dev", "staging"]) (app.node.findChild(name) as any).pipeline.destination.resource.addOverride("configuration.s3_bucket_path", "raw/");`,
        `  return app;`,
        `}));`,
      ].join("\n"),
    );
    const project = makeProject();
    mkdirSync(join(project, ".bundle"), { recursive: true });
    const bundled = join(project, ".bundle", "entry.js");
    buildSync({ entryPoints: [entry], bundle: true, platform: "node", target: "node20", packages: "external", logLevel: "warning", outfile: bundled });
    const outdir = join(project, "cdktf.out");
    const before = seedOutdir(outdir);
    const r = spawnSync(process.execPath, [bundled], { cwd: project, env: { PATH: process.env.PATH ?? "", CDKTF_OUTDIR: outdir, CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: "1" }, encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain('error: [PortS3BucketPath] dev/pipeline/destination/destination: expected configuration.s3_bucket_path = "data/", got "raw/"\n');
    expect(r.stderr).toContain('error: [PortS3BucketPath] staging/pipeline/destination/destination: expected configuration.s3_bucket_path = "data/", got "raw/"\n');
    expect(r.stderr).toContain("2 guardrail error(s); nothing was written.");
    expect(snapshotTree(outdir)).toEqual(before);
  });

  it("replaces the previous output only after a successful synth", () => {
    const project = makeProject();
    const outdir = join(project, "cdktf.out");
    seedOutdir(outdir);
    expect(runSynthCli(project).status).toBe(0);
    const files = readTree(outdir);
    expect(files["manifest.json"]).not.toContain("previous");
    expect(JSON.parse(files["stacks/prod/cdk.tf.json"]).resource).toBeDefined();
  });
});
