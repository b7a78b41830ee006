import { mkdir } from "node:fs/promises";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client.js";
import { applyMigrations, readMigrations } from "./migrate.js";
import { pgDatabase, pgliteDatabase, type SqlDatabase } from "./sql.js";

export { PrismaClient };
export * from "./generated/prisma/client.js";

export type DatabaseKind = "pglite" | "postgres";

export interface Database {
  kind: DatabaseKind;
  prisma: PrismaClient;
  /** The same database as direct SQL, for the hot write path (see sql.ts). */
  sql: SqlDatabase;
  /** Applies pending migrations; safe to call from several instances at once. */
  migrate(): Promise<string[]>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgresql://… selects a PostgreSQL server; otherwise PGlite is used. */
  url?: string;
  /** PGlite data folder; omitted means in memory. */
  dataDir?: string;
  /** An already opened PGlite (tests clone one from a template). */
  pglite?: PGlite;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
}

export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  if (options.url && /^postgres(ql)?:\/\//.test(options.url)) return openPostgres(options.url, options.poolSize);
  return openPGlite(options);
}

async function openPGlite(options: DatabaseOptions): Promise<Database> {
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  // Loaded only in embedded mode: a PostgreSQL deployment need not hold PGlite in memory.
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([import("@electric-sql/pglite"), import("pglite-prisma-adapter")]);
  const pglite = options.pglite ?? new PGlite(options.dataDir);
  await pglite.waitReady;
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    kind: "pglite",
    prisma,
    sql: pgliteDatabase(pglite),
    async migrate() {
      const migrations = await readMigrations();
      return pglite.transaction((tx) =>
        applyMigrations(
          {
            exec: async (sql) => void (await tx.exec(sql)),
            query: async <T>(sql: string, params?: unknown[]) => (await tx.query<T>(sql, params)).rows,
          },
          migrations,
        ),
      );
    },
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  // One pool for Prisma and direct SQL, so the pool size bounds both.
  // Custom plans only: the direct SQL path prepares its statements (sql.ts), and a generic plan
  // made while a table was small would otherwise stay cached for as long as no ANALYZE invalidates
  // it (with autovacuum off, forever): a directory's userName lookup had become a sequential scan.
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    pipeline: true,
    options: "-c plan_cache_mode=force_custom_plan",
  } as pg.PoolConfig);
  // An idle connection the server ended (a restart, a failover, a dropped test database) is
  // discarded by the pool; without a listener its error would end the process.
  pool.on("error", () => undefined);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: "postgres",
    prisma,
    sql: pgDatabase(pool),
    async migrate() {
      const migrations = await readMigrations();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query("BEGIN");
        const done = await applyMigrations(
          {
            exec: async (sql) => void (await client.query(sql)),
            query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
          },
          migrations,
        );
        await client.query("COMMIT");
        return done;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        await client.end();
      }
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
