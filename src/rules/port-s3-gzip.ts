import { PolicyRule, RuleFinding, describeFound, isObject, resourcesOfType, valueAtPath } from "./policy-rule";

/** Port reads `.jsonl.gz` objects: the JSON Lines must be GZIP-compressed. */
export const PortS3Gzip: PolicyRule = {
  name: "PortS3Gzip",
  description: "The S3 destination compresses JSON Lines with GZIP (compression.gzip, compression_type GZIP): Port reads .jsonl.gz objects.",
  check(stack) {
    const findings: RuleFinding[] = [];
    for (const r of resourcesOfType(stack, "airbyte_destination_s3")) {
      const compression = valueAtPath(r.config, "configuration.format.json_lines_newline_delimited_json.compression");
      const gzip = isObject(compression) ? compression.gzip : undefined;
      const ok =
        isObject(compression) &&
        Object.keys(compression).length === 1 &&
        isObject(gzip) &&
        (gzip.compression_type === undefined || gzip.compression_type === "GZIP");
      if (!ok) {
        findings.push({
          constructPath: r.constructPath,
          expected: `configuration.format.json_lines_newline_delimited_json.compression = { gzip = { compression_type = "GZIP" } }`,
          got: describeFound(compression),
        });
      }
    }
    return findings;
  },
};
