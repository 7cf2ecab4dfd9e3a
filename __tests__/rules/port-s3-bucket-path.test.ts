import { PortS3BucketPath } from "../../src/rules";
import { messages, only, stackView } from "./rule-fixture";

describe("PortS3BucketPath", () => {
  it("passes data/", () => {
    expect(messages(PortS3BucketPath, stackView())).toEqual([]);
  });

  it.each([["raw/"], ["data"], ["/data/"]])("fails %j", (path) => {
    const view = stackView((j) => { only(j, "airbyte_destination_s3").configuration.s3_bucket_path = path; });
    expect(messages(PortS3BucketPath, view)).toEqual([
      `[PortS3BucketPath] dev/pipeline/destination/destination: expected configuration.s3_bucket_path = "data/", got ${JSON.stringify(path)}`,
    ]);
  });
});
