/**
 * Port's S3 contract as policy rules (one rule per file), and the Aspect that runs them.
 * `applyGuardrailRules(app)` adds the pack to every stack; any finding fails synth.
 */
import { IConstruct } from "constructs";
import { AirbyteFourStreams } from "./airbyte-four-streams";
import { AirbyteNamespaceIsWebhookKey } from "./airbyte-namespace-is-webhook-key";
import { AirbyteProviderPinned } from "./airbyte-provider-pinned";
import { OktaStartDateOldEnough } from "./okta-start-date-old-enough";
import { applyPolicyRules } from "./policy-aspect";
import type { PolicyRule } from "./policy-rule";
import { PortS3BucketPath } from "./port-s3-bucket-path";
import { PortS3Gzip } from "./port-s3-gzip";
import { PortS3JsonLines } from "./port-s3-json-lines";
import { PortS3PathFormat } from "./port-s3-path-format";
import { PortWebhookEnabled } from "./port-webhook-enabled";

/** Every rule of Port's S3 contract, in the order they are documented. */
export const PORT_S3_CONTRACT_RULES: readonly PolicyRule[] = [
  PortS3JsonLines,
  PortS3Gzip,
  PortS3BucketPath,
  PortS3PathFormat,
  AirbyteFourStreams,
  AirbyteNamespaceIsWebhookKey,
  PortWebhookEnabled,
  AirbyteProviderPinned,
  OktaStartDateOldEnough,
];

/** Applies PORT_S3_CONTRACT_RULES to every stack under `scope` (idempotent). */
export function applyGuardrailRules(scope: IConstruct): void {
  applyPolicyRules(scope, PORT_S3_CONTRACT_RULES);
}

export {
  AirbyteFourStreams,
  AirbyteNamespaceIsWebhookKey,
  AirbyteProviderPinned,
  OktaStartDateOldEnough,
  PortS3BucketPath,
  PortS3Gzip,
  PortS3JsonLines,
  PortS3PathFormat,
  PortWebhookEnabled,
};
export { PolicyRulesAspect, applyPolicyRules, formatFinding } from "./policy-aspect";
export type { PolicyRule, RuleFinding, SynthesizedStackView, SynthesizedResource } from "./policy-rule";
