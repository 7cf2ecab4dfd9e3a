import { Construct } from "constructs";
import { Connection } from "../../.gen/providers/airbyte/connection";
import { DEFAULT_SYNC_MODE, OKTA_STREAMS, OktaStream, SUPPORTED_SYNC_MODES, SyncMode } from "./okta-streams";

/** When the connection syncs: by hand, or on a Quartz cron schedule (UTC). */
export type SyncSchedule = { readonly type: "manual" } | { readonly type: "cron"; readonly cron: string };

export interface OktaToPortConnectionProps {
  /** Airbyte id of the Okta source. */
  readonly sourceId: string;
  /** Airbyte id of the S3 destination. */
  readonly destinationId: string;
  /**
   * Namespace every stream is written under: the Port webhook's key, as a Terraform
   * reference (Port reads the webhook key from the object key segment after `data/`).
   */
  readonly namespace: string;
  /** Name of the connection in Airbyte. */
  readonly name: string;
  /**
   * When to sync.
   * @default { type: "manual" }
   */
  readonly schedule?: SyncSchedule;
  /**
   * Connection status.
   * @default "active"
   */
  readonly status?: "active" | "inactive";
  /**
   * Sync mode per stream.
   * @default "full_refresh_overwrite" for every stream
   */
  readonly syncModes?: Partial<Record<OktaStream, SyncMode>>;
  /**
   * What Airbyte does when the Okta schema changes in a non-breaking way.
   * @default "ignore" (the mapping reads known fields only)
   */
  readonly nonBreakingSchemaUpdatesBehavior?: "ignore" | "disable_connection" | "propagate_columns" | "propagate_fully";
}

/**
 * The Airbyte connection from Okta to Port's bucket: exactly the four streams Port's
 * mapping consumes, written under a custom namespace equal to the webhook key.
 */
export class OktaToPortConnection extends Construct {
  /** The underlying `airbyte_connection` resource (an escape hatch). */
  readonly resource: Connection;

  constructor(scope: Construct, id: string, props: OktaToPortConnectionProps) {
    super(scope, id);
    const modes = props.syncModes ?? {};
    for (const [stream, mode] of Object.entries(modes) as Array<[OktaStream, SyncMode]>) {
      if (!OKTA_STREAMS.includes(stream)) throw new Error(`${this.node.path}: props.syncModes.${stream}: unknown stream; expected one of ${OKTA_STREAMS.join(", ")}`);
      if (!SUPPORTED_SYNC_MODES[stream].includes(mode)) {
        throw new Error(`${this.node.path}: props.syncModes.${stream}: expected one of ${SUPPORTED_SYNC_MODES[stream].join(", ")}, got "${mode}"`);
      }
    }
    const schedule = props.schedule ?? { type: "manual" };
    this.resource = new Connection(this, "connection", {
      name: props.name,
      sourceId: props.sourceId,
      destinationId: props.destinationId,
      namespaceDefinition: "custom_format",
      namespaceFormat: props.namespace,
      status: props.status ?? "active",
      nonBreakingSchemaUpdatesBehavior: props.nonBreakingSchemaUpdatesBehavior ?? "ignore",
      schedule: schedule.type === "cron" ? { scheduleType: "cron", cronExpression: schedule.cron } : { scheduleType: "manual" },
      configurations: {
        streams: OKTA_STREAMS.map((name) => ({ name, syncMode: modes[name] ?? DEFAULT_SYNC_MODE })),
      },
    });
  }
}
