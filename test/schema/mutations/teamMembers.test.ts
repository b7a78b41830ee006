import { expect, it } from "vitest";
import { useTestApp } from "../../support/app.js";
import { describeEachDatabase } from "../../support/databases.js";
import { createOrganization, expectData } from "../../support/fixtures.js";
import { syncOrg } from "../../support/sync.js";

const ADD = `mutation ($i: AddTeamMemberInput!) { addTeamMember(input: $i) {
  __typename ... on Error { message } ... on AddTeamMemberPayload { teamMember { user { email } grants { source } } } } }`;
const REMOVE = `mutation ($i: RemoveTeamMemberInput!) { removeTeamMember(input: $i) {
  __typename ... on Error { message } ... on RemoveTeamMemberPayload { teamMember { grants { source directoryGroup { displayName } } } } } }`;

describeEachDatabase("addTeamMember / removeTeamMember", (kind) => {
  const t = useTestApp(kind);

  it("adds an active member by hand once, and takes back only the hand-made grant", async () => {
    const org = await syncOrg(t, ["Eng", "Ops"]);
    await org.map("Eng", "Engineers");
    const ann = await org.createUser("ann");
    await org.createUser("bob");
    await org.createGroup("Engineers", [ann]);
    const [annId, bobId] = [await org.userId("ann"), await org.userId("bob")];

    const added = expectData(await t.gql(ADD, { i: { teamId: org.teams.Eng, userId: annId } })).addTeamMember;
    expect(added.teamMember.grants.map((g: any) => g.source).sort()).toEqual(["DIRECTORY_GROUP", "MANUAL"]);
    const twice = expectData(await t.gql(ADD, { i: { teamId: org.teams.Eng, userId: annId } })).addTeamMember;
    expect(twice.__typename).toBe("ConflictError");

    const kept = expectData(await t.gql(REMOVE, { i: { teamId: org.teams.Eng, userId: annId } })).removeTeamMember;
    expect(kept.teamMember.grants).toEqual([{ source: "DIRECTORY_GROUP", directoryGroup: { displayName: "Engineers" } }]);
    const groupOnly = expectData(await t.gql(REMOVE, { i: { teamId: org.teams.Eng, userId: annId } })).removeTeamMember;
    expect(groupOnly).toMatchObject({ __typename: "NotFoundError", message: expect.stringMatching(/directory groups/) });

    expectData(await t.gql(ADD, { i: { teamId: org.teams.Ops, userId: bobId } }));
    const ended = expectData(await t.gql(REMOVE, { i: { teamId: org.teams.Ops, userId: bobId } })).removeTeamMember;
    expect(ended).toEqual({ __typename: "RemoveTeamMemberPayload", teamMember: null });
    expect((await org.state()).teams).toEqual({ Eng: { ann: ["Engineers"] }, Ops: {} });
  });

  it("refuses people who are not active members, and callers from other organizations", async () => {
    const org = await syncOrg(t, ["Eng"]);
    const ann = await org.createUser("ann");
    const annId = await org.userId("ann");
    await org.setActive(ann, false);
    const inactive = expectData(await t.gql(ADD, { i: { teamId: org.teams.Eng, userId: annId } })).addTeamMember;
    expect(inactive.__typename).toBe("ValidationError");

    const other = await createOrganization(t);
    const key = expectData(
      await t.gql(`mutation ($i: CreateApiKeyInput!) { createApiKey(input: $i) { ... on CreateApiKeyPayload { key } } }`, {
        i: { organizationId: other.id, name: "k" },
      }),
    ).createApiKey.key;
    const foreign = expectData(await t.gql(ADD, { i: { teamId: org.teams.Eng, userId: annId } }, key)).addTeamMember;
    expect(foreign.__typename).toBe("ForbiddenError");
  });
});
