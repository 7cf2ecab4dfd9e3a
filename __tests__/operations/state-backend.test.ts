import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { Testing } from "cdktf";
import { parseEnvironment } from "../../src/config/environment";
import { BootstrapStack, stateTargets } from "../../src/stacks/bootstrap-stack";
import { InputErrors } from "../../src/util/json-file";
import { shippedInputs, synthStack } from "../helpers/synth";
import { synthApp, variant } from "./helpers";

const shipped = shippedInputs().environments;

describe("state backend per environment", () => {
  test.each(shipped.map((e) => [e.name]))("%s: S3 backend with its own key, region, lock table and encryption", (name) => {
    const { json } = synthStack(shipped.find((e) => e.name === name)!);
    expect(json.terraform.backend).toEqual({
      s3: { bucket: "acme-okta-port-tfstate", key: `okta-port/${name}/terraform.tfstate`, region: "eu-west-1", dynamodb_table: "acme-okta-port-tflock", encrypt: true },
    });
  });

  test("the state key is unique per environment", () => {
    const keys = shipped.map((e) => synthStack(e).json.terraform.backend.s3.key);
    expect(new Set(keys).size).toBe(shipped.length);
  });

  test("no state section: the local backend, a relative path at the project root (quick start needs no cloud)", () => {
    const env = variant("dev", (d) => delete d.state);
    expect(env.state).toEqual({ backend: "local" });
    expect(synthStack(env).json.terraform.backend).toEqual({ local: { path: "../../../terraform.dev.tfstate" } });
  });

  test("key defaults to okta-port/<env>/terraform.tfstate; encrypt defaults to true", () => {
    const env = variant("staging", (d) => delete d.state.key);
    expect(synthStack(env).json.terraform.backend.s3).toMatchObject({ key: "okta-port/staging/terraform.tfstate", encrypt: true });
  });

  test("an S3 state without a lock table is rejected, naming the field", () => {
    const doc = JSON.parse(JSON.stringify(shipped.find((e) => e.name === "prod")!));
    delete doc.state.dynamodbTable;
    expect(() => parseEnvironment("environments/prod.json", doc)).toThrow(/\$\.state\.dynamodbTable/);
  });
});

