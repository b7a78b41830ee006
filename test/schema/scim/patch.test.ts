import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  InvalidPathError,
  InvalidSyntaxError,
  MutabilityError,
  NoTargetError,
  ValidationError,
} from "../../../schema/errors.js";
import {
  applyGroupPatch,
  applyUserPatch,
  parsePatchRequest,
  PATCH_OP_SCHEMA,
  type PatchOperation,
} from "../../../schema/scim/patch.js";
import type { ScimGroup, ScimUser } from "../../../schema/scim/types.js";

const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const USER = "urn:ietf:params:scim:schemas:core:2.0:User";

/** Frozen so that any write to the caller's resource throws (ESM is strict mode). */
function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

const body = (...operations: unknown[]) => ({ schemas: [PATCH_OP_SCHEMA], Operations: operations });
const ops = (...operations: unknown[]) => parsePatchRequest(body(...operations));
const patchUser = (user: ScimUser, ...operations: unknown[]) => applyUserPatch(deepFreeze(user), ops(...operations));
const patchGroup = (group: ScimGroup, ...operations: unknown[]) =>
  applyGroupPatch(deepFreeze(group), ops(...operations));

function oktaUser(): ScimUser {
  return {
    schemas: [USER],
    id: "23a35c27-23d3-4c03-b4c5-6443c09e7173",
    userName: "test.user@okta.local",
    name: { givenName: "Test", familyName: "User" },
    emails: [{ primary: true, value: "test.user@okta.local", type: "work" }],
    displayName: "Test User",
    locale: "en-US",
    externalId: "00ujl29u0le5T6Aj10h7",
    active: true,
    meta: { resourceType: "User" },
  };
}

function entraUser(): ScimUser {
  return {
    schemas: [USER, ENTERPRISE],
    id: "5d48a0a8e9f04aa38008",
    externalId: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
    userName: "Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee",
    active: true,
    emails: [{ primary: true, type: "work", value: "Test_User_11bb11bb@testuser.com" }],
    meta: { resourceType: "User" },
    name: { formatted: "givenName familyName", familyName: "familyName", givenName: "givenName" },
  };
}

function group(): ScimGroup {
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
    id: "abf4dd94-a4c0-4f67-89c9-76b03340cb9b",
    displayName: "Test SCIMv2",
    meta: { resourceType: "Group" },
  };
}

describe("parsePatchRequest", () => {
  it("normalizes op case and parses paths", () => {
    expect(
      ops(
        { op: "Add", path: "nickName", value: "Babs" },
        { op: "REPLACE", path: 'emails[type eq "work"].value', value: "a@b.c" },
        { op: "remove", path: `${ENTERPRISE}:manager` },
      ),
    ).toEqual([
      { op: "add", path: { text: "nickName", attribute: "nickName" }, value: "Babs" },
      {
        op: "replace",
        path: {
          text: 'emails[type eq "work"].value',
          attribute: "emails",
          filter: { op: "eq", path: { name: "type" }, value: { type: "string", value: "work" } },
          subAttribute: "value",
        },
        value: "a@b.c",
      },
      { op: "remove", path: { text: `${ENTERPRISE}:manager`, schema: ENTERPRISE, attribute: "manager" } },
    ]);
  });

  it("accepts Operations before schemas (E5c) and any spelling of member names", () => {
    const parsed = parsePatchRequest({
      Operations: [{ Op: "Replace", Path: "active", Value: false }],
      SCHEMAS: [PATCH_OP_SCHEMA.toUpperCase()],
    });
    expect(parsed).toEqual([{ op: "replace", path: { text: "active", attribute: "active" }, value: false }]);
  });

  it("keeps a null value (Entra's null update) and treats an empty path as no path", () => {
    expect(ops({ op: "replace", path: "title", value: null })[0]).toMatchObject({ op: "replace", value: null });
    expect(ops({ op: "replace", path: "", value: { active: false } })[0]).toEqual({
      op: "replace",
      value: { active: false },
    });
  });

  it("parses value filters with and/or/not, parentheses and all literal kinds", () => {
    const [operation] = ops({
      op: "remove",
      path: 'emails[not (type eq "home") and (value ew "example.com" or primary eq true) and display pr]',
    });
    expect(operation.path?.filter).toEqual({
      op: "and",
      filters: [
        { op: "not", filter: { op: "eq", path: { name: "type" }, value: { type: "string", value: "home" } } },
        {
          op: "or",
          filters: [
            { op: "ew", path: { name: "value" }, value: { type: "string", value: "example.com" } },
            { op: "eq", path: { name: "primary" }, value: { type: "boolean", value: true } },
          ],
        },
        { op: "pr", path: { name: "display" } },
      ],
    });
  });

  it.each([
    ["not an object", "x"],
    ["an array", []],
    ["no schemas", { Operations: [{ op: "add", path: "title", value: "x" }] }],
    ["the wrong schema", { schemas: [USER], Operations: [{ op: "add", path: "title", value: "x" }] }],
    ["schemas not an array", { schemas: PATCH_OP_SCHEMA, Operations: [{ op: "add", path: "title", value: "x" }] }],
    ["no Operations", { schemas: [PATCH_OP_SCHEMA] }],
    ["empty Operations", body()],
    ["Operations not an array", { schemas: [PATCH_OP_SCHEMA], Operations: { op: "add" } }],
    ["an operation that is not an object", body("add")],
    ["an unknown op", body({ op: "delete", path: "title" })],
    ["a missing op", body({ path: "title", value: "x" })],
    ["a non-string op", body({ op: 1, path: "title", value: "x" })],
    ["a non-string path", body({ op: "add", path: 5, value: "x" })],
    ["add without value", body({ op: "add", path: "title" })],
    ["replace without value", body({ op: "replace", path: "title" })],
  ])("rejects %s with InvalidSyntaxError", (_, request) => {
    expect(() => parsePatchRequest(request)).toThrow(InvalidSyntaxError);
  });

  it.each([
    'emails[type eq "work"',
    "name..givenName",
    "name.givenName.x",
    'emails[type xx "work"]',
    "emails[type eq]",
    'emails[name.givenName eq "x"]',
    'emails[type eq "a"] or x[type eq "b"]',
    'emails[type eq "work"]x',
    'emails[type eq "work"].',
    "1abc",
    "emails[]",
    'emails[type eq "work" and]',
    'emails[(type eq "work"]',
    'emails[type eq "unterminated]',
    ":userName",
    "user name",
  ])("rejects the path %s with InvalidPathError", (path) => {
    expect(() => ops({ op: "add", path, value: "x" })).toThrow(InvalidPathError);
  });

  it("rejects remove without a path with NoTargetError (RFC 7644 §3.5.2.2)", () => {
    expect(() => ops({ op: "remove" })).toThrow(NoTargetError);
    expect(() => ops({ op: "Remove", value: { title: "x" } })).toThrow(NoTargetError);
  });

  it("keeps ':' and ']' inside filter strings", () => {
    const [operation] = ops({ op: "remove", path: 'members[value eq "urn:x:]y\\"z"]' });
    expect(operation.path).toMatchObject({
      attribute: "members",
      filter: { op: "eq", path: { name: "value" }, value: { type: "string", value: 'urn:x:]y"z' } },
    });
  });
});

