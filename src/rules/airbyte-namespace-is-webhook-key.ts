import { PolicyRule, RuleFinding, describeFound, resourcesOfType } from "./policy-rule";

/**
 * Port reads the webhook key from the object key segment after `data/`, which is the
 * connection's namespace: it must be `custom_format` and reference the `webhook_key` of the
 * port_webhook declared in the same stack (a reference, never a copied string: the key is
 * only known after apply).
 */
export const AirbyteNamespaceIsWebhookKey: PolicyRule = {
  name: "AirbyteNamespaceIsWebhookKey",
  description: 'The connection writes under namespace_definition = "custom_format" with namespace_format = "${port_webhook.<name>.webhook_key}" of the webhook in the same stack.',
  check(stack) {
    const findings: RuleFinding[] = [];
    const webhooks = resourcesOfType(stack, "port_webhook").map((w) => `\${port_webhook.${w.name}.webhook_key}`);
    const expectedFormat = webhooks.length === 1 ? JSON.stringify(webhooks[0]) : webhooks.length ? `one of ${webhooks.map((w) => JSON.stringify(w)).join(", ")}` : "a reference to the webhook_key of a port_webhook in this stack (there is none)";
    for (const r of resourcesOfType(stack, "airbyte_connection")) {
      if (r.config.namespace_definition !== "custom_format") {
        findings.push({ constructPath: r.constructPath, expected: 'namespace_definition = "custom_format"', got: describeFound(r.config.namespace_definition) });
      }
      const format = r.config.namespace_format;
      if (typeof format !== "string" || !webhooks.includes(format)) {
        findings.push({ constructPath: r.constructPath, expected: `namespace_format = ${expectedFormat}`, got: describeFound(format) });
      }
    }
    return findings;
  },
};
