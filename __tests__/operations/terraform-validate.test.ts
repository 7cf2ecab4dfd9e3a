/**
 * Real Terraform where this machine has it: `terraform init` from a local mirror of
 * hashicorp/aws 5.100.0, then `terraform validate` on the synthesized bootstrap stack and
 * on the AWS part (secrets data sources, S3 backend) of the environment stacks. The Airbyte
 * and Port providers cannot be downloaded here: the environment stacks' other resources
 * are checked against the vendored schemas (__tests__/foundation/schema-conformance.test.ts).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Testing } from "cdktf";
import { BootstrapStack, stateTargets } from "../../src/stacks/bootstrap-stack";
import { shippedInputs, synthStack, TerraformJson } from "../helpers/synth";
import { cliConfig, findAwsProviderMirror, terraformAvailable } from "./terraform-mirror";
import { variant } from "./helpers";

const hasTerraform = terraformAvailable();
const mirror = hasTerraform ? findAwsProviderMirror() : undefined;
const skipReason = !hasTerraform
  ? "terraform is not on PATH"
  : !mirror
    ? "no local filesystem mirror of registry.terraform.io/hashicorp/aws/5.100.0 found (set OKTA_KIT_TF_PLUGIN_MIRROR)"
    : undefined;
if (skipReason) {
  // eslint-disable-next-line no-console
  console.log(`SKIPPED real terraform validate: ${skipReason}`);
}
const describeReal = skipReason ? describe.skip : describe;

/** Only the AWS part of an environment stack: the pieces real Terraform can check here. */
function awsPart(json: TerraformJson): TerraformJson {
  const data = Object.fromEntries(Object.entries<any>(json.data ?? {}).filter(([type]) => type.startsWith("aws_")));
  return {
    terraform: { required_providers: { aws: json.terraform.required_providers.aws }, backend: json.terraform.backend },
    provider: { aws: json.provider.aws },
    data,
  };
}

describeReal("real terraform validate (hashicorp/aws 5.100.0 from the local mirror)", () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const tf = (...args: string[]) => spawnSync("terraform", args, { cwd: dir, env, encoding: "utf8", maxBuffer: 1 << 30 });
  const validate = (config: TerraformJson) => {
    writeFileSync(join(dir, "main.tf.json"), JSON.stringify(config, null, 2));
    const r = tf("validate", "-json", "-no-color");
    return JSON.parse(r.stdout) as { valid: boolean; error_count: number; diagnostics: Array<{ severity: string; summary: string; detail?: string }> };
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "okta-kit-tf-"));
    writeFileSync(join(dir, "cli.tfrc"), cliConfig(mirror!));
    env = { ...process.env, TF_CLI_CONFIG_FILE: join(dir, "cli.tfrc"), TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1", TF_DATA_DIR: join(dir, ".terraform") };
    const bootstrap = JSON.parse(Testing.synth(new BootstrapStack(Testing.app(), "bootstrap", { targets: stateTargets(shippedInputs().environments) })));
    writeFileSync(join(dir, "main.tf.json"), JSON.stringify(bootstrap, null, 2));
    // -backend=false: the local backend needs nothing, and an S3 one would try to reach AWS.
    execFileSync("terraform", ["init", "-backend=false", "-input=false", "-no-color"], { cwd: dir, env, stdio: "pipe" });
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("the synthesized bootstrap stack is valid", () => {
    const bootstrap = JSON.parse(Testing.synth(new BootstrapStack(Testing.app(), "bootstrap", { targets: stateTargets(shippedInputs().environments) })));
    const result = validate(bootstrap);
    expect(result.diagnostics).toEqual([]);
    expect(result).toMatchObject({ valid: true, error_count: 0 });
  });

  test("validate catches a broken bootstrap stack (the check is real)", () => {
    const bootstrap = JSON.parse(Testing.synth(new BootstrapStack(Testing.app(), "bootstrap", { targets: stateTargets(shippedInputs().environments) })));
    Object.values<any>(bootstrap.resource.aws_dynamodb_table)[0].hash_keyy = "LockID";
    const result = validate(bootstrap);
    expect(result.valid).toBe(false);
    expect(result.diagnostics.map((d) => d.summary).join("\n")).toMatch(/Extraneous JSON object property|Unsupported argument/);
  });

  test("secrets from Secrets Manager (prod) and SSM (staging): the AWS provider and data sources of the stacks are valid", () => {
    // One run for both (each validate loads the 700 MB provider): their data source types differ.
    const prod = awsPart(synthStack(variant("prod", (d) => (d.secrets = { source: "secretsmanager", region: "eu-west-1" }))).json);
    const staging = awsPart(synthStack(variant("staging", (d) => (d.secrets = { source: "ssm", region: "eu-west-1" }))).json);
    expect(Object.keys(prod.data)).toEqual(["aws_secretsmanager_secret_version"]);
    expect(Object.keys(staging.data)).toEqual(["aws_ssm_parameter"]);
    const result = validate({ ...prod, data: { ...prod.data, ...staging.data } });
    expect(result.diagnostics).toEqual([]);
    expect(result.valid).toBe(true);
  });

  test("the secret attributes the stacks read are sensitive in the provider's own schema", () => {
    // Without a backend block (the implied local backend needs no init).
    writeFileSync(join(dir, "main.tf.json"), JSON.stringify({ terraform: { required_providers: { aws: { source: "hashicorp/aws", version: "5.100.0" } } } }));
    const r = tf("providers", "schema", "-json");
    expect(r.status).toBe(0);
    const aws = JSON.parse(r.stdout).provider_schemas["registry.terraform.io/hashicorp/aws"];
    expect(aws.data_source_schemas.aws_secretsmanager_secret_version.block.attributes.secret_string.sensitive).toBe(true);
    expect(aws.data_source_schemas.aws_ssm_parameter.block.attributes.value.sensitive).toBe(true);
  });
});
