import { PolicyRule, RuleFinding, describeFound, resourcesOfType } from "./policy-rule";

/** The provider's default is `enabled = false`: a disabled webhook drops every event. */
export const PortWebhookEnabled: PolicyRule = {
  name: "PortWebhookEnabled",
  description: "Every port_webhook sets enabled = true (the provider's default, false, drops every event).",
  check(stack) {
    const findings: RuleFinding[] = [];
    for (const r of resourcesOfType(stack, "port_webhook")) {
      if (r.config.enabled !== true) findings.push({ constructPath: r.constructPath, expected: "enabled = true", got: describeFound(r.config.enabled) });
    }
    return findings;
  },
};
