import { PORT_S3_PATH_FORMAT } from "../airbyte/port-s3-destination";
import { escapeTerraformTemplate, unescapeTerraformTemplate } from "../util/terraform-string";
import { PolicyRule, RuleFinding, describeFound, resourcesOfType, valueAtPath } from "./policy-rule";

/** True when a Terraform JSON string holds a `${...}` that Terraform would interpolate. */
export function hasTerraformInterpolation(value: string): boolean {
  // Strip escaped `$${` first; any `${` left is an interpolation.
  return value.replace(/\$\$\{/g, "").includes("${");
}

/**
 * Port parses the object key: namespace (the webhook key) first, stream second. The value is
 * compared as Terraform sends it to Airbyte: `$${X}` in the JSON is the literal `${X}`, while
 * an unescaped `${NAMESPACE}` is a Terraform interpolation (it fails at plan).
 */
export const PortS3PathFormat: PolicyRule = {
  name: "PortS3PathFormat",
  description: `The S3 destination's path format reaches Airbyte as ${PORT_S3_PATH_FORMAT} (written ${escapeTerraformTemplate(PORT_S3_PATH_FORMAT)} in Terraform JSON).`,
  check(stack) {
    const findings: RuleFinding[] = [];
    for (const r of resourcesOfType(stack, "airbyte_destination_s3")) {
      const raw = valueAtPath(r.config, "configuration.s3_path_format");
      const ok = typeof raw === "string" && !hasTerraformInterpolation(raw) && unescapeTerraformTemplate(raw) === PORT_S3_PATH_FORMAT;
      if (!ok) {
        let got = describeFound(raw);
        if (typeof raw === "string") {
          got += hasTerraformInterpolation(raw)
            ? ` (an unescaped "\${" is a Terraform interpolation: write "$\${")`
            : `, which Terraform sends as ${JSON.stringify(unescapeTerraformTemplate(raw))}`;
        }
        findings.push({
          constructPath: r.constructPath,
          expected: `configuration.s3_path_format to reach Airbyte as ${JSON.stringify(PORT_S3_PATH_FORMAT)} (in Terraform JSON ${JSON.stringify(escapeTerraformTemplate(PORT_S3_PATH_FORMAT))})`,
          got,
        });
      }
    }
    return findings;
  },
};
