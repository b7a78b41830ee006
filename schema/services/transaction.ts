import type { Prisma, PrismaClient } from "../../prisma/database.js";
import { prismaSql, type Sql, type SqlDatabase } from "../../prisma/sql.js";
import type { EventBus } from "./eventBus.js";
import { queueEventsOf, takeQueuedEvents } from "./events.js";

/** A transaction as SQL: what the directory services, sync and the outbox write with. */
export type Tx = Sql;

/** A transaction that can also use Prisma's ORM, for the services that run rarely (admin and setup writes). */
export interface OrmTx extends Tx {
  orm: Prisma.TransactionClient;
}

const busOf = new WeakMap<object, EventBus>();

/** Makes every transaction on this database wake the bus's subscribers for the organizations whose events it committed. */
export function notifyCommitsTo(database: { prisma: PrismaClient; sql: SqlDatabase }, bus: EventBus): void {
  busOf.set(database.prisma, bus);
  busOf.set(database.sql, bus);
}

function notify(database: object, changed: string[]) {
  const bus = busOf.get(database);
  if (bus) for (const organizationId of changed) bus.notify(organizationId);
}

/*
 * The events a service recorded are written last, by statements sent together
 * with the COMMIT (see events.ts: they hold the organization's counter until
 * commit, so the shorter that is, the more writers an organization takes).
 * After a commit (never after a rollback) the event bus is notified, so every
 * writer wakes live subscribers without having to remember to.
 */

/** Runs a service in one transaction on direct SQL; services never open their own. */
export async function inTransaction<T>(sql: SqlDatabase, work: (tx: Tx) => Promise<T>): Promise<T> {
  let changed: string[] = [];
  const value = await sql.transaction(
    (tx) => {
      queueEventsOf(tx);
      return work(tx);
    },
    (tx) => {
      const queued = takeQueuedEvents(tx);
      changed = queued.organizationIds;
      return queued.statements;
    },
  );
  notify(sql, changed);
  return value;
}

/** inTransaction for services that use the ORM as well as SQL. */
export async function inOrmTransaction<T>(prisma: PrismaClient, work: (tx: OrmTx) => Promise<T>): Promise<T> {
  let changed: string[] = [];
  const value = await prisma.$transaction(
    async (orm) => {
      const tx: OrmTx = { ...prismaSql(orm), orm };
      queueEventsOf(tx);
      const result = await work(tx);
      const queued = takeQueuedEvents(tx);
      for (const statement of queued.statements) await tx.execute(statement);
      changed = queued.organizationIds;
      return result;
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
  notify(prisma, changed);
  return value;
}
