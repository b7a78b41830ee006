import { readFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { describe, inject } from "vitest";
import { openDatabase, type Database, type DatabaseKind } from "../../prisma/database.js";
import { adminUrl, databaseUrl } from "./postgres.js";

/** Opens a fresh, migrated database of the given kind, cloned from the run's template. */
export async function openTestDatabase(kind: DatabaseKind): Promise<Database> {
  if (kind === "pglite") {
    const dump = await readFile(inject("pgliteTemplate"));
    const pglite = new PGlite({ loadDataDir: new Blob([dump]) });
    return openDatabase({ pglite });
  }
  const serverUrl = process.env.TEST_DATABASE_URL!;
  const name = `roster_t_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl(serverUrl) });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject("postgresTemplate")}`);
  } finally {
    await admin.end();
  }
  const db = await openDatabase({ url: databaseUrl(serverUrl, name) });
  return {
    ...db,
    async close() {
      await db.close();
      const cleanup = new pg.Client({ connectionString: adminUrl(serverUrl) });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/**
 * Declares a suite once per database kind: PGlite always, PostgreSQL when
 * TEST_DATABASE_URL is set (skipped, and named as skipped, otherwise).
 */
export function describeEachDatabase(name: string, suite: (kind: DatabaseKind) => void): void {
  describe(`${name} [pglite]`, () => suite("pglite"));
  const postgres = inject("postgresTemplate");
  (postgres ? describe : describe.skip)(
    postgres ? `${name} [postgres]` : `${name} [postgres: skipped, TEST_DATABASE_URL not set]`,
    () => suite("postgres"),
  );
}
