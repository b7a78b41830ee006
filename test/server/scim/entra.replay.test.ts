import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { useTestApp } from "../../support/app.js";
import { describeEachDatabase } from "../../support/databases.js";
import {
  ENTERPRISE_SCHEMA,
  ERROR_SCHEMA,
  GROUP_SCHEMA,
  LIST_SCHEMA,
  PATCH_SCHEMA,
  USER_SCHEMA,
  newDirectory,
  type ScimClient,
} from "../../support/scim.js";

/**
 * Microsoft Entra ID's documented requests (shared/docs/idp-requests.md,
 * E1–E7) and the extra bodies of Microsoft's reference Postman collection,
 * sent to an AZURE_SCIM_V2 directory as Entra sends them (application/scim+json),
 * asserting the documented responses and checking the end state with GET.
 */

/** E2's first create body, verbatim. */
const TEST_USER = {
  schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
  externalId: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
  userName: "Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee",
  active: true,
  emails: [{ primary: true, type: "work", value: "Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com" }],
  meta: { resourceType: "User" },
  name: { formatted: "givenName familyName", familyName: "familyName", givenName: "givenName" },
  roles: [],
};

/** E2's older body: the typo'd extension URN and enterprise attributes at the top level, as nulls. */
const JOY_YOUNG = {
  schemas: [USER_SCHEMA, "urn:ietf:params:scim:schemas:extension:enterprise:2.0User"],
  externalId: "jyoung",
  userName: "jyoung@testuser.com",
  active: true,
  addresses: null,
  displayName: "Joy Young",
  emails: [{ type: "work", value: "jyoung@Contoso.com", primary: true }],
  meta: { resourceType: "User" },
  name: { familyName: "Young", givenName: "Joy" },
  phoneNumbers: null,
  preferredLanguage: null,
  title: null,
  department: null,
  manager: null,
};

/** E6's create body, verbatim. */
const TEST_GROUP = {
  schemas: [GROUP_SCHEMA, "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
  externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
  displayName: "displayName",
  meta: { resourceType: "Group" },
};

const filter = (expression: string) => `filter=${encodeURIComponent(expression)}`;

/** Every null anywhere in a JSON value, by path: Entra asks for absent values to be left out. */
function nullPaths(value: unknown, path = "$"): string[] {
  if (value === null) return [path];
  if (typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, item]) => nullPaths(item, `${path}.${key}`));
}

async function createUser(scim: ScimClient, body: object) {
  const created = await scim.post("/Users", body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: string };
}

async function read(scim: ScimClient, path: string) {
  const response = await scim.get(path);
  expect(response.status).toBe(200);
  return response.body;
}

async function memberIds(scim: ScimClient, groupId: string): Promise<string[]> {
  const group = await read(scim, `/Groups/${groupId}`);
  return (group.members ?? []).map((member: { value: string }) => member.value).sort();
}

/** A PATCH as Entra sends it; Entra expects 204 No Content. */
async function patch(scim: ScimClient, path: string, operations: unknown[]) {
  const response = await scim.patch(path, operations);
  expect(response.status, JSON.stringify(response.body)).toBe(204);
}

