/**
 * The values Port's S3 integration and the Okta connector require, as the policy rules
 * enforce them. Kept free of imports from `src/config/` so the environment schema can use
 * the same constants.
 */

/** Terraform provider source and the one version whose typed resources the kit uses. */
export const AIRBYTE_PROVIDER_SOURCE = "airbytehq/airbyte";
export const AIRBYTE_PROVIDER_VERSION = "0.6.5";

/**
 * Latest Okta `start_date` that still reads every user's role assignments. The connector
 * reads assignments only for users updated after `start_date`; Okta was founded in 2009,
 * so no user of any Okta org was updated before 2009-01-01. A fixed constant (never
 * "now minus N days"), so that synth stays deterministic.
 */
export const LATEST_OKTA_START_DATE = "2009-01-01T00:00:00Z";

/** RFC 3339 UTC timestamp, as the Okta source takes `start_date`. */
export const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

/** True when a start date is a literal timestamp on or before LATEST_OKTA_START_DATE. */
export function isOldEnoughOktaStartDate(value: string): boolean {
  return RFC3339_UTC.test(value) && !Number.isNaN(Date.parse(value)) && Date.parse(value) <= Date.parse(LATEST_OKTA_START_DATE);
}
