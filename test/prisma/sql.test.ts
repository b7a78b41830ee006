import { afterAll, beforeAll, expect, it } from "vitest";
import { Prisma, type Database } from "../../prisma/database.js";
import { listDirectoryUsers } from "../../schema/services/scimListing.js";
import { describeEachDatabase, openTestDatabase } from "../support/databases.js";

describeEachDatabase("direct SQL", (kind) => {
  let db: Database;
  let directoryId: string;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const organization = await db.prisma.organization.create({ data: { slug: "acme", name: "Acme" } });
    const directory = await db.prisma.directory.create({
      data: { organizationId: organization.id, name: "main", provider: "OKTA_SCIM_V2", tokenHash: "h", tokenPrefix: "p" },
    });
    directoryId = directory.id;
  });

  afterAll(async () => {
    await db?.close();
  });

  const slugs = async () =>
    (await db.sql.query<{ slug: string }>`SELECT slug FROM "Organization" ORDER BY slug`).map((row) => row.slug);

  it("runs a transaction's last statements with its commit", async () => {
    const result = await db.sql.transaction(
      async (tx) => {
        await tx.execute`INSERT INTO "Organization" (id, slug, name, "updatedAt") VALUES (gen_random_uuid(), 'first', 'First', now())`;
        return "done";
      },
      () => [Prisma.sql`INSERT INTO "Organization" (id, slug, name, "updatedAt") VALUES (gen_random_uuid(), 'last', 'Last', now())`],
    );
    expect(result).toBe("done");
    expect(await slugs()).toEqual(["acme", "first", "last"]);
  });

  it("rolls everything back when a last statement fails, and the connection stays usable", async () => {
    await expect(
      db.sql.transaction(
        (tx) => tx.execute`INSERT INTO "Organization" (id, slug, name, "updatedAt") VALUES (gen_random_uuid(), 'kept?', 'No', now())`,
        () => [Prisma.sql`INSERT INTO "Organization" (id, slug, name, "updatedAt") VALUES (gen_random_uuid(), 'acme', 'Taken', now())`],
      ),
    ).rejects.toThrow(/unique|duplicate/i);
    expect(await slugs()).toEqual(["acme", "first", "last"]);
    // Every connection of the pool still answers, none left inside the failed transaction.
    await Promise.all(Array.from({ length: 12 }, () => db.sql.transaction((tx) => tx.query`SELECT 1`)));
  });

  it("returns rows as $queryRaw does: bigint, UTC dates, parsed JSON", async () => {
    const [row] = await db.sql.query<{ n: bigint; at: Date; doc: unknown }>`
      SELECT 9007199254740993::int8 AS n, '2026-11-29 12:00:00.123'::timestamp AS at, '{"a":[1]}'::jsonb AS doc`;
    expect(row).toEqual({ n: 9007199254740993n, at: new Date("2026-11-29T12:00:00.123Z"), doc: { a: [1] } });
  });

  // Prepared statements are planned for each call's values: a generic plan made while the directory
  // was empty must not survive its growth (where nothing runs ANALYZE, it would never be replaced).
  it("never keeps a generic plan for a prepared statement", async () => {
    const plans = await db.sql.transaction(async (tx) => {
      for (let i = 0; i < 12; i++) await listDirectoryUsers(tx, directoryId, { filter: `userName eq "u${i}@example.com"` });
      // The pattern is a parameter, so that this statement, prepared too, does not match itself.
      return tx.query<{ generic: bigint | null }>`
        SELECT sum(generic_plans) AS generic FROM pg_prepared_statements WHERE statement LIKE ${'%"DirectoryUser"%'}`;
    });
    expect(Number(plans[0].generic ?? 0)).toBe(0);
  });
});
