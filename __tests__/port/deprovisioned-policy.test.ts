import { jqCompileProblem } from "../../src/jq";
import { applyDeprovisionedUserPolicy, WebhookMappingEntry } from "../../src/port/webhook-mapping";

const users: WebhookMappingEntry = {
  blueprint: "okta_user",
  operation: "create",
  filter: '.body._PORT_SOURCE_OBJECT_KEY | split("/") | .[2] == "users" # users only',
  entity: { identifier: ".body.id", title: ".body.profile.login", properties: { status: ".body.status" } },
};
const roles: WebhookMappingEntry = { blueprint: "okta_role", filter: "true", entity: { identifier: ".body.id" } };

describe("applyDeprovisionedUserPolicy", () => {
  test("keep returns the mapping unchanged", () => {
    expect(applyDeprovisionedUserPolicy([roles, users], "keep")).toEqual([roles, users]);
  });

  test("delete splits each okta_user create entry into a create and a delete entry; others untouched", () => {
    const out = applyDeprovisionedUserPolicy([roles, users], "delete");
    expect(out).toHaveLength(3);
    expect(out[0]).toBe(roles);
    expect(out[1]).toMatchObject({ blueprint: "okta_user", operation: "create", entity: users.entity });
    expect(out[2]).toEqual({ blueprint: "okta_user", operation: { type: "delete" }, filter: expect.stringContaining('(.body.status == "DEPROVISIONED")'), entity: { identifier: ".body.id" } });
  });

  test("a user filter ending in a # comment still compiles once wrapped", () => {
    expect(jqCompileProblem(users.filter!)).toBeUndefined();
    for (const entry of applyDeprovisionedUserPolicy([users], "delete")) expect(jqCompileProblem(entry.filter!)).toBeUndefined();
  });

  test("an entry without a filter gets only the status condition", () => {
    const [create, del] = applyDeprovisionedUserPolicy([{ ...users, filter: undefined }], "delete");
    expect(create.filter).toBe('(.body.status != "DEPROVISIONED")');
    expect(del.filter).toBe('(.body.status == "DEPROVISIONED")');
  });
});
