import { Construct } from "constructs";
import { DestinationS3 } from "../../.gen/providers/airbyte/destination-s3";
import { escapeTerraformTemplate } from "../util/terraform-string";

/** Bucket path Port reads from (Port's guide, "S3 bucket path"). */
export const PORT_S3_BUCKET_PATH = "data/";

/**
 * Object key layout Port expects, exactly as Airbyte must receive it. Port reads the
 * webhook key from the first segment (the namespace) and the stream from the second.
 */
export const PORT_S3_PATH_FORMAT = "${NAMESPACE}/${STREAM_NAME}/year=${YEAR}/month=${MONTH}/${DAY}_${EPOCH}_";

/** Airbyte's "No flattening": each line holds the record under `_airbyte_data`. */
export const DEFAULT_FLATTENING = "No flattening";

export interface PortS3DestinationProps {
  /** Name of the destination in Airbyte. */
  readonly name: string;
  /** Airbyte workspace that owns the destination. */
  readonly workspaceId: string;
  /** Name of the Port-managed bucket. */
  readonly bucketName: string;
  /** AWS region of the bucket. */
  readonly bucketRegion: string;
  /** Access key id Port issued for the bucket (a sensitive Terraform reference). */
  readonly accessKeyId: string;
  /** Secret access key Port issued for the bucket (a sensitive Terraform reference). */
  readonly secretAccessKey: string;
  /**
   * Folder inside the bucket.
   * @default "data/" (what Port reads; anything else breaks ingestion)
   */
  readonly bucketPath?: string;
  /**
   * Object key format, as Airbyte must receive it (unescaped; escaping for Terraform is done here).
   * @default PORT_S3_PATH_FORMAT (what Port parses; anything else breaks ingestion)
   */
  readonly pathFormat?: string;
  /**
   * JSON Lines flattening.
   * @default "No flattening"
   */
  readonly flattening?: "No flattening" | "Root level flattening";
}

/**
 * Airbyte S3 destination that writes what Port's S3 integration reads: JSON Lines,
 * GZIP-compressed, under `data/<namespace>/<stream>/year=…/month=…/<day>_<epoch>_<part>.jsonl.gz`.
 */
export class PortS3Destination extends Construct {
  /** The underlying `airbyte_destination_s3` resource (an escape hatch). */
  readonly resource: DestinationS3;
  /** Airbyte's id of the destination, known after apply. */
  readonly destinationId: string;

  constructor(scope: Construct, id: string, props: PortS3DestinationProps) {
    super(scope, id);
    for (const key of ["name", "workspaceId", "bucketName", "bucketRegion"] as const) {
      if (!props[key]) throw new Error(`${this.node.path}: props.${key} is required (got ${JSON.stringify(props[key])})`);
    }
    this.resource = new DestinationS3(this, "destination", {
      name: props.name,
      workspaceId: props.workspaceId,
      configuration: {
        s3BucketName: props.bucketName,
        s3BucketRegion: props.bucketRegion,
        s3BucketPath: props.bucketPath ?? PORT_S3_BUCKET_PATH,
        s3PathFormat: escapeTerraformTemplate(props.pathFormat ?? PORT_S3_PATH_FORMAT),
        accessKeyId: props.accessKeyId,
        secretAccessKey: props.secretAccessKey,
        format: {
          jsonLinesNewlineDelimitedJson: {
            formatType: "JSONL",
            flattening: props.flattening ?? DEFAULT_FLATTENING,
            compression: { gzip: { compressionType: "GZIP" } },
          },
        },
      },
    });
    this.destinationId = this.resource.destinationId;
  }
}
