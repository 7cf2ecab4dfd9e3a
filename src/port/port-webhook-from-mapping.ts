import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { PortWebhook, PortWebhookMappings } from "../../.gen/providers/port/port-webhook";
import { canonicalJson } from "../util/json-file";
import { operationType, WebhookMappingEntry } from "./webhook-mapping";

/** Signature check of incoming webhook requests. */
export interface WebhookSecurity {
  /** Header carrying the signature. */
  readonly signatureHeaderName: string;
  /** Algorithm of the signature: sha1, sha256 or plain. */
  readonly signatureAlgorithm: string;
  /**
   * Prefix before the signature in the header.
   * @default none
   */
  readonly signaturePrefix?: string;
  /**
   * JQ path of a request id used to de-duplicate deliveries.
   * @default none
   */
  readonly requestIdentifierPath?: string;
  /** The shared secret (a sensitive Terraform reference). */
  readonly secret: string;
}

export interface PortWebhookFromMappingProps {
  /** Webhook identifier (at most 30 characters); set explicitly so it never changes. */
  readonly identifier: string;
  /** Webhook title (at most 30 characters). */
  readonly title: string;
  /**
   * Webhook description.
   * @default a description naming the mapping file
   */
  readonly description?: string;
  /**
   * Webhook icon.
   * @default "Okta"
   */
  readonly icon?: string;
  /** Mapping entries in Port's own format (`mappings/*.json`), policies already applied. */
  readonly mappings: WebhookMappingEntry[];
  /** File the mappings came from, named in the default description. */
  readonly mappingFile: string;
  /** Blueprints the mapping writes: the webhook is created after them. */
  readonly blueprints: ITerraformDependable[];
  /**
   * Signature check of incoming requests.
   * @default none (Port's S3 integration calls the webhook itself)
   */
  readonly security?: WebhookSecurity;
}

/** Converts one entry of Port's mapping JSON to the provider's `mappings` element. */
export function toProviderMapping(entry: WebhookMappingEntry): PortWebhookMappings {
  const op = entry.operation;
  const deleteDependents = typeof op === "object" ? op.deleteDependents : undefined;
  const asExpression = (v: string | Record<string, unknown>) => (typeof v === "string" ? v : canonicalJson(v));
  const e = entry.entity;
  return {
    blueprint: entry.blueprint,
    ...(entry.filter !== undefined ? { filter: entry.filter } : {}),
    ...(entry.itemsToParse !== undefined ? { itemsToParse: entry.itemsToParse } : {}),
    operation: { type: operationType(entry), ...(deleteDependents !== undefined ? { deleteDependents } : {}) },
    entity: {
      identifier: asExpression(e.identifier),
      ...(e.title !== undefined ? { title: e.title } : {}),
      ...(e.icon !== undefined ? { icon: e.icon } : {}),
      ...(e.team !== undefined ? { team: e.team } : {}),
      ...(e.properties && Object.keys(e.properties).length ? { properties: e.properties } : {}),
      ...(e.relations && Object.keys(e.relations).length
        ? { relations: Object.fromEntries(Object.entries(e.relations).map(([k, v]) => [k, asExpression(v)])) }
        : {}),
    },
  };
}

/**
 * The Port webhook that turns each synced record into entities, built from the mapping
 * file. Enabled explicitly: the provider's default (`enabled = false`) drops every event.
 */
export class PortWebhookFromMapping extends Construct {
  /** The underlying `port_webhook` resource (an escape hatch). */
  readonly resource: PortWebhook;
  /** The webhook key (a Terraform reference); Airbyte's namespace must equal it. */
  readonly webhookKey: string;

  constructor(scope: Construct, id: string, props: PortWebhookFromMappingProps) {
    super(scope, id);
    if (!props.mappings.length) throw new Error(`${this.node.path}: props.mappings is empty; expected the entries of ${props.mappingFile}`);
    const s = props.security;
    this.resource = new PortWebhook(this, "webhook", {
      identifier: props.identifier,
      title: props.title,
      icon: props.icon ?? "Okta",
      description: props.description ?? `Okta records synced by Airbyte to S3; mapping from ${props.mappingFile}. Managed by Terraform.`,
      enabled: true,
      mappings: props.mappings.map(toProviderMapping),
      ...(s
        ? {
            security: {
              secret: s.secret,
              signatureHeaderName: s.signatureHeaderName,
              signatureAlgorithm: s.signatureAlgorithm,
              ...(s.signaturePrefix !== undefined ? { signaturePrefix: s.signaturePrefix } : {}),
              ...(s.requestIdentifierPath !== undefined ? { requestIdentifierPath: s.requestIdentifierPath } : {}),
            },
            // Port never returns the secret: without this every plan would show a change.
            lifecycle: { ignoreChanges: ["security.secret"] },
          }
        : {}),
      dependsOn: props.blueprints,
    });
    this.webhookKey = this.resource.webhookKey;
  }
}