describe("bootstrap stack", () => {
  const targets = stateTargets(shipped);
  const json = JSON.parse(Testing.synth(new BootstrapStack(Testing.app(), "bootstrap", { targets })));
  const one = (type: string) => {
    const all = Object.values<any>(json.resource[type] ?? {});
    expect(all).toHaveLength(1);
    return all[0];
  };

  test("the union of the environments' buckets and tables (shipped: one of each)", () => {
    expect(targets).toEqual({ buckets: [{ name: "acme-okta-port-tfstate", region: "eu-west-1" }], tables: [{ name: "acme-okta-port-tflock", region: "eu-west-1" }] });
    expect(json.provider.aws).toEqual([expect.objectContaining({ region: "eu-west-1" })]);
  });

  test("state bucket: prevent_destroy, versioned, KMS-encrypted, public access blocked, owner enforced", () => {
    expect(one("aws_s3_bucket")).toMatchObject({ bucket: "acme-okta-port-tfstate", lifecycle: { prevent_destroy: true } });
    expect(one("aws_s3_bucket_versioning").versioning_configuration).toEqual({ status: "Enabled" });
    expect(one("aws_s3_bucket_server_side_encryption_configuration").rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms" }, bucket_key_enabled: true }]);
    expect(one("aws_s3_bucket_public_access_block")).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    expect(one("aws_s3_bucket_ownership_controls").rule).toEqual({ object_ownership: "BucketOwnerEnforced" });
    for (const type of ["aws_s3_bucket_versioning", "aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_public_access_block", "aws_s3_bucket_policy"]) {
      expect(one(type).bucket).toBe("${aws_s3_bucket.state_bucket_acme-okta-port-tfstate.id}");
    }
  });

  test("bucket policy denies every request not made over TLS, on the bucket and its objects", () => {
    const policy = one("aws_s3_bucket_policy").policy as string;
    expect(policy).toMatch(/^\$\{jsonencode\(/);
    expect(policy).toContain('"Effect" = "Deny"');
    expect(policy).toContain('"Action" = "s3:*"');
    expect(policy).toContain('"aws:SecureTransport" = "false"');
    expect(policy).toContain("aws_s3_bucket.state_bucket_acme-okta-port-tfstate.arn");
    expect(policy).toContain("${aws_s3_bucket.state_bucket_acme-okta-port-tfstate.arn}/*");
  });

  test("lock table: LockID string hash key, on demand, PITR, deletion protection, prevent_destroy", () => {
    expect(one("aws_dynamodb_table")).toMatchObject({
      name: "acme-okta-port-tflock",
      hash_key: "LockID",
      attribute: [{ name: "LockID", type: "S" }],
      billing_mode: "PAY_PER_REQUEST",
      point_in_time_recovery: { enabled: true },
      deletion_protection_enabled: true,
      lifecycle: { prevent_destroy: true },
    });
  });

  test("its own state is local (it creates the bucket remote state needs)", () => {
    expect(json.terraform.backend).toEqual({ local: { path: "../../../terraform.bootstrap.tfstate" } });
  });

  test("buckets in two regions: one provider per region, each resource on its region's provider", () => {
    const envs = [variant("dev"), variant("prod", (d) => Object.assign(d.state, { bucket: "acme-tfstate-us", dynamodbTable: "acme-tflock-us", region: "us-east-1" }))];
    const t = stateTargets(envs);
    expect(t.buckets.map((b) => b.name)).toEqual(["acme-okta-port-tfstate", "acme-tfstate-us"]);
    const j = JSON.parse(Testing.synth(new BootstrapStack(Testing.app(), "bootstrap", { targets: t })));
    expect(j.provider.aws).toEqual([expect.objectContaining({ region: "eu-west-1" }), expect.objectContaining({ region: "us-east-1", alias: "us-east-1" })]);
    expect(j.resource.aws_s3_bucket["state_bucket_acme-tfstate-us"].provider).toBe("aws.us-east-1");
    expect(j.resource.aws_dynamodb_table["lock_table_acme-tflock-us"].provider).toBe("aws.us-east-1");
  });

  test("one bucket named with two regions is an input error naming the field", () => {
    const envs = [variant("dev"), variant("prod", (d) => (d.state.region = "us-east-1"))];
    expect(() => stateTargets(envs)).toThrow(InputErrors);
    expect(() => stateTargets(envs)).toThrow(/environments\/prod\.json: \$\.state\.region: expected eu-west-1/);
  });

  test("an environment cannot be named bootstrap", () => {
    expect(() => stateTargets([{ name: "bootstrap", state: { backend: "local" } }])).toThrow(/\$\.name: expected another name/);
  });
});

describe("npm run synth writes the bootstrap stack beside the environments", () => {
  test("stacks/bootstrap/cdk.tf.json exists with the AWS provider pinned to 5.100.0", () => {
    const files = synthApp();
    const stacks = files.filter((f) => f.path.endsWith("cdk.tf.json")).map((f) => f.path.split("/")[1]).sort();
    expect(stacks).toEqual(["bootstrap", ...shipped.map((e) => e.name)].sort());
    const bootstrap = JSON.parse(files.find((f) => f.path === "stacks/bootstrap/cdk.tf.json")!.text);
    expect(bootstrap.terraform.required_providers.aws).toEqual({ source: "aws", version: "5.100.0" });
  });

  test("no environment with S3 state: no bootstrap stack", () => {
    const envs = shipped.map((e) => variant(e.name, (d) => delete d.state));
    const stacks = synthApp({ environments: envs }).filter((f) => f.path.endsWith("cdk.tf.json")).map((f) => f.path.split("/")[1]);
    expect(stacks).not.toContain("bootstrap");
  });
});

describe("@cdktf/provider-aws is imported per resource, never from the package root", () => {
  const root = join(__dirname, "..", "..");
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((e) => (statSync(join(dir, e)).isDirectory() ? sources(join(dir, e)) : e.endsWith(".ts") ? [join(dir, e)] : []));
  const files = [join(root, "main.ts"), ...sources(join(root, "src"))];
  const imports = files.flatMap((f) => [...readFileSync(f, "utf8").matchAll(/from\s+["'](@cdktf\/provider-aws[^"']*)["']|require\(["'](@cdktf\/provider-aws[^"']*)["']\)/g)].map((m) => ({ f, spec: m[1] ?? m[2] })));

  test("some imports exist, and each names lib/<resource>", () => {
    expect(imports.length).toBeGreaterThan(5);
    for (const { f, spec } of imports) expect(`${f}: ${spec}`).toMatch(/: @cdktf\/provider-aws\/lib\/[a-z0-9-]+$/);
  });
});
