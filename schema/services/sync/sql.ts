import { Prisma } from "../../../prisma/database.js";
import { NotFoundError } from "../../errors.js";
import type { Tx } from "../transaction.js";

/** Prisma stores DateTime as UTC in timestamp columns; raw inserts must match whatever the session time zone. */
export const UTC_NOW = Prisma.sql`(now() AT TIME ZONE 'UTC')`;

/**
 * Locks the directory's organization row until commit and returns its id.
 * Sync reads directory data and then writes from it; serializing syncs per
 * organization makes each one see every change committed before it, so
 * concurrent IdP calls cannot leave a state that no order of them explains.
 * (recordEvents takes the same lock at the end of every writer anyway.)
 */
export async function lockOrganizationOf(tx: Tx, directoryId: string): Promise<string> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT o.id FROM "Organization" o JOIN "Directory" d ON d."organizationId" = o.id
    WHERE d.id = ${directoryId}::uuid
    FOR NO KEY UPDATE OF o`;
  if (rows.length === 0) throw new NotFoundError("No such directory.");
  return rows[0].id;
}

export async function lockOrganization(tx: Tx, organizationId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "Organization" WHERE id = ${organizationId}::uuid FOR NO KEY UPDATE`;
}