describeEachDatabase("Entra ID request replay", (kind) => {
  const t = useTestApp(kind);

  it("E1: the connection test filters on a random GUID and gets 200 with an empty ListResponse", async () => {
    const scim = await newDirectory(t, "AZURE_SCIM_V2");
    const response = await scim.get(`/Users?${filter(`userName eq "${randomUUID()}"`)}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ schemas: [LIST_SCHEMA], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });
  });

  it("E2: creates both documented users, the older one with its typo'd URN and top-level nulls", async () => {
    const scim = await newDirectory(t, "AZURE_SCIM_V2");
    const user = await createUser(scim, TEST_USER);
    const stored = await read(scim, `/Users/${user.id}`);
    const { meta: _meta, roles: _roles, schemas: _schemas, ...expected } = TEST_USER;
    expect(stored).toMatchObject(expected);
    expect(nullPaths(stored)).toEqual([]);

    const joy = await createUser(scim, JOY_YOUNG);
    const storedJoy = await read(scim, `/Users/${joy.id}`);
    expect(storedJoy).toMatchObject({
      externalId: "jyoung",
      userName: "jyoung@testuser.com",
      active: true,
      displayName: "Joy Young",
      emails: [{ type: "work", value: "jyoung@Contoso.com", primary: true }],
      name: { familyName: "Young", givenName: "Joy" },
    });
    expect(nullPaths(storedJoy)).toEqual([]);
  });

  it("E3: gets a user by id; a missing id is 404 with the error schema and status", async () => {
    const scim = await newDirectory(t, "AZURE_SCIM_V2");
    const user = await createUser(scim, TEST_USER);
    expect((await read(scim, `/Users/${user.id}`)).id).toBe(user.id);
    const missing = await scim.get("/Users/5171a35d82074e068ce2");
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: "404" });
  });

  it("E4: answers Entra's filter queries, excludedAttributes=members and the manager reference check", async () => {
    const scim = await newDirectory(t, "AZURE_SCIM_V2");
    const user = await createUser(scim, TEST_USER);
    const joy = await createUser(scim, JOY_YOUNG);
    const ids = async (query: string) => (await read(scim, `/Users?${query}`)).Resources.map((r: { id: string }) => r.id);

    expect(await ids(filter(`userName eq "${TEST_USER.userName}"`))).toEqual([user.id]);
    const none = await read(scim, `/Users?${filter('userName eq "non-existent user"')}`);
    expect(none).toMatchObject({ schemas: [LIST_SCHEMA], totalResults: 0, Resources: [] });
    expect(await ids(filter("externalId eq jyoung"))).toEqual([joy.id]);
    expect(await ids(filter('emails[type eq "work"].value eq "jyoung@contoso.com"'))).toEqual([joy.id]);

    await patch(scim, `/Users/${joy.id}`, [{ op: "Add", path: "manager", value: [{ $ref: null, value: user.id }] }]);
    const managed = await read(scim, `/Users?${filter(`id eq ${joy.id} and manager eq ${user.id}`)}&attributes=id`);
    expect(managed.totalResults).toBe(1);
    expect(managed.Resources[0]).toEqual({ schemas: expect.any(Array), id: joy.id, meta: { resourceType: "User" } });

    const group = await scim.post("/Groups", { ...TEST_GROUP, members: [{ value: user.id }] });
    const groups = await read(scim, `/Groups?excludedAttributes=members&${filter('displayName eq "displayName"')}`);
    expect(groups).toMatchObject({ schemas: [LIST_SCHEMA], totalResults: 1, Resources: [{ id: group.body.id }] });
    expect(groups.Resources[0]).not.toHaveProperty("members");
    const one = await read(scim, `/Groups/${group.body.id}?excludedAttributes=members`);
    expect(one).toMatchObject({ id: group.body.id, displayName: "displayName" });
    expect(one).not.toHaveProperty("members");
  });

  it("E5: applies each documented user PATCH form with 204, then DELETE with 204", async () => {
    const scim = await newDirectory(t, "AZURE_SCIM_V2");
    const user = await createUser(scim, TEST_USER);
    const manager = await createUser(scim, { ...TEST_USER, userName: "manager@testuser.com", externalId: "manager" });
    const path = `/Users/${user.id}`;
    const enterprise = async () => (await read(scim, path))[ENTERPRISE_SCHEMA];

    // (a) a multi-valued filter path and a nested path, capitalised op.
    await patch(scim, path, [
      { op: "Replace", path: 'emails[type eq "work"].value', value: "updatedEmail@microsoft.com" },
      { op: "Replace", path: "name.familyName", value: "updatedFamilyName" },
    ]);
    expect(await read(scim, path)).toMatchObject({
      emails: [{ type: "work", value: "updatedEmail@microsoft.com" }],
      name: { familyName: "updatedFamilyName", givenName: "givenName" },
    });

    // (b) a single-valued attribute.
    await patch(scim, path, [{ op: "Replace", path: "userName", value: "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com" }]);
    expect((await read(scim, path)).userName).toBe("5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com");

    // (c) disable, with Operations before schemas.
    const disable = await scim.request("PATCH", path, {
      Operations: [{ op: "Replace", path: "active", value: false }],
      schemas: [PATCH_SCHEMA],
    });
    expect(disable.status).toBe(204);
    expect((await read(scim, path)).active).toBe(false);

    // (d) disable with the string "False" (no aadOptscim062020 flag) and with a boolean (flag).
    await patch(scim, path, [{ op: "Replace", path: "active", value: "True" }]);
    expect((await read(scim, path)).active).toBe(true);
    await patch(scim, path, [{ op: "Replace", path: "active", value: "False" }]);
    expect((await read(scim, path)).active).toBe(false);
    await patch(scim, path, [{ op: "replace", path: "active", value: true }]);
    await patch(scim, path, [{ op: "replace", path: "active", value: false }]);
    expect((await read(scim, path)).active).toBe(false);

    // (e) add a single-valued string, without and with the flag.
    await patch(scim, path, [{ op: "Add", path: "nickName", value: "Babs" }]);
    expect((await read(scim, path)).nickName).toBe("Babs");
    await patch(scim, path, [{ op: "add", path: "nickName", value: "Barbara" }]);
    expect((await read(scim, path)).nickName).toBe("Barbara");

    // (f) many attributes: six paths without the flag, then a path-less value with dotted and URN keys with it.
    await patch(scim, path, [
      { op: "Replace", path: "displayName", value: "Before" },
      { op: "Replace", path: 'emails[type eq "work"].value', value: "before@test.microsoft.com" },
      { op: "Replace", path: "name.givenName", value: "BeforeGiven" },
      { op: "Replace", path: "name.familyName", value: "BeforeFamily" },
      { op: "Replace", path: "externalId", value: "before-external" },
      { op: "Replace", path: `${ENTERPRISE_SCHEMA}:employeeNumber`, value: "B1" },
    ]);
    expect(await read(scim, path)).toMatchObject({
      displayName: "Before",
      emails: [{ type: "work", value: "before@test.microsoft.com" }],
      name: { givenName: "BeforeGiven", familyName: "BeforeFamily" },
      externalId: "before-external",
      [ENTERPRISE_SCHEMA]: { employeeNumber: "B1" },
    });
    await patch(scim, path, [
      { op: "replace", path: 'emails[type eq "work"].value', value: "TestMhvaes@test.microsoft.com" },
      {
        op: "replace",
        value: {
          displayName: "Bjfe",
          "name.givenName": "Kkom",
          "name.familyName": "Unua",
          [`${ENTERPRISE_SCHEMA}:employeeNumber`]: "Aklq",
        },
      },
    ]);
    expect(await read(scim, path)).toMatchObject({
      displayName: "Bjfe",
      emails: [{ type: "work", value: "TestMhvaes@test.microsoft.com" }],
      name: { givenName: "Kkom", familyName: "Unua" },
      externalId: "before-external",
      [ENTERPRISE_SCHEMA]: { employeeNumber: "Aklq" },
    });

    // (g) the manager, as an array of {$ref, value} under the plain path "manager".
    await patch(scim, path, [
      {
        op: "Add",
        path: "manager",
        value: [{ $ref: `${scim.baseUrl}/Users/${manager.id}`, value: manager.id }],
      },
    ]);
    expect((await enterprise()).manager).toMatchObject({ value: manager.id });

    // (h) the enterprise extension URN as a key of a path-less value.
    await patch(scim, path, [{ op: "Replace", value: { [ENTERPRISE_SCHEMA]: { department: "Sales" } } }]);
    expect(await enterprise()).toMatchObject({ department: "Sales", employeeNumber: "Aklq" });

    const deleted = await scim.delete(path);
    expect(deleted.status).toBe(204);
    expect((await scim.get(path)).status).toBe(404);
    expect((await scim.get(`/Users/${manager.id}`)).status).toBe(200);
  });

  it("E6: creates a group with no members key, renames it and changes members with 204s, deletes it", async () => {
    const scim = await newDirectory(t, "AZURE_SCIM_V2");
    const [a, b, c] = [
      await createUser(scim, { ...TEST_USER, userName: "a@testuser.com", externalId: "a" }),
      await createUser(scim, { ...TEST_USER, userName: "b@testuser.com", externalId: "b" }),
      await createUser(scim, { ...TEST_USER, userName: "c@testuser.com", externalId: "c" }),
    ];
    const created = await scim.post("/Groups", TEST_GROUP);
    expect(created.status).toBe(201);
    const path = `/Groups/${created.body.id}`;
    // "Groups are created with an empty members list."
    expect(await memberIds(scim, created.body.id)).toEqual([]);

    const newName = "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName";
    await patch(scim, path, [{ op: "Replace", path: "displayName", value: newName }]);
    expect((await read(scim, path)).displayName).toBe(newName);

    // Several members in one PATCH (the gallery checklist), with $ref null as Entra sends it.
    await patch(scim, path, [
      { op: "Add", path: "members", value: [{ $ref: null, value: a.id }, { $ref: null, value: b.id }] },
    ]);
    expect(await memberIds(scim, created.body.id)).toEqual([a.id, b.id].sort());
    await patch(scim, path, [{ op: "Add", path: "members", value: [{ $ref: null, value: c.id }] }]);

    // Remove without the flag: a value list, with and without $ref.
    await patch(scim, path, [{ op: "Remove", path: "members", value: [{ $ref: null, value: a.id }] }]);
    await patch(scim, path, [{ op: "Remove", path: "members", value: [{ value: b.id }] }]);
    expect(await memberIds(scim, created.body.id)).toEqual([c.id]);
    // Remove with the flag: a value filter.
    await patch(scim, path, [{ op: "remove", path: `members[value eq "${c.id}"]` }]);
    expect(await memberIds(scim, created.body.id)).toEqual([]);

    expect((await scim.delete(path)).status).toBe(204);
    expect((await scim.get(path)).status).toBe(404);
  });

  it("E7: publishes User, Group and EnterpriseUser schemas with camelCase values and no nulls", async () => {
    const scim = await newDirectory(t, "AZURE_SCIM_V2");
    const schemas = await read(scim, "/Schemas");
    expect(schemas.schemas).toEqual([LIST_SCHEMA]);
    const byId = new Map(schemas.Resources.map((schema: { id: string }) => [schema.id, schema]));
    expect([...byId.keys()]).toEqual(expect.arrayContaining([USER_SCHEMA, GROUP_SCHEMA, ENTERPRISE_SCHEMA]));
    expect(byId.get(USER_SCHEMA)).toMatchObject({ description: "User Account" });
    expect(nullPaths(schemas)).toEqual([]);

    const attributes = (list: any[]): any[] => list.flatMap((a) => [a, ...attributes(a.subAttributes ?? [])]);
    for (const attribute of schemas.Resources.flatMap((schema: any) => attributes(schema.attributes))) {
      expect(["readOnly", "readWrite", "immutable", "writeOnly"]).toContain(attribute.mutability);
      expect(["always", "never", "default", "request"]).toContain(attribute.returned);
      expect(["none", "server", "global"]).toContain(attribute.uniqueness);
    }
  });

  it("replays the reference collection's user bodies: capitalised sub-attributes, string booleans, odd filters", async () => {
    const scim = await newDirectory(t, "AZURE_SCIM_V2");
    const bob = await createUser(scim, {
      userName: "UserName123",
      active: true,
      displayName: "BobIsAmazing",
      schemas: [USER_SCHEMA],
      externalId: "${__UUID}",
      name: { formatted: "Ryan Leenay", familyName: "Leenay", givenName: "Ryan" },
      emails: [
        { Primary: true, type: "work", value: "testing@bob.com" },
        { Primary: false, type: "home", value: "testinghome@bob.com" },
      ],
    });
    expect((await read(scim, `/Users/${bob.id}`)).emails).toEqual([
      { primary: true, type: "work", value: "testing@bob.com" },
      { primary: false, type: "home", value: "testinghome@bob.com" },
    ]);

    const andrew = await createUser(scim, {
      userName: "UserName222",
      active: true,
      displayName: "lennay",
      schemas: [ENTERPRISE_SCHEMA, USER_SCHEMA],
      externalId: "${__UUID}",
      name: { formatted: "Adrew Ryan", familyName: "Ryan", givenName: "Andrew" },
      [ENTERPRISE_SCHEMA]: { Department: "bob", Manager: { Value: "SuzzyQ" } },
    });
    expect((await read(scim, `/Users/${andrew.id}`))[ENTERPRISE_SCHEMA]).toEqual({
      department: "bob",
      manager: { value: "SuzzyQ" },
    });

    // The same literal externalId twice is accepted: Entra's externalId is not unique in Roster.
    const emp1 = await createUser(scim, {
      userName: "emp1",
      active: "True",
      schemas: [USER_SCHEMA],
      externalId: "22fbc523-6032-4c5f-939d-5d4850cf3e52",
      name: { familyName: "Employee", givenName: "One" },
      emails: [{ type: "work", primary: true, value: "emp1@example.com" }],
    });
    const stored = await read(scim, `/Users/${emp1.id}`);
    expect(stored.active).toBe(true);
    const emp2 = await createUser(scim, {
      userName: "OMalley",
      schemas: [USER_SCHEMA],
      externalId: "22fbc523-6032-4c5f-939d-5d4850cf3e52",
      name: { familyName: "Employee", givenName: "Two" },
      emails: [{ type: "work", primary: true, value: "omalley@example.org" }],
    });

    const ids = async (query: string) =>
      (await read(scim, `/Users${query}`)).Resources.map((r: { id: string }) => r.id).sort();
    expect(await ids("/?filter=DisplayName+eq+%22BobIsAmazing%22")).toEqual([bob.id]);
    expect(
      await ids(`?${filter("name.FamilyName eq Employee and (emails.Value co example.com or emails.Value co example.org)")}`),
    ).toEqual([emp1.id, emp2.id].sort());
    expect(await ids(`?${filter("userName sw O")}`)).toEqual([emp2.id]);
    expect(await ids(`?${filter("meta.Created gt 2015-10-10T14:38:21.8617979-07:00")}`)).toHaveLength(4);

    // attributes with a value filter returns only the matching values.
    const work = await read(scim, `/Users?attributes=${encodeURIComponent('emails[type eq "work"]')}&${filter('userName eq "UserName123"')}`);
    expect(work.Resources[0].emails).toEqual([{ primary: true, type: "work", value: "testing@bob.com" }]);
    expect(work.Resources[0]).not.toHaveProperty("userName");

    await patch(scim, `/Users/${emp2.id}`, [{ op: "Replace", path: "userName", value: "newusername" }]);
    await patch(scim, `/Users/${emp2.id}`, [{ op: "Replace", path: "active", value: false }]);
    expect(await read(scim, `/Users/${emp2.id}`)).toMatchObject({ userName: "newusername", active: false });
  });

  it("replays the reference collection's group bodies: an extra operation key, removals, a string member", async () => {
    const scim = await newDirectory(t, "AZURE_SCIM_V2");
    const a = await createUser(scim, { ...TEST_USER, userName: "a@testuser.com", externalId: "a" });
    const b = await createUser(scim, { ...TEST_USER, userName: "b@testuser.com", externalId: "b" });
    const created = await scim.post("/Groups", {
      externalId: "${__UUID}",
      schemas: [GROUP_SCHEMA],
      displayName: "Group1DisplayName",
      members: [],
    });
    expect(created.status).toBe(201);
    const path = `/Groups/${created.body.id}`;

    const addMember = (id: string) => ({ name: "addMember", op: "add", path: "members", value: [{ displayName: "new User", value: id }] });
    await patch(scim, path, [addMember(a.id)]);
    await patch(scim, path, [addMember(b.id)]);
    expect(await memberIds(scim, created.body.id)).toEqual([a.id, b.id].sort());
    await patch(scim, path, [{ op: "remove", path: `members[value eq "${a.id}"]` }]);
    expect(await memberIds(scim, created.body.id)).toEqual([b.id]);
    await patch(scim, path, [{ op: "remove", path: "members" }]);
    expect(await memberIds(scim, created.body.id)).toEqual([]);

    // Not RFC 7644 (a string, not a list of members), yet the collection expects 204; no member is added.
    const garbage = await scim.request("PATCH", path, {
      id: created.body.id,
      Operations: [{ op: "add", path: "members", value: "string id 1" }],
      schemas: [PATCH_SCHEMA],
    });
    expect(garbage.status).toBe(204);
    expect(await memberIds(scim, created.body.id)).toEqual([]);

    const put = await scim.put(path, {
      id: created.body.id,
      displayName: "Tiffany Ortiz",
      externalId: "6c6b54c2-fa81-4234-ad4f-420ec6808049",
      schemas: [GROUP_SCHEMA],
    });
    expect(put.status).toBe(200);
    expect(await read(scim, path)).toMatchObject({ displayName: "Tiffany Ortiz", externalId: "6c6b54c2-fa81-4234-ad4f-420ec6808049" });
  });
});
