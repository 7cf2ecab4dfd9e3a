import { PortS3JsonLines } from "../../src/rules";
import { messages, only, stackView } from "./rule-fixture";

describe("PortS3JsonLines", () => {
  it("passes the shipped destination (JSON Lines, JSONL)", () => {
    expect(messages(PortS3JsonLines, stackView())).toEqual([]);
  });

  it("fails a CSV destination, naming the construct and the expected format", () => {
    const view = stackView((j) => {
      only(j, "airbyte_destination_s3").configuration.format = { csv_comma_separated_values: { format_type: "CSV" } };
    });
    const [m, ...rest] = messages(PortS3JsonLines, view);
    expect(rest).toEqual([]);
    expect(m).toMatch(/^\[PortS3JsonLines\] dev\/pipeline\/destination\/destination: expected configuration\.format = \{ json_lines_newline_delimited_json/);
    expect(m).toContain('got configuration.format = {"csv_comma_separated_values":{"format_type":"CSV"}}');
  });

  it("fails a second format beside JSON Lines, and a wrong format_type", () => {
    expect(messages(PortS3JsonLines, stackView((j) => { only(j, "airbyte_destination_s3").configuration.format.avro_apache_avro = {}; }))).toHaveLength(1);
    expect(messages(PortS3JsonLines, stackView((j) => { only(j, "airbyte_destination_s3").configuration.format.json_lines_newline_delimited_json.format_type = "CSV"; }))).toHaveLength(1);
  });
});
