import { PortWebhookEnabled } from "../../src/rules";
import { messages, only, stackView } from "./rule-fixture";

describe("PortWebhookEnabled", () => {
  it("passes enabled = true", () => {
    expect(messages(PortWebhookEnabled, stackView())).toEqual([]);
  });

  it.each([[false], [undefined], ["true"]])("fails enabled = %j", (value) => {
    const view = stackView((j) => { only(j, "port_webhook").enabled = value; });
    expect(messages(PortWebhookEnabled, view)).toEqual([
      `[PortWebhookEnabled] dev/pipeline/webhook/webhook: expected enabled = true, got ${value === undefined ? "nothing (not set)" : JSON.stringify(value)}`,
    ]);
  });
});
