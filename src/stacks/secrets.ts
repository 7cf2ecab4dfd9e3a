import { TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import type { EnvironmentConfig } from "../config/environment";

/** A secret the stack needs, entered as `TF_VAR_<name>`. */
export interface SecretSpec {
  readonly name: string;
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
 * Declares each secret as a sensitive, non-nullable string variable and returns their
 * values (Terraform references). The values themselves never enter cdktf.out.
 */
export function declareSecrets(scope: Construct, env: EnvironmentConfig): Record<string, string> {
  const values: Record<string, string> = {};
  for (const spec of secretSpecs(env)) {
    const variable = new TerraformVariable(scope, spec.name, {
      type: "string",
      sensitive: true,
      nullable: false,
      description: `${spec.description} (set TF_VAR_${spec.name})`,
    });
    values[spec.name] = variable.stringValue;
  }
  return values;
}
