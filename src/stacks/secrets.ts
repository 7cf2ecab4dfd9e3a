import { DataAwsSecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/data-aws-secretsmanager-secret-version";
import { DataAwsSsmParameter } from "@cdktf/provider-aws/lib/data-aws-ssm-parameter";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import type { EnvironmentConfig } from "../config/environment";
import { SecretName, secretLocation } from "../config/operations";

/** A secret the stack needs: `TF_VAR_<name>`, or the AWS secret / parameter `secretLocation` names. */
export interface SecretSpec {
  readonly name: SecretName;
  readonly description: string;
}

/** Every secret an environment needs, given its auth choices. Order is the README's. */
export function secretSpecs(env: EnvironmentConfig): SecretSpec[] {
  const specs: SecretSpec[] = [];
  if (env.airbyte.auth === "client_credentials") {
    specs.push({ name: "airbyte_client_id", description: "Airbyte application client id" });
    specs.push({ name: "airbyte_client_secret", description: "Airbyte application client secret" });
  } else {
    specs.push({ name: "airbyte_username", description: "Airbyte basic-auth user name" });
    specs.push({ name: "airbyte_password", description: "Airbyte basic-auth password" });
  }
  if (env.okta.auth === "api_token") {
    specs.push({ name: "okta_api_token", description: "Okta API token of a read-only admin" });
  } else {
    specs.push({ name: "okta_oauth_client_id", description: "Okta OAuth 2.0 client id" });
    specs.push({ name: "okta_oauth_client_secret", description: "Okta OAuth 2.0 client secret" });
    specs.push({ name: "okta_oauth_refresh_token", description: "Okta OAuth 2.0 refresh token" });
  }
  specs.push({ name: "s3_access_key_id", description: "Access key id Port issued for its S3 bucket" });
  specs.push({ name: "s3_secret_access_key", description: "Secret access key Port issued for its S3 bucket" });
  specs.push({ name: "port_client_id", description: "Port API client id" });
  specs.push({ name: "port_client_secret", description: "Port API client secret" });
  if (env.port.webhook.security) specs.push({ name: "port_webhook_secret", description: "Shared secret of the Port webhook's signature check" });
  return specs;
}

/**
 * Declares each secret and returns its value (a Terraform reference) by name. The source
 * is the environment's `secrets.source`:
 * - `tf_var` (default): a sensitive, non-nullable string variable, set as `TF_VAR_<name>`;
 * - `secretsmanager`: `data.aws_secretsmanager_secret_version.secret_<name>.secret_string`;
 * - `ssm`: `data.aws_ssm_parameter.secret_<name>.value` (decrypted).
 * Both data source attributes are sensitive in the AWS provider's schema, so Terraform
 * redacts them in plans; cdktf.out only ever holds the secret ids / parameter names.
 * An AWS provider (region from `secrets.region`, credentials from the environment) is
 * added when a data source is used.
 */
export function declareSecrets(scope: Construct, env: EnvironmentConfig): Record<string, string> {
  const values: Record<string, string> = {};
  const src = env.secrets;
  if (src.source !== "tf_var") new AwsProvider(scope, "aws", { region: src.region });
  for (const spec of secretSpecs(env)) {
    if (src.source === "tf_var") {
      const variable = new TerraformVariable(scope, spec.name, {
        type: "string",
        sensitive: true,
        nullable: false,
        description: `${spec.description} (set TF_VAR_${spec.name})`,
      });
      values[spec.name] = variable.stringValue;
    } else if (src.source === "secretsmanager") {
      const data = new DataAwsSecretsmanagerSecretVersion(scope, `secret_${spec.name}`, { secretId: secretLocation(env, spec.name)! });
      values[spec.name] = data.secretString;
    } else {
      const data = new DataAwsSsmParameter(scope, `secret_${spec.name}`, { name: secretLocation(env, spec.name)!, withDecryption: true });
      values[spec.name] = data.value;
    }
  }
  return values;
}
