import { AirbyteFourStreams } from "../../src/rules";
import { messages, only, stackView } from "./rule-fixture";

const streams = (edit: (s: any[]) => any[]) =>
  stackView((j) => {
    const c = only(j, "airbyte_connection").configurations;
    c.streams = edit(c.streams);
  });

describe("AirbyteFourStreams", () => {
  it("passes the four streams, in any order", () => {
    expect(messages(AirbyteFourStreams, stackView())).toEqual([]);
    expect(messages(AirbyteFourStreams, streams((s) => [...s].reverse()))).toEqual([]);
  });

  it("fails a missing stream", () => {
    expect(messages(AirbyteFourStreams, streams((s) => s.filter((x) => x.name !== "permissions")))).toEqual([
      '[AirbyteFourStreams] dev/pipeline/connection/connection: expected configurations.streams named exactly ["custom_roles","permissions","user_role_assignments","users"], got ["custom_roles","user_role_assignments","users"]',
    ]);
  });

  it("fails an extra stream and a duplicated one", () => {
    expect(messages(AirbyteFourStreams, streams((s) => [...s, { name: "groups", sync_mode: "full_refresh_overwrite" }]))).toHaveLength(1);
    expect(messages(AirbyteFourStreams, streams((s) => [...s.slice(1), s[1]]))).toHaveLength(1);
  });
});
