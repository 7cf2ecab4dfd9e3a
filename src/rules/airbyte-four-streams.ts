import { OKTA_STREAMS } from "../airbyte/okta-streams";
import { PolicyRule, RuleFinding, describeFound, isObject, resourcesOfType, valueAtPath } from "./policy-rule";

/**
 * Port's mapping consumes exactly the four Okta streams: a missing stream leaves blueprints
 * empty, an extra one sends records no mapping entry matches.
 */
export const AirbyteFourStreams: PolicyRule = {
  name: "AirbyteFourStreams",
  description: `The connection syncs exactly the streams ${OKTA_STREAMS.join(", ")}, each once.`,
  check(stack) {
    const findings: RuleFinding[] = [];
    for (const r of resourcesOfType(stack, "airbyte_connection")) {
      const streams = valueAtPath(r.config, "configurations.streams");
      const names = Array.isArray(streams) ? streams.map((s) => (isObject(s) ? s.name : undefined)) : undefined;
      const sorted = names ? [...names].map(String).sort() : undefined;
      const ok = !!sorted && sorted.length === OKTA_STREAMS.length && sorted.every((n, i) => n === OKTA_STREAMS[i]);
      if (!ok) {
        findings.push({
          constructPath: r.constructPath,
          expected: `configurations.streams named exactly ${JSON.stringify(OKTA_STREAMS)}`,
          got: names ? JSON.stringify(names) : describeFound(streams),
        });
      }
    }
    return findings;
  },
};
