import { PORT_S3_BUCKET_PATH } from "../airbyte/port-s3-destination";
import { PolicyRule, RuleFinding, describeFound, resourcesOfType, valueAtPath } from "./policy-rule";

/** Port reads only objects under `data/` in its bucket. */
export const PortS3BucketPath: PolicyRule = {
  name: "PortS3BucketPath",
  description: `The S3 destination writes under the bucket path "${PORT_S3_BUCKET_PATH}": Port reads nothing else.`,
  check(stack) {
    const findings: RuleFinding[] = [];
    for (const r of resourcesOfType(stack, "airbyte_destination_s3")) {
      const path = valueAtPath(r.config, "configuration.s3_bucket_path");
      if (path !== PORT_S3_BUCKET_PATH) {
        findings.push({ constructPath: r.constructPath, expected: `configuration.s3_bucket_path = ${JSON.stringify(PORT_S3_BUCKET_PATH)}`, got: describeFound(path) });
      }
    }
    return findings;
  },
};
