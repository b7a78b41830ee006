import { expect, it } from "vitest";
import { useTestApp } from "../../support/app.js";
import { describeEachDatabase } from "../../support/databases.js";
import { ERROR_SCHEMA, GROUP_SCHEMA, LIST_SCHEMA, PATCH_SCHEMA, USER_SCHEMA, newDirectory, type ScimClient } from "../../support/scim.js";

/**
 * Okta's documented requests (shared/docs/idp-requests.md, O1–O9), sent with
 * the headers Okta sends, asserting the documented responses and checking
 * the end state with GET.
 */

const OKTA_HEADERS = {
  accept: "application/scim+json",
  "accept-charset": "utf-8",
  "user-agent": "Okta SCIM Client 1.0.0",
};
const OKTA_BODY_HEADERS = { ...OKTA_HEADERS, "content-type": "application/scim+json; charset=utf-8" };

/** Okta's calls to one directory. */
function okta(scim: ScimClient) {
  return {
    get: (path: string) => scim.request("GET", path, undefined, OKTA_HEADERS),
    send: (method: string, path: string, body: unknown) => scim.request(method, path, body, OKTA_BODY_HEADERS),
    delete: (path: string) => scim.request("DELETE", path, undefined, OKTA_HEADERS),
  };
}

/** O3's create body, verbatim. */
const TEST_USER = {
  schemas: [USER_SCHEMA],
  userName: "test.user@okta.local",
  name: { givenName: "Test", familyName: "User" },
  emails: [{ primary: true, value: "test.user@okta.local", type: "work" }],
  displayName: "Test User",
  locale: "en-US",
  externalId: "00ujl29u0le5T6Aj10h7",
  groups: [],
  password: "1mz050nq",
  active: true,
};

const EMPTY_LIST = { schemas: [LIST_SCHEMA], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] };

async function memberIds(client: ReturnType<typeof okta>, groupId: string): Promise<string[]> {
  const group = await client.get(`/Groups/${groupId}`);
  expect(group.status).toBe(200);
  return (group.body.members ?? []).map((member: { value: string }) => member.value).sort();
}

