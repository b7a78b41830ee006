import { expect, it } from "vitest";
import { useTestApp } from "../../support/app.js";
import { describeEachDatabase } from "../../support/databases.js";
import { ERROR_SCHEMA, GROUP_SCHEMA, newDirectory, type ScimClient } from "../../support/scim.js";

async function memberIds(scim: ScimClient, groupId: string): Promise<string[]> {
  const group = await scim.get(`/Groups/${groupId}`);
  return (group.body.members ?? []).map((m: { value: string }) => m.value).sort();
}

describeEachDatabase("SCIM Groups", (kind) => {
  const t = useTestApp(kind);

  it("creates a group with members from POST and lists them with display names", async () => {
    const scim = await newDirectory(t);
    const a = await scim.createUser("a@example.com");
    const b = await scim.createUser("b@example.com");
    const created = await scim.post("/Groups", {
      schemas: [GROUP_SCHEMA],
      displayName: "Test SCIMv2",
      members: [{ value: a.id, display: "a@example.com" }, { value: b.id }],
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`${scim.baseUrl}/Groups/${created.body.id}`);
    expect(created.body).toMatchObject({ schemas: [GROUP_SCHEMA], displayName: "Test SCIMv2", meta: { resourceType: "Group" } });
    expect(created.body.members).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ value: a.id, display: "a@example.com" }),
        expect.objectContaining({ value: b.id, display: "b@example.com" }),
      ]),
    );
  });

  it("creates Entra's group with no members key and an unknown extra schema", async () => {
    const scim = await newDirectory(t, "AZURE_SCIM_V2");
    const created = await scim.post("/Groups", {
      schemas: [GROUP_SCHEMA, "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
      externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
      displayName: "displayName",
      meta: { resourceType: "Group" },
    });
    expect(created.status).toBe(201);
    expect(created.body.externalId).toBe("8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159");
    expect(await memberIds(scim, created.body.id)).toEqual([]);
  });

  it("adds and removes members in one Okta PATCH, idempotently", async () => {
    const scim = await newDirectory(t);
    const [a, b] = [await scim.createUser("a@example.com"), await scim.createUser("b@example.com")];
    const group = await scim.createGroup("Engineering", [a.id]);
    const operations = [
      { op: "remove", path: `members[value eq "${a.id}"]` },
      { op: "add", path: "members", value: [{ value: b.id, display: "b@example.com" }] },
    ];
    const first = await scim.patch(`/Groups/${group.id}`, operations);
    expect(first.status).toBe(200);
    expect(await memberIds(scim, group.id)).toEqual([b.id]);
    const again = await scim.patch(`/Groups/${group.id}`, operations);
    expect(again.status).toBe(200);
    expect(await memberIds(scim, group.id)).toEqual([b.id]);
  });

  it("replaces all members with PATCH replace and with PUT, and keeps them on a PUT without members", async () => {
    const scim = await newDirectory(t);
    const [a, b, c] = [await scim.createUser("a@x.com"), await scim.createUser("b@x.com"), await scim.createUser("c@x.com")];
    const group = await scim.createGroup("G", [a.id, b.id]);
    await scim.patch(`/Groups/${group.id}`, [{ op: "replace", path: "members", value: [{ value: b.id }, { value: c.id }] }]);
    expect(await memberIds(scim, group.id)).toEqual([b.id, c.id].sort());
    const put = await scim.put(`/Groups/${group.id}`, { schemas: [GROUP_SCHEMA], displayName: "G", members: [{ value: a.id }] });
    expect(put.status).toBe(200);
    expect(await memberIds(scim, group.id)).toEqual([a.id]);
    await scim.put(`/Groups/${group.id}`, { schemas: [GROUP_SCHEMA], displayName: "G2" });
    expect(await memberIds(scim, group.id)).toEqual([a.id]);
    expect((await scim.get(`/Groups/${group.id}`)).body.displayName).toBe("G2");
  });

  it("renames by Okta's path-less PATCH carrying the id, and by path", async () => {
    const scim = await newDirectory(t);
    const group = await scim.createGroup("Old");
    const renamed = await scim.patch(`/Groups/${group.id}`, [
      { op: "replace", value: { id: group.id, displayName: "New" } },
    ]);
    expect(renamed.status).toBe(200);
    expect(renamed.body.displayName).toBe("New");
    await scim.patch(`/Groups/${group.id}`, [{ op: "Replace", path: "displayName", value: "Newer" }]);
    expect((await scim.get(`/Groups/${group.id}`)).body.displayName).toBe("Newer");
  });

  it("follows Entra's member forms and answers its PATCHes with 204", async () => {
    const scim = await newDirectory(t, "AZURE_SCIM_V2");
    const [a, b] = [await scim.createUser("a@e.com"), await scim.createUser("b@e.com")];
    const group = await scim.createGroup("Entra");
    const add = await scim.patch(`/Groups/${group.id}`, [{ op: "Add", path: "members", value: [{ $ref: null, value: a.id }, { value: b.id }] }]);
    expect(add.status).toBe(204);
    expect(await memberIds(scim, group.id)).toEqual([a.id, b.id].sort());
    await scim.patch(`/Groups/${group.id}`, [{ op: "Remove", path: "members", value: [{ $ref: null, value: a.id }] }]);
    expect(await memberIds(scim, group.id)).toEqual([b.id]);
    await scim.patch(`/Groups/${group.id}`, [{ op: "remove", path: "members" }]);
    expect(await memberIds(scim, group.id)).toEqual([]);
  });

  it("skips member ids that name no user of this directory", async () => {
    const a = await newDirectory(t);
    const b = await newDirectory(t);
    const foreign = await b.createUser("foreign@example.com");
    const mine = await a.createUser("mine@example.com");
    const group = await a.createGroup("G", [mine.id, foreign.id, "not-a-uuid"]);
    expect(await memberIds(a, group.id)).toEqual([mine.id]);
  });

  it("leaves out members with excludedAttributes=members and attributes=displayName", async () => {
    const scim = await newDirectory(t);
    const user = await scim.createUser("m@example.com");
    const group = await scim.createGroup("With members", [user.id]);
    const excluded = await scim.get(`/Groups/${group.id}?excludedAttributes=members`);
    expect(excluded.body.members).toBeUndefined();
    expect(excluded.body.displayName).toBe("With members");
    const listed = await scim.get(`/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "With members"')}`);
    expect(listed.body.totalResults).toBe(1);
    expect(listed.body.Resources[0].members).toBeUndefined();
    const only = await scim.get(`/Groups?attributes=displayName`);
    expect(only.body.Resources[0]).toEqual({ schemas: [GROUP_SCHEMA], id: group.id, displayName: "With members", meta: { resourceType: "Group" } });
  });

  it("filters groups by displayName, externalId and members.value", async () => {
    const scim = await newDirectory(t);
    const user = await scim.createUser("f@example.com");
    const g1 = await scim.createGroup("Sales", [user.id]);
    await scim.createGroup("Support");
    const q = (filter: string) => scim.get(`/Groups?filter=${encodeURIComponent(filter)}`);
    expect((await q('displayName eq "Sales"')).body.Resources.map((g: { id: string }) => g.id)).toEqual([g1.id]);
    expect((await q(`members.value eq "${user.id}"`)).body.totalResults).toBe(1);
    expect((await q('displayName sw "S"')).body.totalResults).toBe(2);
  });

  it("deletes a group with 204; its members stay as users", async () => {
    const scim = await newDirectory(t);
    const user = await scim.createUser("stay@example.com");
    const group = await scim.createGroup("Temporary", [user.id]);
    expect((await scim.delete(`/Groups/${group.id}`)).status).toBe(204);
    const gone = await scim.get(`/Groups/${group.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.schemas).toEqual([ERROR_SCHEMA]);
    expect((await scim.get(`/Users/${user.id}`)).status).toBe(200);
  });

  it("rejects a group without displayName and bad member filters", async () => {
    const scim = await newDirectory(t);
    expect((await scim.post("/Groups", { schemas: [GROUP_SCHEMA] })).body).toMatchObject({ status: "400", scimType: "invalidValue" });
    const group = await scim.createGroup("G");
    const bad = await scim.patch(`/Groups/${group.id}`, [{ op: "remove", path: 'members[display eq "x"]' }]);
    expect(bad.status).toBe(400);
    expect(bad.body.scimType).toBe("invalidPath");
  });
});
