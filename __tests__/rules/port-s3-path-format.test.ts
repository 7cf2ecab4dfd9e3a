import { PortS3PathFormat } from "../../src/rules";
import { messages, only, stackView } from "./rule-fixture";

const setFormat = (value: unknown) => stackView((j) => { only(j, "airbyte_destination_s3").configuration.s3_path_format = value; });

describe("PortS3PathFormat", () => {
  it("passes the escaped documented format", () => {
    expect(only(stackView().json, "airbyte_destination_s3").configuration.s3_path_format).toBe("$${NAMESPACE}/$${STREAM_NAME}/year=$${YEAR}/month=$${MONTH}/$${DAY}_$${EPOCH}_");
    expect(messages(PortS3PathFormat, stackView())).toEqual([]);
  });

  it("fails the unescaped format (Terraform would interpolate ${NAMESPACE})", () => {
    const [m] = messages(PortS3PathFormat, setFormat("${NAMESPACE}/${STREAM_NAME}/year=${YEAR}/month=${MONTH}/${DAY}_${EPOCH}_"));
    expect(m).toMatch(/^\[PortS3PathFormat\] dev\/pipeline\/destination\/destination: expected configuration\.s3_path_format to reach Airbyte as "\$\{NAMESPACE\}\/\$\{STREAM_NAME\}/);
    expect(m).toContain("is a Terraform interpolation");
  });

  it("fails a different layout, quoting what Terraform would send", () => {
    const [m] = messages(PortS3PathFormat, setFormat("$${STREAM_NAME}/$${NAMESPACE}/"));
    expect(m).toContain('got "$${STREAM_NAME}/$${NAMESPACE}/", which Terraform sends as "${STREAM_NAME}/${NAMESPACE}/"');
  });

  it("fails a missing path format", () => {
    expect(messages(PortS3PathFormat, setFormat(undefined))[0]).toMatch(/got nothing \(not set\)$/);
  });
});
