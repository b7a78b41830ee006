import { encodeGlobalID } from "@pothos/plugin-relay";
import { expect, it } from "vitest";
import { useTestApp, type TestApp } from "../../../support/app.js";
import { describeEachDatabase } from "../../../support/databases.js";
import { expectData } from "../../../support/fixtures.js";
import { syncOrg, type SyncOrg } from "../../../support/sync.js";

interface SeenEvent {
  id: string;
  type: string;
  sequence: string;
  directoryId: string | null;
  payload: any;
}

/** Reads the organization's events after a cursor; each call returns what is new since the last one. */
function eventReader(t: TestApp, org: SyncOrg) {
  let cursor: string | null = null;
  return async (): Promise<SeenEvent[]> => {
    const data = expectData(
      await t.gql(
        `query ($id: ID!, $after: String) { node(id: $id) { ... on Organization {
          events(first: 500, after: $after) { pageInfo { endCursor } edges { node { id type sequence directoryId payload } } }
        } } }`,
        { id: org.organizationId, after: cursor },
      ),
    );
    cursor = data.node.events.pageInfo.endCursor || cursor;
    return data.node.events.edges.map((e: any) => e.node);
  };
}

/** Sync's own events (membership.*, team.*) exactly; the directory services' events must be among the rest. */
function expectEvents(events: SeenEvent[], sync: string[], directory: string[] = []) {
  const types = events.map((e) => e.type);
  expect(types.filter((type) => /^(membership|team)\./.test(type)).sort()).toEqual([...sync].sort());
  expect(types).toEqual(expect.arrayContaining(directory));
}

const of = (events: SeenEvent[], type: string) => events.filter((e) => e.type === type);

