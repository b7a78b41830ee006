import { afterAll, beforeAll, expect, it } from "vitest";
import { Prisma, type Database } from "../../../prisma/database.js";
import { addMembersStatement } from "../../../schema/services/groupMembership.js";
import { describeEachDatabase, openTestDatabase } from "../../support/databases.js";

describeEachDatabase("group membership statements", (kind) => {
  let db: Database;
  let group: { id: string; directoryId: string };
  let userIds: string[];

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const organization = await db.prisma.organization.create({ data: { slug: "acme", name: "Acme" } });
    const directory = await db.prisma.directory.create({
      data: { organizationId: organization.id, name: "Okta", provider: "OKTA_SCIM_V2", tokenHash: "h", tokenPrefix: "t" },
    });
    // Never analyzed, as a table is between autovacuum runs (and always where autovacuum is off).
    await db.sql.execute`
      INSERT INTO "DirectoryUser" (id, "directoryId", "userName", "userNameKey", raw, "updatedAt")
      SELECT gen_random_uuid(), ${directory.id}::uuid, 'u' || i, 'u' || i, '{}', now() FROM generate_series(1, 2000) i`;
    const [row] = await db.sql.query<{ id: string }>`
      INSERT INTO "DirectoryGroup" (id, "directoryId", "displayName", "displayNameKey", raw, "updatedAt")
      VALUES (gen_random_uuid(), ${directory.id}::uuid, 'Engineering', 'engineering', '{}', now()) RETURNING id::text`;
    group = { id: row.id, directoryId: directory.id };
    userIds = (await db.sql.query<{ id: string }>`SELECT id::text FROM "DirectoryUser" ORDER BY "userNameKey" LIMIT 100`).map((u) => u.id);
  });

  afterAll(async () => {
    await db?.close();
  });

  // A 100-member PATCH must cost the same in a directory of 100,000 users as in one of 1,000.
  it("finds the members a PATCH adds by primary key, not by reading the directory", async () => {
    const plan = await db.sql.query<{ "QUERY PLAN": string }>(Prisma.sql`EXPLAIN ${addMembersStatement(group, userIds)}`);
    const text = plan.map((row) => row["QUERY PLAN"]).join("\n");
    expect(text).toMatch(/Index Scan using "DirectoryUser_pkey"/);
    expect(text).not.toMatch(/DirectoryUser_directoryId|Seq Scan on "DirectoryUser"/);
  });

  it("adds only users of the group's directory", async () => {
    const added = await db.sql.transaction((tx) =>
      tx.query<{ id: string }>(addMembersStatement(group, [...userIds.slice(0, 3), "00000000-0000-4000-8000-000000000000"])),
    );
    expect(added.map((row) => row.id).sort()).toEqual(userIds.slice(0, 3).sort());
  });
});
