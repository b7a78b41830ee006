import type { PGlite, Transaction as PGliteTransaction } from "@electric-sql/pglite";
import pg from "pg";
import { Prisma } from "./generated/prisma/client.js";

/**
 * SQL on one connection, written as tagged templates whose values become
 * bind parameters (fragments compose with Prisma.sql / Prisma.join).
 *
 * The SCIM write path runs on this instead of Prisma's client: Prisma adds
 * about 0.45 ms of CPU to every statement, raw ones included (per-statement
 * planning in its client engine), which made it most of the cost of an IdP
 * call. Rows come back as `$queryRaw` gives them: int8 as bigint, timestamp
 * as a UTC Date, json parsed, enums as their stored strings.
 */
export interface Sql {
  query<T = Record<string, unknown>>(strings: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<T[]>;
  /** Runs a statement; returns the number of rows it changed. */
  execute(strings: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number>;
}

/** The database as direct SQL: statements outside a transaction, or one transaction. */
export interface SqlDatabase extends Sql {
  /**
   * Runs `work` in a transaction. `last` gives the transaction's final
   * statements, which are sent together with the COMMIT: whatever row locks
   * they take are held for one round trip, not until this process gets
   * around to committing.
   */
  transaction<T>(work: (sql: Sql) => Promise<T>, last?: (sql: Sql) => Prisma.Sql[]): Promise<T>;
}

function statement(strings: TemplateStringsArray | Prisma.Sql, values: unknown[]): { text: string; values: unknown[] } {
  const sql = strings instanceof Prisma.Sql ? strings : Prisma.sql(strings, ...values);
  return { text: sql.text, values: sql.values.map(parameter) };
}

/** Parameters as Prisma sends them: dates as ISO strings (UTC), bigints as text. */
function parameter(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  return value;
}

const INT8 = 20;
const TIMESTAMP = 1114;
/** Prisma's columns are `timestamp(3)` holding UTC, whatever the session or process time zone. */
const utcTimestamp = (text: string) => new Date(`${text.replace(" ", "T")}Z`);

const pgTypes = {
  getTypeParser(oid: number, format?: string) {
    if (oid === INT8) return (text: string) => BigInt(text);
    if (oid === TIMESTAMP) return utcTimestamp;
    return pg.types.getTypeParser(oid, format as "text");
  },
};

/**
 * Statements are prepared once per connection under a name, so PostgreSQL
 * parses the sync's larger queries once rather than on every call (they are
 * still planned for each call's values: see database.ts).
 * Names are handed out for the first PREPARED_LIMIT distinct texts only:
 * filters make SQL text from client input, and each name lives as long as
 * its connection.
 */
const PREPARED_LIMIT = 500;
const preparedNames = new Map<string, string>();

function prepared(text: string): string | undefined {
  let name = preparedNames.get(text);
  if (!name && preparedNames.size < PREPARED_LIMIT) {
    name = `roster_${preparedNames.size}`;
    preparedNames.set(text, name);
  }
  return name;
}

/** Sql over a driver's way of running one statement, returning its rows and how many it changed. */
function sqlOver(run: (text: string, values: unknown[]) => Promise<{ rows: unknown[]; changed: number }>): Sql {
  const exec = (strings: TemplateStringsArray | Prisma.Sql, values: unknown[]) => {
    const { text, values: params } = statement(strings, values);
    return run(text, params);
  };
  return {
    query: async <T>(strings: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => (await exec(strings, values)).rows as T[],
    execute: async (strings: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => (await exec(strings, values)).changed,
  };
}

function onPg(client: pg.Pool | pg.PoolClient): Sql {
  return sqlOver(async (text, values) => {
    const result = await client.query({ name: prepared(text), text, values, types: pgTypes });
    return { rows: result.rows, changed: result.rowCount ?? 0 };
  });
}

/** Waits for every promise, then throws the first failure (none is left rejected unobserved). */
async function settle(promises: Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(promises)).find((outcome) => outcome.status === "rejected");
  if (failed) throw (failed as PromiseRejectedResult).reason;
}

/**
 * A pg pool as direct SQL (Prisma's adapter shares the same pool). The pool's
 * clients pipeline (pg's `pipeline` option): BEGIN goes out with the first
 * statement, and the last statements with the COMMIT. Each statement still
 * has its own Sync, so after a failure PostgreSQL refuses the rest and
 * answers the COMMIT with ROLLBACK.
 */
export function pgDatabase(pool: pg.Pool): SqlDatabase {
  return {
    ...onPg(pool),
    async transaction(work, last) {
      const client = await pool.connect();
      const begin = client.query("BEGIN");
      begin.catch(() => undefined);
      try {
        const tx = onPg(client);
        const result = await work(tx);
        await begin;
        // Each call below writes its statement at once, so they reach the server in this order, COMMIT last.
        const finals = (last?.(tx) ?? []).map((sql) => tx.execute(sql));
        const commit = client.query("COMMIT");
        await settle([commit, ...finals]);
        const { command } = await commit;
        if (command !== "COMMIT") throw new Error(`The transaction ended in ${command} instead of COMMIT.`);
        client.release();
        return result;
      } catch (error) {
        // A connection that cannot even roll back is broken: the pool discards it instead of lending it again.
        await client.query("ROLLBACK").then(
          () => client.release(),
          (broken: Error) => client.release(broken),
        );
        throw error;
      }
    },
  };
}

const pgliteParsers = { [INT8]: (text: string) => BigInt(text), [TIMESTAMP]: utcTimestamp };

function onPGlite(db: PGlite | PGliteTransaction): Sql {
  return sqlOver(async (text, values) => {
    const result = await db.query(text, values, { parsers: pgliteParsers });
    return { rows: result.rows, changed: result.affectedRows ?? 0 };
  });
}

/** A PGlite instance as direct SQL; PGlite runs one transaction at a time, Prisma's included. */
export function pgliteDatabase(pglite: PGlite): SqlDatabase {
  return {
    ...onPGlite(pglite),
    transaction: (work, last) =>
      pglite.transaction(async (tx) => {
        const sql = onPGlite(tx);
        const result = await work(sql);
        for (const statement of last?.(sql) ?? []) await sql.execute(statement);
        return result;
      }),
  };
}

/** Raw SQL inside one of Prisma's interactive transactions, for services that also use the ORM. */
export function prismaSql(tx: Prisma.TransactionClient): Sql {
  return {
    query: <T>(strings: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) =>
      (strings instanceof Prisma.Sql ? tx.$queryRaw<T[]>(strings) : tx.$queryRaw<T[]>(strings, ...values)),
    execute: (strings: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) =>
      strings instanceof Prisma.Sql ? tx.$executeRaw(strings) : tx.$executeRaw(strings, ...values),
  };
}
