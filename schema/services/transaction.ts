import type { Prisma, PrismaClient } from "../../prisma/database.js";

export type Tx = Prisma.TransactionClient;

/** Runs a service in one transaction; services never open their own. */
export function inTransaction<T>(prisma: PrismaClient, work: (tx: Tx) => Promise<T>): Promise<T> {
  return prisma.$transaction(work, { timeout: 30_000, maxWait: 30_000 });
}
