import { decodeGlobalID } from "@pothos/plugin-relay";
import { expect, it } from "vitest";
import { useTestApp } from "../../../support/app.js";
import { describeEachDatabase } from "../../../support/databases.js";
import { syncOrg } from "../../../support/sync.js";

const MEMBERS = 10_000;

describeEachDatabase("sync of a large group", (kind) => {
  const t = useTestApp(kind);

  it(`maps, grows, renames and deletes a ${MEMBERS}-member group in a few set-based statements`, async () => {
    const org = await syncOrg(t, ["Everyone"]);
    const organizationId = decodeGlobalID(org.organizationId).id;
    const directoryId = org.scim.directoryId;
    const prisma = t.db.prisma;
    // Seeded in SQL: the IdP would need 10,000 POSTs to get here.
    const prefix = `big-${directoryId.slice(0, 8)}`;
    await prisma.$executeRawUnsafe(
      `INSERT INTO "User" (id, email, "emailKey", "updatedAt")
       SELECT gen_random_uuid(), '${prefix}-' || i || '@example.com', '${prefix}-' || i || '@example.com', now()
       FROM generate_series(1, ${MEMBERS + 100}) i`,
    );
    await prisma.$executeRawUnsafe(
      `INSERT INTO "DirectoryUser" (id, "directoryId", "userName", "userNameKey", email, "emailKey", raw, "userId", "updatedAt")
       SELECT gen_random_uuid(), '${directoryId}', email, "emailKey", email, "emailKey", '{}', id, now()
       FROM "User" WHERE "emailKey" LIKE '${prefix}-%'`,
    );
    await prisma.$executeRawUnsafe(
      `INSERT INTO "Membership" (id, "organizationId", "userId", source, "directoryId", "updatedAt")
       SELECT gen_random_uuid(), '${organizationId}', id, 'DIRECTORY', '${directoryId}', now()
       FROM "User" WHERE "emailKey" LIKE '${prefix}-%'`,
    );
    const group = await org.createGroup("All Staff");
    await prisma.$executeRawUnsafe(
      `INSERT INTO "DirectoryGroupMember" ("groupId", "directoryUserId")
       SELECT '${group}', id FROM "DirectoryUser" WHERE "directoryId" = '${directoryId}' ORDER BY id LIMIT ${MEMBERS}`,
    );
    // As autovacuum would have by now: statistics that know of no grants yet. The backfill then writes
    // thousands inside one transaction, where those statistics stay stale.
    await prisma.$executeRawUnsafe("ANALYZE");
    const count = () => prisma.teamMember.count({ where: { team: { organizationId } } });

    await org.map("Everyone", "All Staff");
    expect(await count()).toBe(MEMBERS);

    const newcomers = await prisma.directoryUser.findMany({
      where: { directoryId, groups: { none: {} } },
      select: { id: true },
    });
    expect(newcomers).toHaveLength(100);
    await org.addMembers(group, newcomers.map((u) => u.id));
    expect(await count()).toBe(MEMBERS + 100);

    const renamed = await org.scim.patch(`/Groups/${group}`, [{ op: "replace", path: "displayName", value: "Staff" }]);
    expect(renamed.status).toBeLessThan(300);
    expect(await count()).toBe(0);
    await org.scim.patch(`/Groups/${group}`, [{ op: "replace", path: "displayName", value: "All Staff" }]);
    expect(await count()).toBe(MEMBERS + 100);
    expect((await org.scim.delete(`/Groups/${group}`)).status).toBe(204);
    expect(await count()).toBe(0);

    const added = await prisma.event.count({ where: { organizationId, type: "team.member_added" } });
    const removed = await prisma.event.count({ where: { organizationId, type: "team.member_removed" } });
    expect([added, removed]).toEqual([2 * (MEMBERS + 100), 2 * (MEMBERS + 100)]);
  }, 180_000);
});