describe("value filters", () => {
  it("accepts the unquoted values Microsoft's tools send", () => {
    const user = { ...oktaUser(), emails: [{ type: "work", value: "a@x.org" }] };
    expect(patchUser(user, { op: "replace", path: "emails[type eq work].value", value: "b@x.org" }).emails).toEqual([
      { type: "work", value: "b@x.org" },
    ]);
  });

  it.each([
    ['emails[type ne "work"]', ["h"]],
    ['emails[value co "@X."]', ["w", "h"]],
    ['emails[value sw "W"]', ["w"]],
    ['emails[value ew ".org"]', ["w"]],
    ["emails[primary eq true]", ["w"]],
    ["emails[display pr]", ["h"]],
    ['emails[not (display pr) or type eq "home"]', ["w", "h"]],
    ['emails[value gt "m"]', ["w"]],
    ['emails[value le "h@x.net"]', ["h"]],
    ["emails[rank ge 2]", ["h"]],
    ["emails[rank lt 2]", ["w"]],
    ["emails[display eq null]", ["w"]],
  ])("%s selects %j", (path, selected) => {
    // "True" as an IdP stored it before Roster coerced booleans.
    const emails = [
      { type: "work", value: "w@x.org", primary: "True", rank: 1 },
      { type: "home", value: "h@x.net", display: "Home", rank: 2 },
    ] as unknown as ScimUser["emails"];
    const user = { ...oktaUser(), emails };
    const result = patchUser(user, { op: "replace", path: `${path}.type`, value: "picked" });
    const picked = result.emails?.filter((email) => email.type === "picked").map((email) => email.value?.[0]);
    expect(picked).toEqual(selected);
  });
});

describe("Okta", () => {
  it("O6 deactivates and reactivates with a path-less replace", () => {
    const deactivated = patchUser(oktaUser(), { op: "replace", value: { active: false } });
    expect(deactivated).toEqual({ ...oktaUser(), active: false });
    expect(patchUser(deactivated, { op: "replace", value: { active: true } })).toEqual(oktaUser());
  });

  it("O8 renames a group, ignoring the id in the value, and is idempotent", () => {
    const request = body({
      op: "replace",
      value: { id: "abf4dd94-a4c0-4f67-89c9-76b03340cb9b", displayName: "Renamed" },
    });
    const once = applyGroupPatch(deepFreeze(group()), parsePatchRequest(request));
    expect(once).toEqual({ resource: { ...group(), displayName: "Renamed" }, memberOps: [] });
    expect(applyGroupPatch(deepFreeze(once.resource), parsePatchRequest(request)).resource).toEqual(once.resource);
  });

  it("O9 removes and adds members in one request, in order", () => {
    const result = patchGroup(
      group(),
      { op: "remove", path: 'members[value eq "89bb1940-b905-4575-9e7f-6f887cfb368e"]' },
      {
        op: "add",
        path: "members",
        value: [{ value: "23a35c27-23d3-4c03-b4c5-6443c09e7173", display: "test.user@okta.local" }],
      },
    );
    expect(result).toEqual({
      resource: group(),
      memberOps: [
        { kind: "remove", ids: ["89bb1940-b905-4575-9e7f-6f887cfb368e"] },
        { kind: "add", ids: ["23a35c27-23d3-4c03-b4c5-6443c09e7173"] },
      ],
    });
  });

  it("O9 full push replaces the member list", () => {
    const { memberOps } = patchGroup(group(), {
      op: "replace",
      path: "members",
      value: [
        { value: "23a35c27-23d3-4c03-b4c5-6443c09e7173", display: "test.user@okta.local" },
        { value: "89bb1940-b905-4575-9e7f-6f887cfb368e", display: "test.user@okta.local" },
      ],
    });
    expect(memberOps).toEqual([
      { kind: "replace", ids: ["23a35c27-23d3-4c03-b4c5-6443c09e7173", "89bb1940-b905-4575-9e7f-6f887cfb368e"] },
    ]);
  });

  it("ignores readOnly attributes Okta echoes in path-less values", () => {
    const result = patchUser(oktaUser(), {
      op: "replace",
      value: { id: "other", meta: { resourceType: "X" }, groups: [], schemas: [], displayName: "New" },
    });
    expect(result).toEqual({ ...oktaUser(), displayName: "New" });
  });
});

