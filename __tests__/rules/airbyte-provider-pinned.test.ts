import { AirbyteProviderPinned } from "../../src/rules";
import { messages, stackView } from "./rule-fixture";

describe("AirbyteProviderPinned", () => {
  it("passes airbytehq/airbyte 0.6.5", () => {
    expect(messages(AirbyteProviderPinned, stackView())).toEqual([]);
  });

  it.each([["1.0.0"], ["~> 0.6"], [">= 0.6.5"]])("fails version %j", (version) => {
    const view = stackView((j) => { j.terraform.required_providers.airbyte.version = version; });
    expect(messages(AirbyteProviderPinned, view)).toEqual([
      `[AirbyteProviderPinned] dev: expected terraform.required_providers.airbyte = { source = "airbytehq/airbyte", version = "0.6.5" }, got {"source":"airbytehq/airbyte","version":${JSON.stringify(version)}}`,
    ]);
  });

  it("fails Airbyte resources without a required provider entry, and ignores stacks without Airbyte", () => {
    expect(messages(AirbyteProviderPinned, stackView((j) => { delete j.terraform.required_providers.airbyte; }))[0]).toMatch(/got nothing \(not set\)$/);
    const noAirbyte = stackView((j) => {
      delete j.terraform.required_providers.airbyte;
      for (const t of Object.keys(j.resource)) if (t.startsWith("airbyte_")) delete j.resource[t];
    });
    expect(messages(AirbyteProviderPinned, noAirbyte)).toEqual([]);
  });
});
