import { afterAll, beforeAll, expect, it } from "vitest";
import { Prisma, type Database } from "../../../../prisma/database.js";
import { membershipRowsStatement } from "../../../../schema/services/sync/memberships.js";
import { describeEachDatabase, openTestDatabase } from "../../../support/databases.js";

describeEachDatabase("membership reconciliation statements", (kind) => {
  let db: Database;
  let organizationId: string;
  let userId: string;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const organization = await db.prisma.organization.create({ data: { slug: "acme", name: "Acme" } });
    organizationId = organization.id;
    const directory = await db.prisma.directory.create({
      data: { organizationId, name: "Okta", provider: "OKTA_SCIM_V2", tokenHash: "h", tokenPrefix: "t" },
    });
    // Never analyzed, as a table is between autovacuum runs (and always where autovacuum is off).
    await db.sql.execute`
      INSERT INTO "User" (id, email, "emailKey", "updatedAt")
      SELECT gen_random_uuid(), 'u' || i || '@example.com', 'u' || i || '@example.com', now() FROM generate_series(1, 20000) i`;
    await db.sql.execute`
      INSERT INTO "DirectoryUser" (id, "directoryId", "userName", "userNameKey", email, "emailKey", raw, "userId", "updatedAt")
      SELECT gen_random_uuid(), ${directory.id}::uuid, email, "emailKey", email, "emailKey", '{}', id, now() FROM "User"`;
    [{ id: userId }] = await db.sql.query<{ id: string }>`SELECT id::text FROM "User" WHERE "emailKey" = 'u7@example.com'`;
  });

  afterAll(async () => {
    await db?.close();
  });

  // A deactivation must cost the same in a directory of 100,000 users as in one of 1,000.
  it("finds the directory users keeping a membership active from the user, not by reading the directory", async () => {
    const plan = await db.sql.query<{ "QUERY PLAN": string }>(
      Prisma.sql`EXPLAIN ${membershipRowsStatement({ organizationId, userIds: [userId], directoryId: "" })}`,
    );
    const text = plan.map((row) => row["QUERY PLAN"]).join("\n");
    expect(text).toMatch(/DirectoryUser_userId_idx/);
    expect(text).not.toMatch(/DirectoryUser_directoryId|Seq Scan on "DirectoryUser"/);
  });

  it("names the active directory user's directory", async () => {
    const [row] = await db.sql.query<{ userId: string; activeDirectoryId: string | null }>(
      membershipRowsStatement({ organizationId, userIds: [userId], directoryId: "" }),
    );
    expect(row.userId).toBe(userId);
    expect(row.activeDirectoryId).not.toBeNull();
  });
});
