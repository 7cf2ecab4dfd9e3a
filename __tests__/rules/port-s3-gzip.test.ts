import { PortS3Gzip } from "../../src/rules";
import { messages, only, stackView } from "./rule-fixture";

describe("PortS3Gzip", () => {
  it("passes the shipped destination (GZIP)", () => {
    expect(messages(PortS3Gzip, stackView())).toEqual([]);
  });

  it("fails no compression", () => {
    const view = stackView((j) => {
      only(j, "airbyte_destination_s3").configuration.format.json_lines_newline_delimited_json.compression = { no_compression: { compression_type: "No Compression" } };
    });
    expect(messages(PortS3Gzip, view)).toEqual([
      '[PortS3Gzip] dev/pipeline/destination/destination: expected configuration.format.json_lines_newline_delimited_json.compression = { gzip = { compression_type = "GZIP" } }, got {"no_compression":{"compression_type":"No Compression"}}',
    ]);
  });

  it("fails a missing compression block", () => {
    const view = stackView((j) => { delete only(j, "airbyte_destination_s3").configuration.format.json_lines_newline_delimited_json.compression; });
    expect(messages(PortS3Gzip, view)[0]).toMatch(/got nothing \(not set\)$/);
  });
});
