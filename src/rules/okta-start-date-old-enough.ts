import { LATEST_OKTA_START_DATE, isOldEnoughOktaStartDate } from "./port-s3-contract";
import { PolicyRule, RuleFinding, describeFound, resourcesOfType, valueAtPath } from "./policy-rule";

/**
 * The Okta source reads role assignments only for users updated after `start_date` (its
 * default is 7 days back): it must be a literal timestamp far enough in the past.
 */
export const OktaStartDateOldEnough: PolicyRule = {
  name: "OktaStartDateOldEnough",
  description: `The Okta source's configuration.start_date is a literal RFC 3339 UTC timestamp on or before ${LATEST_OKTA_START_DATE}, so every user's role assignments are read.`,
  check(stack) {
    const findings: RuleFinding[] = [];
    for (const r of resourcesOfType(stack, "airbyte_source_okta")) {
      const value = valueAtPath(r.config, "configuration.start_date");
      if (typeof value !== "string" || !isOldEnoughOktaStartDate(value)) {
        findings.push({
          constructPath: r.constructPath,
          expected: `configuration.start_date an RFC 3339 UTC timestamp on or before ${JSON.stringify(LATEST_OKTA_START_DATE)}, like "2000-01-01T00:00:00Z"`,
          got: describeFound(value),
        });
      }
    }
    return findings;
  },
};
