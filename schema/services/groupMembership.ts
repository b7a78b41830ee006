import { Prisma } from "../../prisma/database.js";
import type { MemberOperation } from "../scim/patch.js";
import { isResourceId } from "./directoryAccess.js";
import type { Tx } from "./transaction.js";

export interface MembershipChange {
  added: string[];
  removed: string[];
}

/**
 * Applies member operations to a group with one statement each, whatever
 * their size, and returns the net change. Ids that name no user of the
 * group's directory are skipped: IdPs may push a membership for a user they
 * have not provisioned, and Microsoft's suite sends garbage ids on purpose.
 */
export async function applyMemberOperations(
  tx: Tx,
  group: { id: string; directoryId: string },
  operations: readonly MemberOperation[],
): Promise<MembershipChange> {
  const added = new Set<string>();
  const removed = new Set<string>();
  const noteAdded = (ids: string[]) => ids.forEach((id) => (removed.delete(id) ? undefined : added.add(id)));
  const noteRemoved = (ids: string[]) => ids.forEach((id) => (added.delete(id) ? undefined : removed.add(id)));

  for (const operation of operations) {
    if (operation.kind === "removeAll") {
      noteRemoved(await removeMembers(tx, group.id, null));
      continue;
    }
    const ids = [...new Set(operation.ids.filter(isResourceId).map((id) => id.toLowerCase()))];
    if (operation.kind === "add") noteAdded(await addMembers(tx, group, ids));
    else if (operation.kind === "remove") noteRemoved(ids.length ? await removeMembers(tx, group.id, ids) : []);
    else {
      noteRemoved(await removeMembersExcept(tx, group.id, ids));
      noteAdded(await addMembers(tx, group, ids));
    }
  }
  return { added: [...added], removed: [...removed] };
}

async function addMembers(tx: Tx, group: { id: string; directoryId: string }, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx.query<{ id: string }>(addMembersStatement(group, ids));
  return rows.map((row) => row.id);
}

/**
 * Adds the directory's users among `ids` to the group. One primary-key lookup
 * per id (OFFSET 0 keeps the subquery from being flattened into a join):
 * without statistics the planner would otherwise read the whole directory to
 * find the 100 users a PATCH names.
 */
export function addMembersStatement(group: { id: string; directoryId: string }, ids: string[]): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "DirectoryGroupMember" ("groupId", "directoryUserId")
    SELECT ${group.id}::uuid, u.id
    FROM unnest(${ids}::uuid[]) AS m(id), LATERAL (SELECT id, "directoryId" FROM "DirectoryUser" WHERE id = m.id OFFSET 0) u
    WHERE u."directoryId" = ${group.directoryId}::uuid
    ON CONFLICT DO NOTHING
    RETURNING "directoryUserId"::text AS id`;
}

async function removeMembers(tx: Tx, groupId: string, ids: string[] | null): Promise<string[]> {
  const rows = await tx.query<{ id: string }>`
    DELETE FROM "DirectoryGroupMember" WHERE "groupId" = ${groupId}::uuid
    ${ids ? Prisma.sql`AND "directoryUserId" = ANY(${ids}::uuid[])` : Prisma.empty}
    RETURNING "directoryUserId"::text AS id`;
  return rows.map((row) => row.id);
}

async function removeMembersExcept(tx: Tx, groupId: string, keep: string[]): Promise<string[]> {
  const rows = await tx.query<{ id: string }>`
    DELETE FROM "DirectoryGroupMember" WHERE "groupId" = ${groupId}::uuid
    AND NOT ("directoryUserId" = ANY(${keep}::uuid[]))
    RETURNING "directoryUserId"::text AS id`;
  return rows.map((row) => row.id);
}
