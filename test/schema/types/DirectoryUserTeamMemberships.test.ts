import { expect, it } from "vitest";
import { adminGql, rawId, signInAdmin } from "../../support/admin.js";
import { useTestApp } from "../../support/app.js";
import { describeEachDatabase } from "../../support/databases.js";
import { createDirectory, createOrganization, expectData } from "../../support/fixtures.js";

const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString("base64");

const QUERY = `query ($id: ID!) {
  node(id: $id) {
    ... on DirectoryUser {
      userName
      teamMemberships { team { name } user { email } grants { source directoryGroup { displayName } } }
    }
  }
}`;

interface NodeData {
  node: { userName: string; teamMemberships: unknown[] } | null;
}

describeEachDatabase("DirectoryUser.teamMemberships", (kind) => {
  const t = useTestApp(kind);

  it("lists the linked user's teams in the directory's organization only, with each grant", async () => {
    const org = await createOrganization(t);
    const otherOrg = await createOrganization(t);
    const { directory } = await createDirectory(t, org.id);
    const prisma = t.db.prisma;
    const user = await prisma.user.create({ data: { email: "ada@example.com", emailKey: `ada-${org.slug}@example.com` } });
    const directoryUser = await prisma.directoryUser.create({
      data: { directoryId: rawId(directory.id), userName: "ada", userNameKey: "ada", raw: {}, userId: user.id },
    });
    const group = await prisma.directoryGroup.create({
      data: { directoryId: rawId(directory.id), displayName: "Engineers", displayNameKey: "engineers", raw: {} },
    });
    const [platform, sales] = await Promise.all(
      ["Platform", "Sales"].map((name) =>
        prisma.team.create({ data: { organizationId: rawId(org.id), name, slug: name.toLowerCase() } }),
      ),
    );
    const elsewhere = await prisma.team.create({ data: { organizationId: rawId(otherOrg.id), name: "Elsewhere", slug: "elsewhere" } });
    await prisma.teamMember.create({
      data: {
        teamId: platform.id,
        userId: user.id,
        grants: {
          create: [
            { source: "DIRECTORY_GROUP", grantKey: `group:${group.id}`, directoryGroupId: group.id },
            { source: "MANUAL", grantKey: "manual" },
          ],
        },
      },
    });
    for (const team of [sales, elsewhere]) {
      await prisma.teamMember.create({
        data: { teamId: team.id, userId: user.id, grants: { create: [{ source: "MANUAL", grantKey: "manual" }] } },
      });
    }

    const admin = await signInAdmin(t, [org.id]);
    const { node } = expectData<NodeData>(await adminGql(t, admin, QUERY, { id: globalId("DirectoryUser", directoryUser.id) }));
    expect(node?.teamMemberships).toEqual([
      {
        team: { name: "Platform" },
        user: { email: "ada@example.com" },
        grants: [
          { source: "DIRECTORY_GROUP", directoryGroup: { displayName: "Engineers" } },
          { source: "MANUAL", directoryGroup: null },
        ],
      },
      { team: { name: "Sales" }, user: { email: "ada@example.com" }, grants: [{ source: "MANUAL", directoryGroup: null }] },
    ]);

    // An admin of another organization cannot read the directory user at all.
    const outsider = await signInAdmin(t, [otherOrg.id]);
    const denied = await adminGql(t, outsider, QUERY, { id: globalId("DirectoryUser", directoryUser.id) });
    expect(denied.data?.node ?? null).toBeNull();
  });

  it("is empty for a directory user not linked to a Roster user", async () => {
    const org = await createOrganization(t);
    const { directory } = await createDirectory(t, org.id);
    const directoryUser = await t.db.prisma.directoryUser.create({
      data: { directoryId: rawId(directory.id), userName: "bob", userNameKey: "bob", raw: {} },
    });
    const { node } = expectData<NodeData>(await t.gql(QUERY, { id: globalId("DirectoryUser", directoryUser.id) }));
    expect(node).toEqual({ userName: "bob", teamMemberships: [] });
  });
});
