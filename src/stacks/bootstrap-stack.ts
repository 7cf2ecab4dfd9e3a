import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Fn, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { OperationsView, s3State } from "../config/operations";
import { InputError, InputErrors } from "../util/json-file";
import { declareLocalBackend } from "./state-backend";

/** Name of the stack that creates the state buckets and lock tables. */
export const BOOTSTRAP_STACK_NAME = "bootstrap";

/** One state bucket or lock table and the region it lives in. */
export interface StateTargets {
  /** Distinct state buckets, with their region. */
  readonly buckets: { readonly name: string; readonly region: string }[];
  /** Distinct lock tables, with their region. */
  readonly tables: { readonly name: string; readonly region: string }[];
}

/**
 * The buckets and lock tables every environment with `state.backend = "s3"` names (the
 * union, sorted). The bootstrap stack's configuration is derived, never written twice.
 * Throws InputErrors when one bucket or table is named with two different regions, or
 * when an environment is named like the bootstrap stack.
 */
export function stateTargets(environments: Pick<OperationsView, "name" | "state">[]): StateTargets {
  const buckets = new Map<string, { region: string; env: string }>();
  const tables = new Map<string, { region: string; env: string }>();
  const errors: InputError[] = [];
  const add = (map: typeof buckets, kind: string, name: string, region: string, env: string) => {
    const seen = map.get(name);
    if (seen && seen.region !== region) {
      errors.push(new InputError(`environments/${env}.json`, "$.state.region", `expected ${seen.region} (${kind} "${name}" is in ${seen.region} for environment ${seen.env}), got "${region}"`));
    }
    if (!seen) map.set(name, { region, env });
  };
  for (const env of environments) {
    if (env.name === BOOTSTRAP_STACK_NAME) errors.push(new InputError(`environments/${env.name}.json`, "$.name", `expected another name: "${BOOTSTRAP_STACK_NAME}" is the stack that creates the state buckets`));
    const s3 = s3State(env);
    if (!s3) continue;
    add(buckets, "state bucket", s3.bucket, s3.region, env.name);
    add(tables, "lock table", s3.dynamodbTable, s3.region, env.name);
  }
  if (errors.length) throw new InputErrors(errors);
  // Code-unit order, not localeCompare: the synthesized order must not depend on the machine's locale.
  const list = (m: typeof buckets) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, v]) => ({ name, region: v.region }));
  return { buckets: list(buckets), tables: list(tables) };
}

/** Construct-id-safe form of a bucket or table name. */
const idOf = (name: string) => name.replace(/[^A-Za-z0-9_-]/g, "_");

export interface BootstrapStackProps {
  readonly targets: StateTargets;
}

/**
 * Creates what the S3 backend needs, once per AWS account, before any environment is
 * deployed with remote state: each state bucket (versioned, KMS-encrypted, public access
 * blocked, owner-enforced, a bucket policy denying any request not made over TLS) and each
 * DynamoDB lock table (`LockID` hash key, on-demand, point-in-time recovery, deletion
 * protection). Every bucket and table has `prevent_destroy`. Its own state is local
 * (`terraform.bootstrap.tfstate` at the project root): it cannot live in the bucket it
 * creates before that bucket exists.
 */
export class BootstrapStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: BootstrapStackProps) {
    super(scope, id);
    declareLocalBackend(this, id);
    const { buckets, tables } = props.targets;
    const regions = [...new Set([...buckets, ...tables].map((t) => t.region))].sort();
    // First region: the default provider; others: an alias per region.
    const providers = new Map<string, AwsProvider>();
    regions.forEach((region, i) => {
      providers.set(
        region,
        new AwsProvider(this, `aws_${idOf(region)}`, {
          region,
          ...(i === 0 ? {} : { alias: idOf(region) }),
          defaultTags: [{ tags: { ManagedBy: "terraform", Stack: "okta-port-bootstrap" } }],
        }),
      );
    });
    const protect = { preventDestroy: true };

    for (const b of buckets) {
      const provider = providers.get(b.region)!;
      const id = idOf(b.name);
      const bucket = new S3Bucket(this, `state_bucket_${id}`, { provider, bucket: b.name, lifecycle: protect });
      new S3BucketVersioningA(this, `state_bucket_${id}_versioning`, { provider, bucket: bucket.id, versioningConfiguration: { status: "Enabled" } });
      new S3BucketServerSideEncryptionConfigurationA(this, `state_bucket_${id}_encryption`, {
        provider,
        bucket: bucket.id,
        rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" }, bucketKeyEnabled: true }],
      });
      const block = new S3BucketPublicAccessBlock(this, `state_bucket_${id}_public_access_block`, {
        provider,
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      });
      new S3BucketOwnershipControls(this, `state_bucket_${id}_ownership`, { provider, bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } });
      new S3BucketPolicy(this, `state_bucket_${id}_tls_only`, {
        provider,
        bucket: bucket.id,
        policy: Fn.jsonencode({
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "DenyInsecureTransport",
              Effect: "Deny",
              Principal: "*",
              Action: "s3:*",
              Resource: [bucket.arn, `${bucket.arn}/*`],
              Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
          ],
        }),
        dependsOn: [block],
      });
      new TerraformOutput(this, `state_bucket_${id}_arn`, { value: bucket.arn });
    }

    for (const t of tables) {
      const id = idOf(t.name);
      const table = new DynamodbTable(this, `lock_table_${id}`, {
        provider: providers.get(t.region)!,
        name: t.name,
        billingMode: "PAY_PER_REQUEST",
        hashKey: "LockID",
        attribute: [{ name: "LockID", type: "S" }],
        pointInTimeRecovery: { enabled: true },
        serverSideEncryption: { enabled: true },
        deletionProtectionEnabled: true,
        lifecycle: protect,
      });
      new TerraformOutput(this, `lock_table_${id}_arn`, { value: table.arn });
    }
  }
}
