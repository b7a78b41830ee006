import { readdir, readFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import path from "node:path";

/** What the migrator needs from a connection that is inside a transaction. */
export interface MigrationSession {
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

export const migrationsDir = fileURLToPath(new URL("../prisma/migrations", import.meta.url));

// Any constant works; it only has to be the same for every Roster instance.
const MIGRATION_LOCK_KEY = 727_001;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export async function readMigrations(dir = migrationsDir): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

/**
 * Applies the committed migrations that the database has not seen, in order.
 * The caller runs this inside one transaction; the advisory lock makes
 * instances that start together wait for each other instead of racing.
 */
export async function applyMigrations(session: MigrationSession, migrations: Migration[]): Promise<string[]> {
  await session.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK_KEY]);
  await session.exec(`CREATE TABLE IF NOT EXISTS "_roster_migrations" (
    name TEXT PRIMARY KEY,
    checksum TEXT NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
  )`);
  const applied = new Map(
    (await session.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM "_roster_migrations"`)).map(
      (row) => [row.name, row.checksum],
    ),
  );
  const done: string[] = [];
  for (const migration of migrations) {
    const seen = applied.get(migration.name);
    if (seen !== undefined) {
      if (seen !== migration.checksum) {
        throw new Error(`Migration ${migration.name} was changed after it was applied; add a new migration instead.`);
      }
      continue;
    }
    await session.exec(migration.sql);
    await session.query(`INSERT INTO "_roster_migrations" (name, checksum) VALUES ($1, $2)`, [
      migration.name,
      migration.checksum,
    ]);
    done.push(migration.name);
  }
  return done;
}
