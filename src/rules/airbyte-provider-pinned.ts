import { AIRBYTE_PROVIDER_SOURCE, AIRBYTE_PROVIDER_VERSION } from "./port-s3-contract";
import { PolicyRule, RuleFinding, describeFound, isObject, resourcesWithPrefix, valueAtPath } from "./policy-rule";

/**
 * The typed `airbyte_destination_s3` and `airbyte_source_okta` resources the kit uses are
 * deprecated in provider 1.0 and gone in 1.1: the provider must be pinned to exactly 0.6.5.
 */
export const AirbyteProviderPinned: PolicyRule = {
  name: "AirbyteProviderPinned",
  description: `A stack with Airbyte resources requires provider ${AIRBYTE_PROVIDER_SOURCE} at exactly ${AIRBYTE_PROVIDER_VERSION}.`,
  check(stack) {
    const required = valueAtPath(stack.json, "terraform.required_providers");
    const airbyte = isObject(required) ? required.airbyte : undefined;
    const usesAirbyte = airbyte !== undefined || resourcesWithPrefix(stack, "airbyte_").length > 0;
    if (!usesAirbyte) return [];
    const findings: RuleFinding[] = [];
    const source = isObject(airbyte) ? airbyte.source : undefined;
    const version = isObject(airbyte) ? airbyte.version : undefined;
    const pinned = typeof version === "string" && version.replace(/^=\s*/, "").trim() === AIRBYTE_PROVIDER_VERSION;
    if (source !== AIRBYTE_PROVIDER_SOURCE || !pinned) {
      findings.push({
        constructPath: stack.stackPath,
        expected: `terraform.required_providers.airbyte = { source = "${AIRBYTE_PROVIDER_SOURCE}", version = "${AIRBYTE_PROVIDER_VERSION}" }`,
        got: describeFound(airbyte),
      });
    }
    return findings;
  },
};
