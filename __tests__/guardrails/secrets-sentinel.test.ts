/**
 * Secrets stay secret: every environment (the shipped ones, plus variants that declare every
 * secret: basic auth, OAuth 2.0, webhook signature, Secrets Manager) is synthesized by the
 * real CLI with a distinct sentinel in every TF_VAR_* and every other variable the kit or its
 * providers read; no file under cdktf.out and no line synth printed holds a sentinel.
 */
import { TerraformOutput } from "cdktf";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadInputs } from "../../src/app";
import { secretSpecs } from "../../src/stacks/secrets";
import { SECRET_NAMES } from "../../src/config/operations";
import { cleanupTemps, makeProject, readTree, runSynthCli, synthInProcess, tempDir } from "./harness";
import { CONTROL_VARIABLES, findSentinels, sentinelEnvironment, variablesReadBySources } from "./sentinels";

afterAll(cleanupTemps);

/**
 * The shipped project plus two environments that, between them, declare every secret of
 * SECRET_NAMES: variant-a (basic auth, OAuth 2.0, webhook signature secret) and variant-b
 * (secrets from AWS Secrets Manager).
 */
function projectWithEveryVariant(): string {
  return makeProject((root) => {
    const read = (name: string) => JSON.parse(readFileSync(join(root, "environments", `${name}.json`), "utf8"));
    const a = read("dev");
    a.name = "variant-a";
    a.airbyte.auth = "basic";
    a.okta.auth = "oauth2";
    a.port.webhook = { identifier: "okta-airbyte-variant-a", title: "Variant A", security: { signatureHeaderName: "x-signature", signatureAlgorithm: "sha256" } };
    delete a.state;
    const b = read("prod");
    b.name = "variant-b";
    b.port.webhook.identifier = "okta-airbyte-variant-b";
    b.secrets = { source: "secretsmanager", region: "eu-west-1" };
    for (const env of [a, b]) writeFileSync(join(root, "environments", `${env.name}.json`), JSON.stringify(env, null, 2));
  });
}

describe("secrets never reach cdktf.out or the synth log", () => {
  it("sets a sentinel for every TF_VAR secret and every non-control variable the sources read", () => {
    const env = sentinelEnvironment();
    for (const name of SECRET_NAMES) expect(env[`TF_VAR_${name}`]).toBeDefined();
    for (const name of variablesReadBySources()) expect(name in env || name in CONTROL_VARIABLES).toBe(true);
    expect(new Set(Object.values(env)).size).toBe(Object.keys(env).length);
  });

  it("finds zero sentinels in any file or log line of a real synth of every environment", () => {
    const project = projectWithEveryVariant();

    // Every secret is declared by some environment of this project.
    const declared = new Set(loadInputs(project).environments.flatMap((e) => secretSpecs(e).map((s) => s.name)));
    expect([...declared].sort()).toEqual([...SECRET_NAMES].sort());

    const sentinels = sentinelEnvironment();
    const outdir = join(project, "cdktf.out");
    const run = runSynthCli(project, sentinels, outdir);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const files = readTree(outdir);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(["stacks/variant-a/cdk.tf.json", "stacks/variant-b/cdk.tf.json", "stacks/prod/cdk.tf.json"]));
    // The secrets are there as variables / data sources, never as values.
    expect(files["stacks/variant-a/cdk.tf.json"]).toContain('"okta_oauth_refresh_token"');
    expect(findSentinels({ ...files, stdout: run.stdout, stderr: run.stderr }, sentinels)).toEqual([]);
  });

  it("detects a leak: a stack that writes a TF_VAR value into an output is caught, by file", () => {
    const sentinels = sentinelEnvironment();
    const saved = process.env.TF_VAR_okta_api_token;
    process.env.TF_VAR_okta_api_token = sentinels.TF_VAR_okta_api_token;
    try {
      const outdir = tempDir("okta-kit-leak-");
      synthInProcess(loadInputs(makeProject()), outdir, (app) => {
        new TerraformOutput(app.node.findChild("staging") as any, "leak", { value: process.env.TF_VAR_okta_api_token });
      });
      const hits = findSentinels(readTree(outdir), sentinels);
      expect(hits).toEqual([{ where: "stacks/staging/cdk.tf.json", variable: "TF_VAR_okta_api_token", encoding: "plain" }]);
    } finally {
      if (saved === undefined) delete process.env.TF_VAR_okta_api_token;
      else process.env.TF_VAR_okta_api_token = saved;
    }
  });

  it("detects a leak in a log line, also base64-encoded", () => {
    const sentinels = sentinelEnvironment();
    const log = `debug: token ${sentinels.PORT_CLIENT_SECRET}\nauth: ${Buffer.from(sentinels.AWS_SECRET_ACCESS_KEY).toString("base64")}\n`;
    expect(findSentinels({ stderr: log }, sentinels)).toEqual([
      { where: "stderr", variable: "AWS_SECRET_ACCESS_KEY", encoding: "base64" },
      { where: "stderr", variable: "PORT_CLIENT_SECRET", encoding: "plain" },
    ]);
  });
});
