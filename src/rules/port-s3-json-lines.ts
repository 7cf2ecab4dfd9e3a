import { PolicyRule, RuleFinding, describeFound, isObject, resourcesOfType } from "./policy-rule";

/** Port's S3 integration parses JSON Lines only: one JSON object per line. */
export const PortS3JsonLines: PolicyRule = {
  name: "PortS3JsonLines",
  description: "The S3 destination writes JSON Lines (format.json_lines_newline_delimited_json, format_type JSONL): Port parses no other format.",
  check(stack) {
    const findings: RuleFinding[] = [];
    for (const r of resourcesOfType(stack, "airbyte_destination_s3")) {
      const format = (r.config.configuration as Record<string, unknown> | undefined)?.format;
      const keys = isObject(format) ? Object.keys(format).sort() : [];
      const jsonl = isObject(format) ? format.json_lines_newline_delimited_json : undefined;
      const formatType = isObject(jsonl) ? jsonl.format_type : undefined;
      if (keys.length !== 1 || !isObject(jsonl) || (formatType !== undefined && formatType !== "JSONL")) {
        findings.push({
          constructPath: r.constructPath,
          expected: `configuration.format = { json_lines_newline_delimited_json = { format_type = "JSONL", ... } } and no other format`,
          got: `configuration.format = ${describeFound(format)}`,
        });
      }
    }
    return findings;
  },
};