describeEachDatabase("Okta request replay", (kind) => {
  const t = useTestApp(kind);

  it("O1: the test call on save (GET /Users with startIndex and count, no attributes) answers a ListResponse", async () => {
    const client = okta(await newDirectory(t));
    for (const query of ["?startIndex=1&count=100", "?count=1&startIndex=1"]) {
      const response = await client.get(`/Users${query}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^application\/scim\+json/);
      expect(response.body).toEqual(EMPTY_LIST);
    }
  });

  it("O2: the lookup before create answers the documented empty ListResponse", async () => {
    const client = okta(await newDirectory(t));
    const response = await client.get("/Users?filter=userName%20eq%20%22test.user%40okta.local%22&startIndex=1&count=100");
    expect(response.status).toBe(200);
    expect(response.body).toEqual(EMPTY_LIST);
  });

  it("O3: creates the documented user (password and groups accepted, password never returned); a duplicate is 409", async () => {
    const client = okta(await newDirectory(t));
    const created = await client.send("POST", "/Users", TEST_USER);
    expect(created.status).toBe(201);
    expect(created.body.id).toEqual(expect.any(String));
    const { password: _password, groups: _groups, ...expected } = TEST_USER;
    expect(created.body).toMatchObject(expected);
    expect(created.body).not.toHaveProperty("password");

    const duplicate = await client.send("POST", "/Users", TEST_USER);
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: "409", detail: expect.stringMatching(/\S/) });

    const lookup = await client.get("/Users?filter=userName%20eq%20%22test.user%40okta.local%22&startIndex=1&count=100");
    expect(lookup.body.totalResults).toBe(1);
    const read = await client.get(`/Users/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject(expected);
    expect(read.body).not.toHaveProperty("password");
  });

  it("O4: imports users page by page (startIndex + count, stable order) and reads one by id", async () => {
    const client = okta(await newDirectory(t));
    const ids: string[] = [];
    for (const n of [1, 2, 3, 4, 5]) {
      const created = await client.send("POST", "/Users", { ...TEST_USER, userName: `user${n}@okta.local`, externalId: `ext${n}` });
      ids.push(created.body.id);
    }
    const seen: string[] = [];
    for (const startIndex of [1, 3, 5]) {
      const page = await client.get(`/Users?startIndex=${startIndex}&count=2`);
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ totalResults: 5, startIndex, itemsPerPage: startIndex === 5 ? 1 : 2 });
      seen.push(...page.body.Resources.map((user: { id: string }) => user.id));
    }
    expect(seen.slice().sort()).toEqual(ids.slice().sort());

    const all = await client.get("/Users?startIndex=1&count=100");
    expect(all.body.Resources.map((user: { id: string }) => user.id)).toEqual(seen);
    const one = await client.get(`/Users/${ids[2]}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: ids[2], userName: "user3@okta.local" });
  });

  it("O5: updates a user by GET then a full PUT that echoes id, groups and meta", async () => {
    const client = okta(await newDirectory(t));
    const { body: user } = await client.send("POST", "/Users", TEST_USER);
    expect((await client.get(`/Users/${user.id}`)).status).toBe(200);

    const replacement = {
      schemas: [USER_SCHEMA],
      id: user.id,
      userName: "test.user@okta.local",
      name: { givenName: "Another", middleName: "Excited", familyName: "User" },
      emails: [{ primary: true, value: "test.user@okta.local", type: "work", display: "test.user@okta.local" }],
      active: true,
      groups: [],
      meta: { resourceType: "User" },
    };
    const replaced = await client.send("PUT", `/Users/${user.id}`, replacement);
    expect(replaced.status).toBe(200);
    const { groups: _groups, meta: _meta, ...expected } = replacement;
    expect(replaced.body).toMatchObject(expected);

    const read = await client.get(`/Users/${user.id}`);
    expect(read.body).toMatchObject(expected);
    // PUT replaces: what the body leaves out is gone.
    expect(read.body).not.toHaveProperty("displayName");
    expect(read.body).not.toHaveProperty("locale");
  });

  it("O6: deactivates with a path-less PATCH and reactivates the same way", async () => {
    const client = okta(await newDirectory(t));
    const { body: user } = await client.send("POST", "/Users", TEST_USER);
    const deactivate = { schemas: [PATCH_SCHEMA], Operations: [{ op: "replace", value: { active: false } }] };
    const deactivated = await client.send("PATCH", `/Users/${user.id}`, deactivate);
    expect(deactivated.status).toBe(200);
    expect(deactivated.body).toMatchObject({ id: user.id, active: false });
    expect((await client.get(`/Users/${user.id}`)).body.active).toBe(false);
    // Okta never deletes: a deactivated user is still listed.
    expect((await client.get("/Users?startIndex=1&count=100")).body.totalResults).toBe(1);

    const reactivate = { schemas: [PATCH_SCHEMA], Operations: [{ op: "replace", value: { active: true } }] };
    expect((await client.send("PATCH", `/Users/${user.id}`, reactivate)).body.active).toBe(true);
    expect((await client.get(`/Users/${user.id}`)).body).toMatchObject({ active: true, userName: TEST_USER.userName });
  });

  it("O7: pushes a group, then finds it by displayName, in the list and by id", async () => {
    const client = okta(await newDirectory(t));
    const created = await client.send("POST", "/Groups", { schemas: [GROUP_SCHEMA], displayName: "Test SCIMv2", members: [] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), displayName: "Test SCIMv2" });

    const lookup = await client.get("/Groups?filter=displayName%20eq%20%22Test%20SCIMv2%22&startIndex=1&count=100");
    expect(lookup.status).toBe(200);
    expect(lookup.body).toMatchObject({ schemas: [LIST_SCHEMA], totalResults: 1, Resources: [{ id: created.body.id }] });
    const list = await client.get("/Groups?startIndex=1&count=100");
    expect(list.body.Resources.map((group: { id: string }) => group.id)).toEqual([created.body.id]);
    const read = await client.get(`/Groups/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: created.body.id, displayName: "Test SCIMv2" });
  });

  it("O8: a path-less rename whose value carries the id is idempotent and keeps members; AIW apps PUT the group", async () => {
    const client = okta(await newDirectory(t));
    const { body: user } = await client.send("POST", "/Users", TEST_USER);
    const { body: group } = await client.send("POST", "/Groups", {
      schemas: [GROUP_SCHEMA],
      displayName: "Test SCIMv2",
      members: [{ value: user.id, display: "test.user@okta.local" }],
    });
    const rename = {
      schemas: [PATCH_SCHEMA],
      Operations: [{ op: "replace", value: { id: group.id, displayName: "Test SCIMv2" } }],
    };
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const renamed = await client.send("PATCH", `/Groups/${group.id}`, rename);
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ id: group.id, displayName: "Test SCIMv2" });
    }
    expect(await memberIds(client, group.id)).toEqual([user.id]);

    const { body: other } = await client.send("POST", "/Users", { ...TEST_USER, userName: "other@okta.local", externalId: "other" });
    const put = await client.send("PUT", `/Groups/${group.id}`, {
      schemas: [GROUP_SCHEMA],
      displayName: "Test SCIMv2",
      members: [{ value: other.id, display: "other@okta.local" }],
    });
    expect(put.status).toBe(200);
    expect(await memberIds(client, group.id)).toEqual([other.id]);
  });

  it("O9: adds and removes members in one PATCH, pushes the full member list, deletes the group", async () => {
    const client = okta(await newDirectory(t));
    const { body: a } = await client.send("POST", "/Users", TEST_USER);
    const { body: b } = await client.send("POST", "/Users", { ...TEST_USER, userName: "b@okta.local", externalId: "b" });
    const { body: group } = await client.send("POST", "/Groups", {
      schemas: [GROUP_SCHEMA],
      displayName: "Test SCIMv2",
      members: [{ value: b.id }],
    });

    const swap = await client.send("PATCH", `/Groups/${group.id}`, {
      schemas: [PATCH_SCHEMA],
      Operations: [
        { op: "remove", path: `members[value eq "${b.id}"]` },
        { op: "add", path: "members", value: [{ value: a.id, display: "test.user@okta.local" }] },
      ],
    });
    expect(swap.status).toBe(200);
    expect(await memberIds(client, group.id)).toEqual([a.id]);

    const push = await client.send("PATCH", `/Groups/${group.id}`, {
      schemas: [PATCH_SCHEMA],
      Operations: [
        {
          op: "replace",
          path: "members",
          value: [
            { value: a.id, display: "test.user@okta.local" },
            { value: b.id, display: "test.user@okta.local" },
          ],
        },
      ],
    });
    expect(push.status).toBe(200);
    expect(await memberIds(client, group.id)).toEqual([a.id, b.id].sort());

    expect((await client.delete(`/Groups/${group.id}`)).status).toBe(204);
    const gone = await client.get(`/Groups/${group.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: "404" });
    // Deleting a group leaves its users.
    expect((await client.get(`/Users/${a.id}`)).status).toBe(200);
  });
});