describeEachDatabase("sync events", (kind) => {
  const t = useTestApp(kind);

  it("records each change's events in its transaction, with reasons, unique ids and gapless sequences", async () => {
    const org = await syncOrg(t, ["Eng", "Ops"]);
    const directoryId = encodeGlobalID("Directory", org.scim.directoryId);
    const next = eventReader(t, org);
    await next();
    await org.map("Eng", "Engineers");
    expectEvents(await next(), [], ["group_mapping.added"]);

    const ann = await org.createUser("ann");
    let events = await next();
    expectEvents(events, ["membership.created"], ["user.created"]);
    expect(of(events, "membership.created")[0]).toMatchObject({
      directoryId,
      payload: { reason: "user_created", user: { email: org.email("ann") }, membership: { status: "ACTIVE", source: "DIRECTORY" } },
    });

    const group = await org.createGroup("Engineers", [ann]);
    events = await next();
    expectEvents(events, ["team.member_added"], ["group.created", "group.user_added"]);
    expect(of(events, "team.member_added")[0]).toMatchObject({
      directoryId,
      payload: {
        team: { name: "Eng" },
        user: { email: org.email("ann") },
        directoryGroup: { id: group, displayName: "Engineers" },
        reason: "group_members_changed",
      },
    });

    await org.addByHand("Ops", "ann");
    events = await next();
    expectEvents(events, ["team.member_added"]);
    expect(events[0].payload).toMatchObject({ team: { name: "Ops" }, directoryGroup: null, reason: "manual" });

    await org.setActive(ann, false);
    events = await next();
    expectEvents(events, ["membership.deactivated", "team.member_removed", "team.member_removed"], ["user.deactivated"]);
    expect(of(events, "team.member_removed").map((e) => [e.payload.team.name, e.payload.reason]).sort()).toEqual([
      ["Eng", "user_deactivated"],
      ["Ops", "user_deactivated"],
    ]);

    await org.setActive(ann, true);
    events = await next();
    expectEvents(events, ["membership.reactivated", "team.member_added"], ["user.reactivated"]);
    expect(of(events, "team.member_added")[0].payload).toMatchObject({ team: { name: "Eng" }, reason: "user_reactivated" });

    await org.removeMember(group, ann);
    events = await next();
    expectEvents(events, ["team.member_removed"], ["group.user_removed"]);
    expect(of(events, "team.member_removed")[0].payload).toMatchObject({
      directoryGroup: { displayName: "Engineers" },
      reason: "group_members_changed",
    });

    await org.addMembers(group, [ann]);
    expectEvents(await next(), ["team.member_added"], ["group.user_added"]);

    await org.scim.patch(`/Groups/${group}`, [{ op: "replace", path: "displayName", value: "Engineering" }]);
    events = await next();
    expectEvents(events, ["team.member_removed"], ["group.updated"]);
    expect(of(events, "team.member_removed")[0].payload).toMatchObject({ reason: "group_renamed" });

    // Deactivation took ann out of Ops, where she was by hand; a mapping brings her back.
    const mapping = await org.map("Ops", "Engineering");
    expectEvents(await next(), ["team.member_added"], ["group_mapping.added"]);
    await org.unmap(mapping);
    events = await next();
    expectEvents(events, ["team.member_removed"], ["group_mapping.removed"]);
    expect(of(events, "team.member_removed")[0].payload).toMatchObject({ team: { name: "Ops" }, reason: "group_mapping_removed" });
    await org.map("Eng", "Engineering");
    events = await next();
    expectEvents(events, ["team.member_added"], ["group_mapping.added"]);
    expect(of(events, "team.member_added")[0].payload).toMatchObject({ reason: "group_mapping_added" });

    await org.scim.delete(`/Groups/${group}`);
    events = await next();
    expectEvents(events, ["team.member_removed"], ["group.deleted"]);
    expect(of(events, "team.member_removed")[0].payload).toMatchObject({ team: { name: "Eng" }, reason: "group_deleted" });

    await org.addByHand("Ops", "ann");
    await next();
    await org.scim.delete(`/Users/${ann}`);
    events = await next();
    expectEvents(events, ["membership.deactivated", "team.member_removed"], ["user.deleted"]);
    expect(of(events, "membership.deactivated")[0].payload.reason).toBe("user_deleted");

    expectData(await t.gql(`mutation ($i: RotateDirectoryTokenInput!) { rotateDirectoryToken(input: $i) { __typename } }`, { i: { directoryId } }));
    expectEvents(await next(), [], ["directory.token_rotated"]);
    expectData(await t.gql(`mutation ($i: DeleteDirectoryInput!) { deleteDirectory(input: $i) { __typename } }`, { i: { directoryId } }));
    expectEvents(await next(), [], ["directory.deleted"]);

    const all = await eventReader(t, org)();
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    expect(all.map((e) => Number(e.sequence))).toEqual(all.map((_, i) => i + 1));
  });

  it("records nothing for a change that is rolled back", async () => {
    const org = await syncOrg(t, ["Eng"]);
    await org.map("Eng", "Engineers");
    const ann = await org.createUser("ann");
    const bob = await org.createUser("bob");
    const group = await org.createGroup("Engineers", [ann]);
    const next = eventReader(t, org);
    await next();
    const before = await org.state();

    // Sync refuses ann's new email (bob has it) after the directory row was written: all of it rolls back.
    const conflict = await org.scim.patch(`/Users/${ann}`, [
      { op: "replace", value: { active: false } },
      { op: "replace", path: 'emails[type eq "work"].value', value: org.email("bob") },
    ]);
    expect(conflict.status).toBe(409);
    // A group PATCH whose last operation is invalid applies none of them.
    const invalid = await org.scim.patch(`/Groups/${group}`, [
      { op: "add", path: "members", value: [{ value: bob }] },
      { op: "remove", path: 'members[value eq "' },
    ]);
    expect(invalid.status).toBe(400);

    expect(await next()).toEqual([]);
    expect(await org.state()).toEqual(before);
    expect((await org.scim.get(`/Users/${ann}`)).body.active).toBe(true);
  });
});
