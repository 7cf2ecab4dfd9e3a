import { AirbyteNamespaceIsWebhookKey } from "../../src/rules";
import { messages, only, stackView } from "./rule-fixture";

describe("AirbyteNamespaceIsWebhookKey", () => {
  it("passes a custom_format namespace referencing the stack's webhook key", () => {
    expect(messages(AirbyteNamespaceIsWebhookKey, stackView())).toEqual([]);
  });

  it("fails a copied string instead of the reference", () => {
    const view = stackView((j) => { only(j, "airbyte_connection").namespace_format = "okta-airbyte-dev"; });
    const webhook = Object.keys((view.json as any).resource.port_webhook)[0];
    expect(messages(AirbyteNamespaceIsWebhookKey, view)).toEqual([
      `[AirbyteNamespaceIsWebhookKey] dev/pipeline/connection/connection: expected namespace_format = "\${port_webhook.${webhook}.webhook_key}", got "okta-airbyte-dev"`,
    ]);
  });

  it("fails a reference to another webhook's key and a non-custom namespace definition", () => {
    const view = stackView((j) => {
      const c = only(j, "airbyte_connection");
      c.namespace_format = "${port_webhook.other.webhook_key}";
      c.namespace_definition = "destination";
    });
    const found = messages(AirbyteNamespaceIsWebhookKey, view);
    expect(found).toHaveLength(2);
    expect(found[0]).toContain('expected namespace_definition = "custom_format", got "destination"');
  });

  it("fails when the stack has no webhook", () => {
    const view = stackView((j) => { delete j.resource.port_webhook; });
    expect(messages(AirbyteNamespaceIsWebhookKey, view)[0]).toContain("there is none");
  });
});
