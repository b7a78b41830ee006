import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { expect, it } from "vitest";
import { openDatabase } from "../../prisma/database.js";
import { applyMigrations, readMigrations } from "../../prisma/migrate.js";
import { describeEachDatabase, openTestDatabase } from "../support/databases.js";

const run = promisify(execFile);

/** Tables, columns, indexes and constraints: what must agree between two databases. */
async function catalog(pglite: PGlite): Promise<string> {
  const { rows } = await pglite.query<{ line: string }>(`
    SELECT format('col %s.%s %s %s %s', table_name, column_name, data_type, is_nullable, coalesce(column_default, '')) AS line
      FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_roster_migrations'
    UNION ALL
    SELECT format('idx %s', indexdef) FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_roster_migrations'
    UNION ALL
    SELECT format('con %s %s', conname, pg_get_constraintdef(oid)) FROM pg_constraint
      WHERE connamespace = 'public'::regnamespace AND conname NOT LIKE '\_roster%'
    UNION ALL
    SELECT format('enum %s %s', t.typname, e.enumlabel) FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
    ORDER BY 1`);
  return rows.map((r) => r.line).join("\n");
}

it("the committed migrations produce exactly what prisma/schema.prisma describes", async () => {
  const { stdout: fromSchema } = await run(
    "npx",
    ["prisma", "migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
    { env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://unused" } },
  );
  const expected = new PGlite();
  await expected.exec(fromSchema);

  const migrated = new PGlite();
  await (await openDatabase({ pglite: migrated })).migrate();

  expect(await catalog(migrated)).toBe(await catalog(expected));
  await expected.close();
  await migrated.close();
  // The Prisma CLI runs its schema engine in WASM: slow to start on a busy 2-core machine.
}, 240_000);

describeEachDatabase("migrations", (kind) => {
  it("apply once when several instances start at the same time, and are then a no-op", async () => {
    // The template is already migrated, so wipe the record and the tables first.
    const db = await openTestDatabase(kind);
    await db.prisma.$executeRawUnsafe(`DROP SCHEMA public CASCADE`);
    await db.prisma.$executeRawUnsafe(`CREATE SCHEMA public`);
    const results = await Promise.all([db.migrate(), db.migrate(), db.migrate()]);
    const migrations = (await readMigrations()).map((m) => m.name);
    expect(results.flat().sort()).toEqual(migrations.sort());
    expect(await db.migrate()).toEqual([]);
    await db.close();
  });
});

it("refuses a migration that was edited after it was applied", async () => {
  const pglite = new PGlite();
  const session = {
    exec: async (sql: string) => void (await pglite.exec(sql)),
    query: async <T>(sql: string, params?: unknown[]) => (await pglite.query<T>(sql, params)).rows,
  };
  await applyMigrations(session, [{ name: "001", sql: "CREATE TABLE a (x int)", checksum: "one" }]);
  await expect(
    applyMigrations(session, [{ name: "001", sql: "CREATE TABLE a (y int)", checksum: "two" }]),
  ).rejects.toThrow(/was changed after it was applied/);
  await pglite.close();
});
