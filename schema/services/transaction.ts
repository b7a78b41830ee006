import type { Prisma, PrismaClient } from "../../prisma/database.js";
import type { EventBus } from "./eventBus.js";
import { queueEventsOf, writeQueuedEvents } from "./events.js";

export type Tx = Prisma.TransactionClient;

const busOf = new WeakMap<PrismaClient, EventBus>();

/** Makes every inTransaction on this client wake the bus's subscribers for the organizations whose events it committed. */
export function notifyCommitsTo(prisma: PrismaClient, bus: EventBus): void {
  busOf.set(prisma, bus);
}

/**
 * Runs a service in one transaction; services never open their own. The
 * events the service recorded are written last, just before commit. After a
 * commit (never after a rollback) it notifies the event bus, so every writer
 * wakes live subscribers without having to remember to.
 */
export async function inTransaction<T>(prisma: PrismaClient, work: (tx: Tx) => Promise<T>): Promise<T> {
  let changed: string[] = [];
  const result = await prisma.$transaction(
    async (tx) => {
      queueEventsOf(tx);
      const value = await work(tx);
      changed = await writeQueuedEvents(tx);
      return value;
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
  const bus = busOf.get(prisma);
  if (bus) for (const organizationId of changed) bus.notify(organizationId);
  return result;
}
