import { expect, it } from "vitest";
import { useTestApp } from "../../../support/app.js";
import { describeEachDatabase } from "../../../support/databases.js";
import { expectData } from "../../../support/fixtures.js";
import { USER_SCHEMA } from "../../../support/scim.js";
import { syncOrg, userPut } from "../../../support/sync.js";

describeEachDatabase("sync of directory users", (kind) => {
  const t = useTestApp(kind);

  async function rosterUser(organizationId: string, email: string) {
    const data = expectData(
      await t.gql(
        `query ($id: ID!) { node(id: $id) { ... on Organization { members(first: 100) { edges { node {
          status source directory { id } user { id email displayName givenName familyName }
        } } } } } }`,
        { id: organizationId },
      ),
    );
    return data.node.members.edges.map((e: any) => e.node).find((m: any) => m.user.email.toLowerCase() === email.toLowerCase());
  }

  it("rule 1: makes a provisioned active user an active member; an inactive one is not a member", async () => {
    const org = await syncOrg(t);
    await org.createUser("ann");
    await org.createUser("bob", { active: false });
    const ann = await rosterUser(org.organizationId, org.email("ann"));
    expect(ann).toMatchObject({
      status: "ACTIVE",
      source: "DIRECTORY",
      user: { email: org.email("ann"), givenName: "Given", familyName: "Family" },
    });
    expect(ann.directory.id).toBeTruthy();
    expect(await org.state()).toMatchObject({ members: { ann: "ACTIVE" } });
    expect((await org.state()).members.bob).toBeUndefined();
    // Activated later, bob joins.
    const bob = (await org.scim.get(`/Users?filter=${encodeURIComponent(`userName eq "${org.email("bob")}"`)}`)).body.Resources[0];
    await org.setActive(bob.id, true);
    expect((await org.state()).members.bob).toBe("ACTIVE");
  });

  it("rule 1: links an existing Roster user with the same email, whatever its case, instead of duplicating it", async () => {
    const first = await syncOrg(t);
    await first.createUser("cat");
    const second = await syncOrg(t);
    const upper = first.email("cat").toUpperCase();
    await second.scim.createUser(`someone-${Date.now()}`, { emails: [{ primary: true, value: upper, type: "work" }] });
    const inFirst = await rosterUser(first.organizationId, first.email("cat"));
    const inSecond = await rosterUser(second.organizationId, upper);
    expect(inSecond.user.id).toBe(inFirst.user.id);
    expect(await t.db.prisma.user.count({ where: { emailKey: first.email("cat") } })).toBe(1);
    // A userName that is an email links too when no email is sent.
    const third = await syncOrg(t);
    await third.scim.post("/Users", { schemas: [USER_SCHEMA], userName: first.email("cat"), active: true });
    expect((await rosterUser(third.organizationId, first.email("cat"))).user.id).toBe(inFirst.user.id);
  });

  it("rule 2: carries profile updates by PATCH (Okta and Entra forms) and PUT to the Roster user", async () => {
    const org = await syncOrg(t, [], "AZURE_SCIM_V2");
    const id = await org.createUser("dan");
    const patched = await org.scim.patch(`/Users/${id}`, [
      { op: "Replace", path: 'emails[type eq "work"].value', value: org.email("daniel") },
      { op: "Replace", path: "name.familyName", value: "Dawson" },
      { op: "replace", value: { displayName: "Daniel Dawson", "name.givenName": "Daniel" } },
    ]);
    expect(patched.status).toBeLessThan(300);
    expect((await rosterUser(org.organizationId, org.email("daniel"))).user).toMatchObject({
      email: org.email("daniel"),
      displayName: "Daniel Dawson",
      givenName: "Daniel",
      familyName: "Dawson",
    });
    const put = await org.scim.put(
      `/Users/${id}`,
      userPut(org.email("dan"), { name: { givenName: "Dan", familyName: "D" }, displayName: "Dan D" }),
    );
    expect(put.status).toBe(200);
    expect((await rosterUser(org.organizationId, org.email("dan"))).user).toMatchObject({
      email: org.email("dan"),
      displayName: "Dan D",
      givenName: "Dan",
      familyName: "D",
    });
    expect(await rosterUser(org.organizationId, org.email("daniel"))).toBeUndefined();
  });

  it("rule 1: a user provisioned without an email joins, with the teams its groups give, once it gets one", async () => {
    const org = await syncOrg(t, ["Eng"]);
    await org.map("Eng", "Engineers");
    const created = await org.scim.post("/Users", { schemas: [USER_SCHEMA], userName: `hal-${org.email("x").split("@")[0]}` });
    expect(created.status).toBe(201);
    await org.createGroup("Engineers", [created.body.id]);
    expect((await org.state()).members.hal).toBeUndefined();
    const patched = await org.scim.patch(`/Users/${created.body.id}`, [
      { op: "add", path: "emails", value: [{ value: org.email("hal"), type: "work", primary: true }] },
    ]);
    expect(patched.status).toBeLessThan(300);
    expect(await org.state()).toMatchObject({ members: { hal: "ACTIVE" }, teams: { Eng: { hal: ["Engineers"] } } });
  });

  it("rule 2: refuses an email that another Roster user has, changing nothing", async () => {
    const org = await syncOrg(t);
    const id = await org.createUser("eve");
    await org.createUser("fay");
    const before = await org.state();
    const response = await org.scim.patch(`/Users/${id}`, [
      { op: "replace", path: 'emails[type eq "work"].value', value: org.email("fay") },
    ]);
    expect(response.status).toBe(409);
    expect(await org.state()).toEqual(before);
    expect((await org.scim.get(`/Users/${id}`)).body.emails[0].value).toBe(org.email("eve"));
  });

  it("rule 3: deactivation (PATCH, PUT or Entra's \"False\") deactivates the membership and leaves every team, hand-made ones too", async () => {
    const org = await syncOrg(t, ["Eng", "Ops"], "AZURE_SCIM_V2");
    await org.map("Eng", "Engineers");
    const ids = { gus: await org.createUser("gus"), hal: await org.createUser("hal"), ian: await org.createUser("ian") };
    await org.createGroup("Engineers", Object.values(ids));
    for (const name of Object.keys(ids)) await org.addByHand("Ops", name);

    await org.setActive(ids.gus, false);
    const put = await org.scim.put(`/Users/${ids.hal}`, userPut(org.email("hal"), { active: false }));
    expect(put.status).toBe(200);
    const entra = await org.scim.patch(`/Users/${ids.ian}`, [{ op: "Replace", path: "active", value: "False" }]);
    expect(entra.status).toBeLessThan(300);

    expect(await org.state()).toEqual({
      members: { gus: "DEACTIVATED", hal: "DEACTIVATED", ian: "DEACTIVATED" },
      teams: { Eng: {}, Ops: {} },
    });
  });

  it("rule 3: reactivation restores the membership and only the teams that current groups justify", async () => {
    const org = await syncOrg(t, ["Eng", "Ops", "Sales"]);
    await org.map("Eng", "Engineers");
    await org.map("Sales", "Sellers");
    const jo = await org.createUser("jo");
    await org.createGroup("Engineers", [jo]);
    const sellers = await org.createGroup("Sellers", [jo]);
    await org.addByHand("Ops", "jo");
    await org.setActive(jo, false);
    // While jo is deactivated the IdP takes jo out of Sellers and into nothing else.
    await org.removeMember(sellers, jo);
    await org.setActive(jo, true);
    expect(await org.state()).toEqual({
      members: { jo: "ACTIVE" },
      teams: { Eng: { jo: ["Engineers"] }, Ops: {}, Sales: {} },
    });
  });

  it("rule 3: DELETE ends the membership and teams like deactivation and removes the directory record", async () => {
    const org = await syncOrg(t, ["Eng", "Ops"]);
    await org.map("Eng", "Engineers");
    const kim = await org.createUser("kim");
    const lee = await org.createUser("lee");
    await org.createGroup("Engineers", [kim, lee]);
    await org.addByHand("Ops", "kim");
    expect((await org.scim.delete(`/Users/${kim}`)).status).toBe(204);
    expect((await org.scim.get(`/Users/${kim}`)).status).toBe(404);
    expect(await org.state()).toEqual({
      members: { kim: "DEACTIVATED", lee: "ACTIVE" },
      teams: { Eng: { lee: ["Engineers"] }, Ops: {} },
    });
    // The person comes back as a new directory user: same Roster user, active again.
    const kimUserId = await t.db.prisma.user.findUniqueOrThrow({ where: { emailKey: org.email("kim") } });
    await org.createUser("kim");
    expect((await org.state()).members.kim).toBe("ACTIVE");
    expect((await t.db.prisma.user.findUniqueOrThrow({ where: { emailKey: org.email("kim") } })).id).toBe(kimUserId.id);
  });

  it("rule 8: never adds a deactivated user to a team by a group push", async () => {
    const org = await syncOrg(t, ["Eng"]);
    await org.map("Eng", "Engineers");
    const max = await org.createUser("max");
    const ned = await org.createUser("ned", { active: false });
    await org.setActive(max, false);
    const group = await org.createGroup("Engineers", [max]);
    await org.addMembers(group, [ned]);
    const put = await org.scim.put(`/Groups/${group}`, {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
      displayName: "Engineers",
      members: [{ value: max }, { value: ned }],
    });
    expect(put.status).toBeLessThan(300);
    expect((await org.state()).teams.Eng).toEqual({});
    await org.setActive(ned, true);
    expect((await org.state()).teams.Eng).toEqual({ ned: ["Engineers"] });
  });
});
