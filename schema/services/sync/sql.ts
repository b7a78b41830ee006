import { Prisma } from "../../../prisma/database.js";
import { NotFoundError } from "../../errors.js";
import type { Tx } from "../transaction.js";

/** Prisma stores DateTime as UTC in timestamp columns; raw inserts must match whatever the session time zone. */
export const UTC_NOW = Prisma.sql`(now() AT TIME ZONE 'UTC')`;

/** The advisory-lock namespace of sync locks; the other key is a hash of the organization's id. */
const SYNC_LOCK = 0x526f7374;
const syncKey = (organizationId: Prisma.Sql) => Prisma.sql`${SYNC_LOCK}::int, hashtext(${organizationId}::text)`;

/*
 * Sync reads directory data and writes from it, so two syncs that read what
 * the other writes must run one after the other, each seeing what the other
 * committed; then concurrent IdP calls cannot leave a state that no order of
 * them explains. Two kinds of lock, both held until commit:
 * - a change about some people (a user created, updated or deleted; members
 *   added to or removed from a group) holds its organization's sync lock
 *   shared and the rows of those Roster users, so changes about different
 *   people run in parallel and changes about the same person in turn;
 * - a change that re-reads whole groups (a mapping added or removed, a group
 *   renamed or deleted, a directory deleted, a team member added by hand)
 *   holds the organization's sync lock exclusively.
 * Event sequences are handed out at commit (takeQueuedEvents), not here.
 */

/**
 * Takes the sync lock of a directory's organization, "shared" for a change
 * about some people, "exclusive" for one that re-reads whole groups; returns
 * the organization's id.
 */
export async function lockOrganizationOf(tx: Tx, directoryId: string, mode: "shared" | "exclusive"): Promise<string> {
  const lock = Prisma.raw(mode === "shared" ? "pg_advisory_xact_lock_shared" : "pg_advisory_xact_lock");
  const rows = await tx.query<{ id: string }>`
    SELECT d."organizationId"::text AS id, ${lock}(${syncKey(Prisma.sql`d."organizationId"`)})::text
    FROM "Directory" d WHERE d.id = ${directoryId}::uuid`;
  if (rows.length === 0) throw new NotFoundError("No such directory.");
  return rows[0].id;
}

export async function lockOrganization(tx: Tx, organizationId: string): Promise<void> {
  await tx.query`SELECT pg_advisory_xact_lock(${syncKey(Prisma.sql`${organizationId}::uuid`)})::text`;
}

/** Locks Roster users' rows, in id order so that two changes about overlapping people cannot deadlock. */
export async function lockUsers(tx: Tx, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  await tx.query`SELECT id FROM "User" WHERE id = ANY(${userIds}::uuid[]) ORDER BY id FOR NO KEY UPDATE`;
}

/** Locks the Roster users linked to these directory users (see lockUsers). */
export async function lockUsersOf(tx: Tx, directoryUserIds: string[]): Promise<void> {
  if (directoryUserIds.length === 0) return;
  await tx.query`
    SELECT u.id FROM "User" u
    WHERE u.id IN (SELECT "userId" FROM "DirectoryUser" WHERE id = ANY(${directoryUserIds}::uuid[]))
    ORDER BY u.id FOR NO KEY UPDATE OF u`;
}