describe("Entra ID", () => {
  it("E5a replaces a filtered email and a name part with capitalized ops", () => {
    const result = patchUser(
      entraUser(),
      { op: "Replace", path: 'emails[type eq "work"].value', value: "updatedEmail@microsoft.com" },
      { op: "Replace", path: "name.familyName", value: "updatedFamilyName" },
    );
    expect(result.emails).toEqual([{ primary: true, type: "work", value: "updatedEmail@microsoft.com" }]);
    expect(result.name).toEqual({ ...entraUser().name, familyName: "updatedFamilyName" });
  });

  it("E5a creates the work email when the user has none (replace on a missing element)", () => {
    const { emails, ...withoutEmails } = entraUser();
    expect(emails).toHaveLength(1);
    const result = patchUser(withoutEmails, {
      op: "Replace",
      path: 'emails[type eq "work"].value',
      value: "updatedEmail@microsoft.com",
    });
    expect(result.emails).toEqual([{ type: "work", value: "updatedEmail@microsoft.com" }]);
    const withHome = patchUser(
      { ...withoutEmails, emails: [{ type: "home", value: "h@example.com" }] },
      { op: "Replace", path: 'emails[type eq "work"].value', value: "w@example.com" },
    );
    expect(withHome.emails).toEqual([
      { type: "home", value: "h@example.com" },
      { type: "work", value: "w@example.com" },
    ]);
  });

  it("E5b replaces userName", () => {
    const result = patchUser(entraUser(), {
      op: "Replace",
      path: "userName",
      value: "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com",
    });
    expect(result.userName).toBe("5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com");
  });

  it("E5c disables with Operations before schemas", () => {
    const request = { Operations: [{ op: "Replace", path: "active", value: false }], schemas: [PATCH_OP_SCHEMA] };
    expect(applyUserPatch(deepFreeze(entraUser()), parsePatchRequest(request)).active).toBe(false);
  });

  it.each([
    ["False", false],
    ["false", false],
    ["True", true],
    ["TRUE", true],
    [false, false],
  ])("E5d coerces active %j to a boolean", (value, expected) => {
    const start = { ...entraUser(), active: !expected };
    expect(patchUser(start, { op: "Replace", path: "active", value }).active).toBe(expected);
  });

  it("E5e adds a single-valued string with either op spelling", () => {
    expect(patchUser(entraUser(), { op: "Add", path: "nickName", value: "Babs" }).nickName).toBe("Babs");
    expect(patchUser(entraUser(), { op: "add", path: "nickName", value: "Babs" }).nickName).toBe("Babs");
    const replaced = patchUser({ ...entraUser(), nickName: "Old" }, { op: "add", path: "nickName", value: "Babs" });
    expect(replaced.nickName).toBe("Babs");
  });

  it("E5f replaces many attributes with one path each (no flag)", () => {
    const result = patchUser(
      entraUser(),
      { op: "Replace", path: "displayName", value: "Bjfe" },
      { op: "Replace", path: 'emails[type eq "work"].value', value: "TestMhvaes@test.microsoft.com" },
      { op: "Replace", path: "name.givenName", value: "Kkom" },
      { op: "Replace", path: "name.familyName", value: "Unua" },
      { op: "Replace", path: "externalId", value: "Ext" },
      { op: "Replace", path: `${ENTERPRISE}:employeeNumber`, value: "Aklq" },
    );
    expect(result).toEqual({
      ...entraUser(),
      displayName: "Bjfe",
      emails: [{ primary: true, type: "work", value: "TestMhvaes@test.microsoft.com" }],
      name: { formatted: "givenName familyName", givenName: "Kkom", familyName: "Unua" },
      externalId: "Ext",
      [ENTERPRISE]: { employeeNumber: "Aklq" },
    });
  });

  it("E5f replaces dotted and URN-qualified keys of a path-less value (aadOptscim062020)", () => {
    const result = patchUser(
      entraUser(),
      { op: "replace", path: 'emails[type eq "work"].value', value: "TestMhvaes@test.microsoft.com" },
      {
        op: "replace",
        value: {
          displayName: "Bjfe",
          "name.givenName": "Kkom",
          "name.familyName": "Unua",
          [`${ENTERPRISE}:employeeNumber`]: "Aklq",
        },
      },
    );
    expect(result.displayName).toBe("Bjfe");
    expect(result.name).toEqual({ formatted: "givenName familyName", givenName: "Kkom", familyName: "Unua" });
    expect(result.emails?.[0].value).toBe("TestMhvaes@test.microsoft.com");
    expect(result[ENTERPRISE]).toEqual({ employeeNumber: "Aklq" });
  });

  it("E5g sets the manager from Entra's array of {$ref, value}, unqualified or qualified", () => {
    const manager = {
      $ref: "http://example.com/scim/Users/00aa00aa-bb11-cc22-dd33-44ee44ee44ee",
      value: "00aa00aa-bb11-cc22-dd33-44ee44ee44ee",
    };
    const result = patchUser(entraUser(), { op: "Add", path: "manager", value: [manager] });
    expect(result[ENTERPRISE]).toEqual({ manager });
    expect(result.schemas).toEqual([USER, ENTERPRISE]);
    const changed = patchUser(result, { op: "Replace", path: `${ENTERPRISE}:manager`, value: [{ value: "other" }] });
    expect(changed[ENTERPRISE]?.manager).toEqual({ $ref: manager.$ref, value: "other" });
    expect(patchUser(result, { op: "Replace", path: "manager", value: "bare-id" })[ENTERPRISE]?.manager).toEqual({
      $ref: manager.$ref,
      value: "bare-id",
    });
  });

  it.each([[""], [null], [[]]])("E8 removes the manager with a Replace of %j", (value) => {
    const user = { ...entraUser(), [ENTERPRISE]: { manager: { value: "m" }, department: "D" } };
    const result = patchUser(user, { op: "Replace", path: "manager", value });
    expect(result[ENTERPRISE]).toEqual({ department: "D" });
  });

  it("E5h applies a whole extension sent as one key of a path-less value", () => {
    const result = patchUser(entraUser(), {
      op: "replace",
      value: { [ENTERPRISE]: { department: "Sales", manager: { value: "m1" } }, active: "False" },
    });
    expect(result[ENTERPRISE]).toEqual({ department: "Sales", manager: { value: "m1" } });
    expect(result.active).toBe(false);
  });

  it("E8 null update: \"\" and then null clear optional attributes", () => {
    const user = { ...entraUser(), title: "T", nickName: "N", [ENTERPRISE]: { department: "D" } };
    const emptied = patchUser(
      user,
      { op: "Replace", path: "title", value: "" },
      { op: "Replace", path: `${ENTERPRISE}:department`, value: "" },
      { op: "Replace", path: "name.givenName", value: "" },
    );
    expect(emptied).not.toHaveProperty("title");
    expect(emptied).not.toHaveProperty([ENTERPRISE]);
    expect(emptied.schemas).toEqual([USER]);
    expect(emptied.name).not.toHaveProperty("givenName");
    const nulled = patchUser(emptied, { op: "Replace", path: "nickName", value: null });
    expect(nulled).not.toHaveProperty("nickName");
    // Clearing what is already absent is not an error.
    expect(patchUser(nulled, { op: "Replace", path: "title", value: null })).toEqual(nulled);
  });

  it("E6 renames a group and adds/removes members in every documented form", () => {
    const result = patchGroup(
      { ...group(), externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159" },
      { op: "Replace", path: "displayName", value: "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName" },
      { op: "Add", path: "members", value: [{ $ref: null, value: "f648f8d5ea4e4cd38e9c" }] },
      { op: "Remove", path: "members", value: [{ $ref: null, value: "f648f8d5ea4e4cd38e9c" }] },
      { op: "Remove", path: "members", value: [{ value: "u1091" }] },
      { op: "remove", path: 'members[value eq "7f4bc1a3-285e-48ae-8202-5accb43efb0e"]' },
    );
    expect(result.resource.displayName).toBe("1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName");
    expect(result.resource.externalId).toBe("8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159");
    expect(result.memberOps).toEqual([
      { kind: "add", ids: ["f648f8d5ea4e4cd38e9c"] },
      { kind: "remove", ids: ["f648f8d5ea4e4cd38e9c"] },
      { kind: "remove", ids: ["u1091"] },
      { kind: "remove", ids: ["7f4bc1a3-285e-48ae-8202-5accb43efb0e"] },
    ]);
  });
});

describe("Microsoft's Postman collection quirks", () => {
  it("treats a bare string member value as one id", () => {
    expect(patchGroup(group(), { op: "add", path: "members", value: "string id 1" }).memberOps).toEqual([
      { kind: "add", ids: ["string id 1"] },
    ]);
  });

  it("reads member ids from entries with extra keys and a capitalized Value", () => {
    const { memberOps } = patchGroup(group(), {
      op: "add",
      path: "members",
      value: [{ Value: "a", name: "addMember" }, { value: "b", display: "B", $ref: null }, { value: "a" }],
    });
    expect(memberOps).toEqual([{ kind: "add", ids: ["a", "b"] }]);
  });

  it("removes all members with a remove of members", () => {
    expect(patchGroup(group(), { op: "remove", path: "members" }).memberOps).toEqual([{ kind: "removeAll" }]);
  });

  it("canonicalizes capitalized sub-attributes and string booleans in values", () => {
    const result = patchUser(entraUser(), {
      op: "replace",
      path: "emails",
      value: [{ Value: "x@example.com", Type: "work", Primary: "True" }],
    });
    expect(result.emails).toEqual([{ value: "x@example.com", type: "work", primary: true }]);
  });
});

describe("RFC 7644 §3.5.2 examples", () => {
  const bjensen = (): ScimUser => ({
    schemas: [USER],
    id: "2819c223-7f76-453a-919d-413861904646",
    userName: "bjensen",
    emails: [{ value: "bjensen@example.com", type: "work", primary: true }],
    addresses: [
      { type: "work", streetAddress: "100 Universal City Plaza", locality: "Hollywood", primary: true },
      { type: "home", streetAddress: "456 Hollywood Blvd", locality: "Hollywood" },
    ],
  });

  it("§3.5.2.1 path-less add appends to a multi-valued attribute and sets a single-valued one", () => {
    const result = patchUser(bjensen(), {
      op: "add",
      value: { emails: [{ value: "babs@jensen.org", type: "home" }], nickname: "Babs" },
    });
    expect(result.emails).toEqual([
      { value: "bjensen@example.com", type: "work", primary: true },
      { value: "babs@jensen.org", type: "home" },
    ]);
    expect(result.nickName).toBe("Babs");
    expect(result).not.toHaveProperty("nickname");
  });

  it("§3.5.2.1 add of members to a group", () => {
    const { memberOps } = patchGroup(group(), {
      op: "add",
      path: "members",
      value: [{ display: "Babs Jensen", $ref: "https://example.com/v2/Users/2819c223", value: "2819c223" }],
    });
    expect(memberOps).toEqual([{ kind: "add", ids: ["2819c223"] }]);
  });

  it("§3.5.2.2 removes the values a filter with and/ew selects", () => {
    const user = { ...bjensen(), emails: [...bjensen().emails!, { value: "b@other.org", type: "work" }] };
    const result = patchUser(user, { op: "remove", path: 'emails[type eq "work" and value ew "example.com"]' });
    expect(result.emails).toEqual([{ value: "b@other.org", type: "work" }]);
  });

  it("§3.5.2.2 removing the last value unassigns the attribute", () => {
    expect(patchUser(bjensen(), { op: "remove", path: 'emails[type eq "work"]' })).not.toHaveProperty("emails");
  });

  it("§3.5.2.2 removes a sub-attribute of the selected values", () => {
    const result = patchUser(bjensen(), { op: "remove", path: 'addresses[type eq "work"].locality' });
    expect(result.addresses?.[0]).toEqual({ type: "work", streetAddress: "100 Universal City Plaza", primary: true });
    expect(result.addresses?.[1]).toEqual(bjensen().addresses?.[1]);
  });

  it("§3.5.2.2 removes the manager and the extension with it", () => {
    const user = { ...bjensen(), schemas: [USER, ENTERPRISE], [ENTERPRISE]: { manager: { value: "m" } } };
    const result = patchUser(user, { op: "remove", path: `${ENTERPRISE}:manager` });
    expect(result).toEqual(bjensen());
  });

  it("§3.5.2.2 removes members by filter, all members, then adds", () => {
    const { memberOps } = patchGroup(
      group(),
      { op: "remove", path: 'members[value eq "2819c223-7f76-453a-919d-413861904646"]' },
      { op: "remove", path: "members" },
      { op: "add", path: "members", value: [{ value: "902c246b" }] },
    );
    expect(memberOps).toEqual([
      { kind: "remove", ids: ["2819c223-7f76-453a-919d-413861904646"] },
      { kind: "removeAll" },
      { kind: "add", ids: ["902c246b"] },
    ]);
  });

  it("§3.5.2.3 replaces a whole filtered value", () => {
    const replacement = { type: "work", streetAddress: "911 Universal City Plaza", locality: "Hollywood", primary: true };
    const result = patchUser(bjensen(), { op: "replace", path: 'addresses[type eq "work"]', value: replacement });
    expect(result.addresses).toEqual([replacement, bjensen().addresses?.[1]]);
  });

  it("§3.5.2.3 replaces a sub-attribute of a filtered value", () => {
    const result = patchUser(bjensen(), {
      op: "replace",
      path: 'addresses[type eq "work"].streetAddress',
      value: "1010 Broadway Ave",
    });
    expect(result.addresses?.[0]).toEqual({ ...bjensen().addresses?.[0], streetAddress: "1010 Broadway Ave" });
  });

  it("§3.5.2.3 path-less replace replaces a multi-valued attribute wholesale", () => {
    const emails = [
      { value: "bjensen@example.com", type: "work", primary: true },
      { value: "babs@jensen.org", type: "home" },
    ];
    const result = patchUser({ ...bjensen(), emails: [{ value: "old@x.org", type: "other" }] }, {
      op: "replace",
      value: { emails, nickname: "Babs" },
    });
    expect(result.emails).toEqual(emails);
    expect(result.nickName).toBe("Babs");
  });

  it("§3.5.2.3 replace of a complex attribute keeps the sub-attributes not given", () => {
    const user = { ...bjensen(), name: { givenName: "Barbara", familyName: "Jensen" } };
    expect(patchUser(user, { op: "replace", path: "name", value: { givenName: "Babs" } }).name).toEqual({
      givenName: "Babs",
      familyName: "Jensen",
    });
  });

  it("§3.5.2 setting a value primary clears primary on the others", () => {
    const result = patchUser(bjensen(), { op: "add", path: "emails", value: [{ value: "n@x.org", primary: "true" }] });
    expect(result.emails).toEqual([
      { value: "bjensen@example.com", type: "work", primary: false },
      { value: "n@x.org", primary: true },
    ]);
    const viaFilter = patchUser(bjensen(), { op: "replace", path: 'addresses[type eq "home"].primary', value: true });
    expect(viaFilter.addresses?.map((address) => address.primary)).toEqual([false, true]);
  });
});

describe("multi-valued and single-valued semantics", () => {
  it("add appends without duplicating identical values", () => {
    const user = { ...oktaUser(), emails: [{ value: "a@x.org", type: "work" }] };
    const result = patchUser(user, {
      op: "add",
      path: "emails",
      value: [{ value: "a@x.org", type: "work" }, { value: "b@x.org" }, { value: "b@x.org" }],
    });
    expect(result.emails).toEqual([{ value: "a@x.org", type: "work" }, { value: "b@x.org" }]);
  });

  it("add to a filtered value merges sub-attributes; add with a filter creates the described value", () => {
    const result = patchUser(oktaUser(), { op: "add", path: 'emails[type eq "work"]', value: { display: "Work" } });
    expect(result.emails).toEqual([{ ...oktaUser().emails![0], display: "Work" }]);
    const created = patchUser(oktaUser(), { op: "add", path: 'phoneNumbers[type eq "mobile"].value', value: "+1 555" });
    expect(created.phoneNumbers).toEqual([{ type: "mobile", value: "+1 555" }]);
  });

  it("remove with a value on a user's multi-valued attribute removes only those values", () => {
    const user = { ...oktaUser(), roles: [{ value: "admin" }, { value: "user" }] };
    expect(patchUser(user, { op: "remove", path: "roles", value: [{ value: "ADMIN" }] }).roles).toEqual([
      { value: "user" },
    ]);
  });

  it("sub-attribute path without filter applies to every value", () => {
    const user = { ...oktaUser(), emails: [{ value: "a@x.org" }, { value: "b@x.org" }] };
    expect(patchUser(user, { op: "replace", path: "emails.type", value: "work" }).emails).toEqual([
      { value: "a@x.org", type: "work" },
      { value: "b@x.org", type: "work" },
    ]);
  });

  it("remove of an absent attribute is a no-op", () => {
    expect(patchUser(oktaUser(), { op: "remove", path: "nickName" })).toEqual(oktaUser());
  });

  it("keeps attributes of unknown extensions as sent and lists the extension", () => {
    const custom = "urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User";
    const result = patchUser(oktaUser(), { op: "add", path: `${custom}:costCode`, value: { any: ["shape"] } });
    expect(result[custom]).toEqual({ costCode: { any: ["shape"] } });
    expect(result.schemas).toEqual([USER, custom]);
    const pathless = patchUser(result, { op: "replace", value: { [custom]: { badge: 7 } } });
    expect(pathless[custom]).toEqual({ costCode: { any: ["shape"] }, badge: 7 });
  });

  it("keeps sub-attribute values of unknown extensions as sent", () => {
    const custom = "urn:ietf:params:scim:schemas:extension:Custom:2.0:User";
    const result = patchUser(oktaUser(), { op: "add", path: `${custom}:badge.level`, value: 3 });
    expect(result[custom]).toEqual({ badge: { level: 3 } });
  });

  it("treats a key as a whole extension when the value's own schemas list it (full-resource bodies)", () => {
    const custom = "urn:example:params:scim:schemas:Custom";
    const result = patchUser(oktaUser(), { op: "replace", value: { schemas: [USER, custom], [custom]: { badge: "7" } } });
    expect(result[custom]).toEqual({ badge: "7" });
    expect(result.schemas).toEqual([USER, custom]);
  });
});

describe("case-insensitive names", () => {
  it("matches paths, filters and URNs in any case and writes canonical names", () => {
    const user: ScimUser = { ...oktaUser(), Name: { GivenName: "Test" }, name: undefined };
    delete user.name;
    const result = patchUser(
      user,
      { op: "replace", path: "NAME.FAMILYNAME", value: "Jensen" },
      { op: "replace", path: 'EMAILS[TYPE EQ "WORK"].VALUE', value: "new@x.org" },
      { op: "replace", path: `${ENTERPRISE.toUpperCase()}:DEPARTMENT`, value: "R&D" },
      { op: "replace", value: { DisplayName: "D", USERNAME: "u" } },
    );
    expect(result.name).toEqual({ GivenName: "Test", familyName: "Jensen" });
    expect(result).not.toHaveProperty("Name");
    expect(result.emails?.[0].value).toBe("new@x.org");
    expect(result[ENTERPRISE]).toEqual({ department: "R&D" });
    expect(result.displayName).toBe("D");
    expect(result.userName).toBe("u");
  });

  it("compares filter strings case-insensitively on both sides", () => {
    const user = { ...oktaUser(), emails: [{ type: "Work", value: "a@x.org" }] };
    expect(patchUser(user, { op: "replace", path: 'emails[type eq "wORK"].value', value: "b@x.org" }).emails).toEqual([
      { type: "Work", value: "b@x.org" },
    ]);
  });

  it("recognizes members and displayName in any case on groups", () => {
    const result = patchGroup(
      group(),
      { op: "replace", path: "DISPLAYNAME", value: "X" },
      { op: "remove", path: 'MEMBERS[VALUE EQ "a"]' },
      { op: "replace", value: { Members: [{ value: "b" }] } },
    );
    expect(result.resource.displayName).toBe("X");
    expect(result.memberOps).toEqual([
      { kind: "remove", ids: ["a"] },
      { kind: "replace", ids: ["b"] },
    ]);
  });
});

describe("groups", () => {
  it("returns the group without members and reads members from a path-less value", () => {
    const result = patchGroup(
      { ...group(), members: [{ value: "old" }] },
      { op: "add", value: { displayName: "New", members: [{ value: "x" }] } },
      { op: "replace", path: "externalId", value: "ext-1" },
      { op: "replace", path: "members", value: [] },
      { op: "add", path: "members", value: [] },
    );
    expect(result).toEqual({
      resource: { ...group(), displayName: "New", externalId: "ext-1" },
      memberOps: [{ kind: "add", ids: ["x"] }, { kind: "removeAll" }],
    });
  });

  it.each([
    ['members[value eq "x"].value', "replace"],
    ['members[value eq "x"]', "add"],
    ['members[value eq "x"]', "replace"],
    ['members[display eq "x"]', "remove"],
    ["members.value", "remove"],
  ])("rejects %s with op %s as InvalidPathError", (path, op) => {
    expect(() => patchGroup(group(), { op, path, value: [{ value: "y" }] })).toThrow(InvalidPathError);
  });

  it("accepts value eq … or value eq … to remove several members", () => {
    const { memberOps } = patchGroup(group(), { op: "remove", path: 'members[value eq "a" or value eq "b"]' });
    expect(memberOps).toEqual([{ kind: "remove", ids: ["a", "b"] }]);
  });

  it("rejects member entries without an id", () => {
    expect(() => patchGroup(group(), { op: "add", path: "members", value: [{ display: "x" }] })).toThrow(
      ValidationError,
    );
  });

  it("refuses to remove displayName", () => {
    expect(() => patchGroup(group(), { op: "remove", path: "displayName" })).toThrow(MutabilityError);
  });
});

describe("errors", () => {
  it.each(["id", "meta", "meta.created", "groups", "schemas", "manager.displayName"])(
    "an explicit path to readOnly %s is a MutabilityError",
    (path) => {
      expect(() => patchUser(entraUser(), { op: "replace", path, value: "x" })).toThrow(MutabilityError);
      expect(() => patchUser(entraUser(), { op: "remove", path })).toThrow(MutabilityError);
    },
  );

  it.each([
    { op: "remove", path: "userName" },
    { op: "replace", path: "userName", value: "" },
    { op: "replace", path: "userName", value: null },
    { op: "replace", value: { userName: "" } },
  ])("removing the required userName is a MutabilityError: %j", (operation) => {
    expect(() => patchUser(entraUser(), operation)).toThrow(MutabilityError);
  });

  it.each([
    'userName[value eq "x"]',
    'name[givenName eq "x"]',
    'active[value eq "x"]',
    `${ENTERPRISE}:manager[value eq "x"]`,
  ])("a filter on single-valued %s is an InvalidPathError", (path) => {
    expect(() => patchUser(entraUser(), { op: "replace", path, value: "x" })).toThrow(InvalidPathError);
  });

  it.each([
    "nosuch",
    "name.nosuch",
    "userName.x",
    `${ENTERPRISE}:nosuch`,
    `${USER}:manager`,
    "urn:ietf:params:scim:schemas:core:2.0:Group:displayName",
    'emails[nosuch eq "x"].value',
  ])("%s names no attribute: InvalidPathError", (path) => {
    expect(() => patchUser(entraUser(), { op: "add", path, value: "x" })).toThrow(InvalidPathError);
  });

  it("unknown keys of a path-less value are InvalidPathError", () => {
    expect(() => patchUser(entraUser(), { op: "replace", value: { nosuch: 1 } })).toThrow(InvalidPathError);
    expect(() => patchUser(entraUser(), { op: "replace", value: { "bad key": 1 } })).toThrow(InvalidPathError);
  });

  it("remove with a filter that matches nothing is a NoTargetError", () => {
    expect(() => patchUser(entraUser(), { op: "remove", path: 'emails[type eq "home"]' })).toThrow(NoTargetError);
    expect(() => patchUser(oktaUser(), { op: "remove", path: 'phoneNumbers[type eq "home"].value' })).toThrow(
      NoTargetError,
    );
  });

  it("add/replace with a filter that matches nothing and describes no value is a NoTargetError", () => {
    expect(() =>
      patchUser(entraUser(), { op: "replace", path: 'emails[type ne "work"].value', value: "x@y.z" }),
    ).toThrow(NoTargetError);
  });

  it.each([
    ["active", "yes"],
    ["active", 1],
    ["userName", { a: 1 }],
    ["displayName", true],
    ["name", "just a string"],
    ["emails", ["not an object"]],
    ["manager", [{ value: "a" }, { value: "b" }]],
  ])("a value of the wrong type for %s is a ValidationError", (path, value) => {
    expect(() => patchUser(entraUser(), { op: "replace", path, value })).toThrow(ValidationError);
  });

  it("a path-less add/replace whose value is not an object is an InvalidSyntaxError", () => {
    expect(() => patchUser(entraUser(), { op: "replace", value: "x" })).toThrow(InvalidSyntaxError);
    expect(() => patchGroup(group(), { op: "add", value: [1] })).toThrow(InvalidSyntaxError);
  });
});

describe("atomicity", () => {
  it("a failing operation leaves the input unchanged and applies nothing", () => {
    const user = entraUser();
    const before = structuredClone(user);
    const operations = ops(
      { op: "replace", path: "displayName", value: "Changed" },
      { op: "add", path: "emails", value: [{ value: "n@x.org" }] },
      { op: "remove", path: 'emails[type eq "nosuch"]' },
    );
    expect(() => applyUserPatch(user, operations)).toThrow(NoTargetError);
    expect(user).toEqual(before);
  });

  it("returns a new object and never shares nested objects with the input", () => {
    const user = entraUser();
    const result = applyUserPatch(user, ops({ op: "replace", path: "name.givenName", value: "X" }));
    expect(result).not.toBe(user);
    expect(result.name).not.toBe(user.name);
    expect(user.name?.givenName).toBe("givenName");
  });
});

describe("properties", () => {
  const simpleAttributes = ["displayName", "nickName", "title", "externalId", "locale", "userName", "name.givenName"];
  const anyCase = (name: string) =>
    fc
      .array(fc.boolean(), { minLength: name.length, maxLength: name.length })
      .map((upper) => [...name].map((char, index) => (upper[index] ? char.toUpperCase() : char.toLowerCase())).join(""));
  const read = (user: ScimUser, path: string) =>
    path.split(".").reduce<unknown>((value, key) => (value as Record<string, unknown>)?.[key], user);
  const nonEmpty = fc.string({ minLength: 1 });

  it("replace then read returns the value, whatever the case of the path", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...simpleAttributes).chain((name) => fc.tuple(fc.constant(name), anyCase(name))),
        nonEmpty,
        fc.constantFrom("add", "replace", "Replace"),
        ([name, spelled], value, op) => {
          const result = patchUser(entraUser(), { op, path: spelled, value });
          expect(read(result, name)).toBe(value);
        },
      ),
    );
  });

  it("a filtered replace leaves exactly the matching values with the new value and others untouched", () => {
    const email = fc.record({ type: fc.constantFrom("work", "home", "other"), value: nonEmpty });
    fc.assert(
      fc.property(fc.array(email, { maxLength: 5 }), fc.constantFrom("work", "home"), nonEmpty, (emails, type, value) => {
        const user = { ...oktaUser(), emails };
        const result = patchUser(user, { op: "replace", path: `emails[type eq "${type}"].value`, value });
        const matching = (result.emails ?? []).filter((item) => item.type === type);
        expect(matching.length).toBeGreaterThan(0);
        expect(matching.every((item) => item.value === value)).toBe(true);
        const others = (result.emails ?? []).filter((item) => item.type !== type);
        const uniqueOthers = emails.filter(
          (item, index) =>
            item.type !== type &&
            emails.findIndex((other) => other.type === item.type && other.value === item.value) === index,
        );
        expect(others).toEqual(uniqueOthers);
      }),
    );
  });

  it("any failing batch leaves the input unchanged", () => {
    const valid: unknown[] = [
      { op: "replace", path: "displayName", value: "x" },
      { op: "add", path: "emails", value: [{ value: "a@b.c", type: "home" }] },
      { op: "remove", path: "name.givenName" },
      { op: "replace", value: { active: "False" } },
    ];
    const failing: unknown[] = [
      { op: "remove", path: "userName" },
      { op: "replace", path: "id", value: "x" },
      { op: "remove", path: 'emails[type eq "none"]' },
      { op: "replace", path: "active", value: "maybe" },
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...valid), { maxLength: 4 }),
        fc.constantFrom(...failing),
        fc.array(fc.constantFrom(...valid), { maxLength: 4 }),
        (before, bad, after) => {
          const user = entraUser();
          const operations: PatchOperation[] = ops(...before, bad, ...after);
          expect(() => applyUserPatch(user, operations)).toThrow();
          expect(user).toEqual(entraUser());
        },
      ),
    );
  });

  it("member adds yield the ids in first-seen order without duplicates", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("a", "b", "c", "d"), { minLength: 1 }), (ids) => {
        const { memberOps } = patchGroup(group(), {
          op: "add",
          path: "members",
          value: ids.map((value) => ({ value })),
        });
        expect(memberOps).toEqual([{ kind: "add", ids: [...new Set(ids)] }]);
      }),
    );
  });
});
