import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AirbyteProvider } from "../../.gen/providers/airbyte/provider";
import { PortProvider } from "../../.gen/providers/port/provider";
import { airbyteNames, type EnvironmentConfig } from "../config/environment";
import { blueprintsPreventDestroy } from "../config/operations";
import { OktaToPortPipeline } from "../pipeline/okta-to-port-pipeline";
import type { LoadedBlueprint } from "../port/blueprint-document";
import type { LoadedMapping } from "../port/webhook-mapping";
import { declareSecrets } from "./secrets";
import { declareBackend } from "./state-backend";

/** Port's API base URL per region. */
export const PORT_API_BASE_URLS = { eu: "https://api.getport.io", us: "https://api.us.getport.io" } as const;

export interface OktaPortStackProps {
  /** The environment's validated configuration (`environments/<name>.json`). */
  readonly environment: EnvironmentConfig;
  /** Blueprints from `blueprints/`. */
  readonly blueprints: LoadedBlueprint[];
  /** The webhook mapping from `mappings/`. */
  readonly mapping: LoadedMapping;
}

/**
 * One environment of the pipeline: its state backend, its secrets (sensitive variables or
 * AWS data sources, per `secrets`), the providers, and the pipeline.
 */
export class OktaPortStack extends TerraformStack {
  readonly pipeline: OktaToPortPipeline;

  constructor(scope: Construct, id: string, props: OktaPortStackProps) {
    super(scope, id);
    const env = props.environment;
    const secret = declareSecrets(this, env);
    // S3 backend from the environment's `state`, else a local file at the project root.
    declareBackend(this, id, env);

    new AirbyteProvider(this, "airbyte", {
      serverUrl: env.airbyte.serverUrl,
      ...(env.airbyte.auth === "client_credentials"
        ? { clientId: secret.airbyte_client_id, clientSecret: secret.airbyte_client_secret }
        : { username: secret.airbyte_username, password: secret.airbyte_password }),
    });
    new PortProvider(this, "port", {
      baseUrl: PORT_API_BASE_URLS[env.port.region],
      clientId: secret.port_client_id,
      secret: secret.port_client_secret,
    });

    const webhook = env.port.webhook;
    this.pipeline = new OktaToPortPipeline(this, "pipeline", {
      workspaceId: env.airbyte.workspaceId,
      oktaDomain: env.okta.domain,
      oktaStartDate: env.okta.startDate,
      oktaCredentials:
        env.okta.auth === "api_token"
          ? { kind: "api_token", apiToken: secret.okta_api_token }
          : { kind: "oauth2", clientId: secret.okta_oauth_client_id, clientSecret: secret.okta_oauth_client_secret, refreshToken: secret.okta_oauth_refresh_token },
      bucket: { name: env.s3.bucket, region: env.s3.region },
      bucketCredentials: { accessKeyId: secret.s3_access_key_id, secretAccessKey: secret.s3_secret_access_key },
      blueprints: props.blueprints,
      mapping: props.mapping,
      webhook: {
        identifier: webhook.identifier,
        title: webhook.title,
        icon: webhook.icon,
        description: webhook.description,
        security: webhook.security ? { ...webhook.security, secret: secret.port_webhook_secret } : undefined,
      },
      deprovisionedUsers: env.deprovisionedUsers,
      identifierPrefix: env.port.identifierPrefix,
      preventBlueprintDestroy: blueprintsPreventDestroy(env),
      names: airbyteNames(env),
      schedule: env.airbyte.schedule,
      status: env.airbyte.status,
      syncModes: env.airbyte.syncModes,
      nonBreakingSchemaUpdatesBehavior: env.airbyte.nonBreakingSchemaUpdatesBehavior,
    });
  }
}
