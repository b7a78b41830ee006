import { encodeGlobalID } from "@pothos/plugin-relay";
import { expect, it } from "vitest";
import { useTestApp } from "../../../support/app.js";
import { describeEachDatabase } from "../../../support/databases.js";
import { GROUP_SCHEMA } from "../../../support/scim.js";
import { syncOrg } from "../../../support/sync.js";

describeEachDatabase("sync of directory groups", (kind) => {
  const t = useTestApp(kind);

  it("rule 4: matches group names exactly; a team maps several names and a name maps several teams", async () => {
    const org = await syncOrg(t, ["Eng", "Platform", "All"]);
    await org.map("Eng", "Engineering");
    await org.map("Platform", "Engineering");
    await org.map("All", "Engineering");
    await org.map("All", "Sales Team");
    const [amy, ben, cal, dee] = [await org.createUser("amy"), await org.createUser("ben"), await org.createUser("cal"), await org.createUser("dee")];
    await org.createGroup("Engineering", [amy]);
    await org.createGroup("engineering", [ben]);
    await org.createGroup("Engineering ", [cal]);
    await org.createGroup("Sales Team", [dee, amy]);
    expect((await org.state()).teams).toEqual({
      Eng: { amy: ["Engineering"] },
      Platform: { amy: ["Engineering"] },
      All: { amy: ["Engineering", "Sales Team"], dee: ["Sales Team"] },
    });
  });

  it("rule 5: joins mapped teams when added to a group by POST, PUT or PATCH, granted by that group", async () => {
    const org = await syncOrg(t, ["Eng"]);
    await org.map("Eng", "Engineers");
    const [eli, fin, gil] = [await org.createUser("eli"), await org.createUser("fin"), await org.createUser("gil")];
    const group = await org.createGroup("Engineers", [eli]);
    expect((await org.state()).teams.Eng).toEqual({ eli: ["Engineers"] });
    await org.addMembers(group, [fin]);
    expect((await org.state()).teams.Eng).toEqual({ eli: ["Engineers"], fin: ["Engineers"] });
    const put = await org.scim.put(`/Groups/${group}`, {
      schemas: [GROUP_SCHEMA],
      displayName: "Engineers",
      members: [{ value: fin }, { value: gil }],
    });
    expect(put.status).toBe(200);
    expect((await org.state()).teams.Eng).toEqual({ fin: ["Engineers"], gil: ["Engineers"] });
    // Okta's full replace of members.
    const replaced = await org.scim.patch(`/Groups/${group}`, [{ op: "replace", path: "members", value: [{ value: eli }] }]);
    expect(replaced.status).toBeLessThan(300);
    expect((await org.state()).teams.Eng).toEqual({ eli: ["Engineers"] });
  });

  it("rule 5: removal from a group takes only that grant; the membership ends when no grant is left; hand-made ones stay", async () => {
    const org = await syncOrg(t, ["Eng"]);
    await org.map("Eng", "Backend");
    await org.map("Eng", "Frontend");
    const [hal, ivy, jan] = [await org.createUser("hal"), await org.createUser("ivy"), await org.createUser("jan")];
    const backend = await org.createGroup("Backend", [hal, ivy, jan]);
    const frontend = await org.createGroup("Frontend", [hal]);
    await org.addByHand("Eng", "ivy");
    expect((await org.state()).teams.Eng).toEqual({
      hal: ["Backend", "Frontend"],
      ivy: ["Backend", "manual"],
      jan: ["Backend"],
    });
    for (const id of [hal, ivy, jan]) await org.removeMember(backend, id);
    expect((await org.state()).teams.Eng).toEqual({ hal: ["Frontend"], ivy: ["manual"] });
    // Entra's remove-all form, then the group goes: hand-made membership untouched throughout.
    expect((await org.scim.patch(`/Groups/${frontend}`, [{ op: "remove", path: "members" }])).status).toBeLessThan(300);
    expect((await org.scim.delete(`/Groups/${backend}`)).status).toBe(204);
    expect((await org.state()).teams.Eng).toEqual({ ivy: ["manual"] });
  });

  it("rule 6: a mapping added later backfills the group's current members; removed, it revokes only its grants", async () => {
    const org = await syncOrg(t, ["Eng"]);
    const [kai, lou] = [await org.createUser("kai"), await org.createUser("lou")];
    await org.createGroup("Backend", [kai, lou]);
    await org.createGroup("Oncall", [kai]);
    await org.addByHand("Eng", "lou");
    expect((await org.state()).teams.Eng).toEqual({ lou: ["manual"] });
    const backend = await org.map("Eng", "Backend");
    await org.map("Eng", "Oncall");
    expect((await org.state()).teams.Eng).toEqual({ kai: ["Backend", "Oncall"], lou: ["Backend", "manual"] });
    await org.unmap(backend);
    expect((await org.state()).teams.Eng).toEqual({ kai: ["Oncall"], lou: ["manual"] });
  });

  it("rule 7: a renamed group is re-matched; a deleted group revokes all its grants", async () => {
    const org = await syncOrg(t, ["Old", "New", "Other"]);
    await org.map("Old", "Team Alpha");
    await org.map("New", "Team Beta");
    await org.map("Other", "Team Gamma");
    const [max, nia] = [await org.createUser("max"), await org.createUser("nia")];
    const group = await org.createGroup("Team Alpha", [max, nia]);
    const gamma = await org.createGroup("Team Gamma", [max]);
    await org.addByHand("Old", "nia");
    // Okta renames with a path-less replace that echoes the id.
    const renamed = await org.scim.patch(`/Groups/${group}`, [{ op: "replace", value: { id: group, displayName: "Team Beta" } }]);
    expect(renamed.status).toBeLessThan(300);
    expect((await org.state()).teams).toEqual({
      Old: { nia: ["manual"] },
      New: { max: ["Team Beta"], nia: ["Team Beta"] },
      Other: { max: ["Team Gamma"] },
    });
    // Entra's rename form, to a name nothing maps.
    await org.scim.patch(`/Groups/${group}`, [{ op: "Replace", path: "displayName", value: "Team Delta" }]);
    expect((await org.state()).teams.New).toEqual({});
    await org.scim.patch(`/Groups/${group}`, [{ op: "Replace", path: "displayName", value: "Team Beta" }]);
    expect((await org.scim.delete(`/Groups/${group}`)).status).toBe(204);
    expect((await org.scim.delete(`/Groups/${gamma}`)).status).toBe(204);
    expect((await org.state()).teams).toEqual({ Old: { nia: ["manual"] }, New: {}, Other: {} });
  });

  it("deleting the directory revokes its grants and deactivates the memberships it provisioned", async () => {
    const org = await syncOrg(t, ["Eng"]);
    await org.map("Eng", "Engineers");
    const [oz, pat] = [await org.createUser("oz"), await org.createUser("pat")];
    await org.createGroup("Engineers", [oz, pat]);
    const result = await t.gql(`mutation ($i: DeleteDirectoryInput!) { deleteDirectory(input: $i) { __typename } }`, {
      i: { directoryId: encodeGlobalID("Directory", org.scim.directoryId) },
    });
    expect(result.data.deleteDirectory.__typename).toBe("DeleteDirectoryPayload");
    expect(await org.state()).toEqual({ members: { oz: "DEACTIVATED", pat: "DEACTIVATED" }, teams: { Eng: {} } });
  });
});
