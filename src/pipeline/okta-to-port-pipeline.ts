import { Construct } from "constructs";
import { OktaCredentials, OktaSource } from "../airbyte/okta-source";
import { OktaToPortConnection, OktaToPortConnectionProps } from "../airbyte/okta-to-port-connection";
import { PortS3Destination } from "../airbyte/port-s3-destination";
import type { LoadedBlueprint } from "../port/blueprint-document";
import { prefixMappingEntries } from "../port/identifier-prefix";
import { PortBlueprints } from "../port/port-blueprints";
import { PortWebhookFromMapping, WebhookSecurity } from "../port/port-webhook-from-mapping";
import { applyDeprovisionedUserPolicy, DeprovisionedUserPolicy, LoadedMapping } from "../port/webhook-mapping";

/** The connection settings the pipeline passes through (documented on OktaToPortConnectionProps). */
type ConnectionSettings = Pick<OktaToPortConnectionProps, "schedule" | "status" | "syncModes" | "nonBreakingSchemaUpdatesBehavior">;

export interface OktaToPortPipelineProps extends ConnectionSettings {
  /** Airbyte workspace for the source, destination and connection. */
  readonly workspaceId: string;
  /** Okta subdomain, e.g. "dev-12345678". */
  readonly oktaDomain: string;
  /** Okta credentials (sensitive Terraform references). */
  readonly oktaCredentials: OktaCredentials;
  /**
   * Okta source start date.
   * @default "2000-01-01T00:00:00Z"
   */
  readonly oktaStartDate?: string;
  /** Port-managed bucket and its region. */
  readonly bucket: { readonly name: string; readonly region: string };
  /** Bucket credentials Port issued (sensitive Terraform references). */
  readonly bucketCredentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Port blueprints, from `blueprints/`. */
  readonly blueprints: LoadedBlueprint[];
  /** Port webhook mapping, from `mappings/`. */
  readonly mapping: LoadedMapping;
  /** Webhook identifier and title (each at most 30 characters). */
  readonly webhook: { readonly identifier: string; readonly title: string; readonly icon?: string; readonly description?: string; readonly security?: WebhookSecurity };
  /**
   * What happens to DEPROVISIONED Okta users in Port.
   * @default "keep" (kept, with their status)
   */
  readonly deprovisionedUsers?: DeprovisionedUserPolicy;
  /**
   * Prefix of the blueprint identifiers, the mapping's blueprints and the webhook
   * identifier, for environments that share one Port organization.
   * @default none
   */
  readonly identifierPrefix?: string;
  /**
   * `lifecycle.prevent_destroy` on the Port blueprints (entities are never force-deleted).
   * @default false
   */
  readonly preventBlueprintDestroy?: boolean;
  /**
   * Names of the Airbyte resources.
   * @default { source: "okta", destination: "port-s3", connection: "okta-to-port" }
   */
  readonly names?: { readonly source?: string; readonly destination?: string; readonly connection?: string };
}

/**
 * The whole Okta -> Airbyte -> S3 -> Port pipeline: Port blueprints and webhook, and the
 * Airbyte source, destination and connection, wired so that the connection's namespace is
 * the webhook's key by reference, never a copied string.
 */
export class OktaToPortPipeline extends Construct {
  readonly blueprints: PortBlueprints;
  readonly webhook: PortWebhookFromMapping;
  readonly destination: PortS3Destination;
  readonly source: OktaSource;
  readonly connection: OktaToPortConnection;

  constructor(scope: Construct, id: string, props: OktaToPortPipelineProps) {
    super(scope, id);
    const names = { source: "okta", destination: "port-s3", connection: "okta-to-port", ...props.names };

    const prefix = props.identifierPrefix;
    this.blueprints = new PortBlueprints(this, "blueprints", { blueprints: props.blueprints, identifierPrefix: prefix, preventDestroy: props.preventBlueprintDestroy });
    const kitBlueprints = new Set(this.blueprints.byIdentifier.keys());
    this.webhook = new PortWebhookFromMapping(this, "webhook", {
      ...props.webhook,
      identifier: `${prefix ?? ""}${props.webhook.identifier}`,
      mappings: prefixMappingEntries(applyDeprovisionedUserPolicy(props.mapping.entries, props.deprovisionedUsers ?? "keep"), prefix, kitBlueprints),
      mappingFile: props.mapping.file,
      blueprints: [...this.blueprints.byIdentifier.values()],
    });
    this.destination = new PortS3Destination(this, "destination", {
      name: names.destination,
      workspaceId: props.workspaceId,
      bucketName: props.bucket.name,
      bucketRegion: props.bucket.region,
      accessKeyId: props.bucketCredentials.accessKeyId,
      secretAccessKey: props.bucketCredentials.secretAccessKey,
    });
    this.source = new OktaSource(this, "source", {
      name: names.source,
      workspaceId: props.workspaceId,
      domain: props.oktaDomain,
      credentials: props.oktaCredentials,
      startDate: props.oktaStartDate,
    });
    this.connection = new OktaToPortConnection(this, "connection", {
      name: names.connection,
      sourceId: this.source.sourceId,
      destinationId: this.destination.destinationId,
      namespace: this.webhook.webhookKey,
      schedule: props.schedule,
      status: props.status,
      syncModes: props.syncModes,
      nonBreakingSchemaUpdatesBehavior: props.nonBreakingSchemaUpdatesBehavior,
    });
  }
}
