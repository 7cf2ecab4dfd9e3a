import { LocalBackend, S3Backend, TerraformBackend } from "cdktf";
import { Construct } from "constructs";
import { s3State, OperationsView } from "../config/operations";

/**
 * The stack's Terraform backend from the environment's `state`: the S3 backend (bucket,
 * per-environment key, region, DynamoDB lock table, encryption) or, by default, a local
 * state file at the project root. cdktf's default local backend records an absolute path,
 * which makes cdk.tf.json differ between clones; Terraform runs in cdktf.out/stacks/<id>,
 * three levels below the project root.
 */
export function declareBackend(stack: Construct, id: string, env: Pick<OperationsView, "name" | "state">): TerraformBackend {
  const s3 = s3State(env);
  if (!s3) return declareLocalBackend(stack, id);
  return new S3Backend(stack, { bucket: s3.bucket, key: s3.key, region: s3.region, dynamodbTable: s3.dynamodbTable, encrypt: s3.encrypt });
}

/** The local backend: `terraform.<id>.tfstate` at the project root, as a path relative to cdktf.out/stacks/<id>. */
export function declareLocalBackend(stack: Construct, id: string): LocalBackend {
  return new LocalBackend(stack, { path: `../../../terraform.${id}.tfstate` });
}
