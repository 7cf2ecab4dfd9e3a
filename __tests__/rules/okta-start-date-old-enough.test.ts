import { OktaStartDateOldEnough } from "../../src/rules";
import { messages, only, stackView } from "./rule-fixture";

const withStartDate = (value: unknown) => stackView((j) => { only(j, "airbyte_source_okta").configuration.start_date = value; });

describe("OktaStartDateOldEnough", () => {
  it("passes the default and the threshold itself", () => {
    expect(messages(OktaStartDateOldEnough, stackView())).toEqual([]);
    expect(messages(OktaStartDateOldEnough, withStartDate("2009-01-01T00:00:00Z"))).toEqual([]);
  });

  it.each([["2024-06-01T00:00:00Z"], ["2009-01-01T00:00:01Z"], ["${var.start_date}"], ["2000-01-01"], [undefined]])("fails %j", (value) => {
    expect(messages(OktaStartDateOldEnough, withStartDate(value))).toEqual([
      `[OktaStartDateOldEnough] dev/pipeline/source/source: expected configuration.start_date an RFC 3339 UTC timestamp on or before "2009-01-01T00:00:00Z", like "2000-01-01T00:00:00Z", got ${value === undefined ? "nothing (not set)" : JSON.stringify(value)}`,
    ]);
  });
});
