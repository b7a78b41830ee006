import type { Prisma, PrismaClient } from "../../prisma/database.js";
import type { EventBus } from "./eventBus.js";

export type Tx = Prisma.TransactionClient;

const busOf = new WeakMap<PrismaClient, EventBus>();
const changedOrganizations = new WeakMap<Tx, Set<string>>();

/** Makes every inTransaction on this client wake the bus's subscribers for the organizations whose events it committed. */
export function notifyCommitsTo(prisma: PrismaClient, bus: EventBus): void {
  busOf.set(prisma, bus);
}

/** Called by recordEvents: the organization has new events once this transaction commits. */
export function markOrganizationChanged(tx: Tx, organizationId: string): void {
  changedOrganizations.get(tx)?.add(organizationId);
}

/**
 * Runs a service in one transaction; services never open their own. After a
 * commit (never after a rollback) it notifies the event bus, so every writer
 * wakes live subscribers without having to remember to.
 */
export async function inTransaction<T>(prisma: PrismaClient, work: (tx: Tx) => Promise<T>): Promise<T> {
  const changed = new Set<string>();
  const result = await prisma.$transaction(
    (tx) => {
      changedOrganizations.set(tx, changed);
      return work(tx);
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
  const bus = busOf.get(prisma);
  if (bus) for (const organizationId of changed) bus.notify(organizationId);
  return result;
}
