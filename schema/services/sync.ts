/**
 * Organization and team sync from directory data. The directory services call
 * these inside their transaction, after writing directory rows (or, for
 * deletions, before deleting them). Every function reconciles a scope to
 * what the directory data says now, so the end state depends only on what
 * the IdP last said, never on the order of its calls (rule 9).
 */
import type { DirectoryGroup, DirectoryUser } from "../../prisma/database.js";
import type { Tx } from "./transaction.js";
import { reconcileGrants } from "./sync/grants.js";
import { createMembership, reconcileMemberships } from "./sync/memberships.js";
import { linkRosterUser } from "./sync/rosterUsers.js";
import { lockOrganization, lockOrganizationOf, lockUsers, lockUsersOf } from "./sync/sql.js";

/**
 * After a directory user was created (previous null) or replaced/patched:
 * rules 1, 2, 3, 8. Returns the Roster user it is linked to (null while none).
 */
export async function syncDirectoryUser(tx: Tx, user: DirectoryUser, previous: DirectoryUser | null): Promise<string | null> {
  const organizationId = await lockOrganizationOf(tx, user.directoryId, "shared");
  const userId = await linkRosterUser(tx, user, previous);
  if (!userId) return null;
  const reason = !previous ? "user_created" : previous.active && !user.active ? "user_deactivated" : !previous.active && user.active ? "user_reactivated" : "user_updated";
  if (!previous && user.active && (await createMembership(tx, { organizationId, userId, directoryId: user.directoryId }, reason))) {
    return userId;
  }
  const groupsChanged = previous !== null && (previous.active !== user.active || previous.userId !== userId);
  await reconcileMemberships(tx, { organizationId, userIds: [userId], directoryId: user.directoryId, groupsChanged }, reason);
  return userId;
}

/** Before a directory user is deleted: the same as deactivation (rule 3). */
export async function syncDirectoryUserDeleted(tx: Tx, user: DirectoryUser): Promise<void> {
  const organizationId = await lockOrganizationOf(tx, user.directoryId, "shared");
  if (!user.userId) return;
  await lockUsers(tx, [user.userId]);
  await reconcileMemberships(
    tx,
    { organizationId, userIds: [user.userId], directoryId: user.directoryId, without: { directoryUserId: user.id } },
    "user_deleted",
  );
}

/** After members were added to or removed from a group (rules 5, 8); set-based whatever the count. */
export async function syncGroupMembers(
  tx: Tx,
  group: DirectoryGroup,
  addedDirectoryUserIds: string[],
  removedDirectoryUserIds: string[],
): Promise<void> {
  const directoryUserIds = [...addedDirectoryUserIds, ...removedDirectoryUserIds];
  if (directoryUserIds.length === 0) return;
  const organizationId = await lockOrganizationOf(tx, group.directoryId, "shared");
  // Grants exist only for mapped names, so an unmapped group has nothing to do.
  if (!(await isMapped(tx, organizationId, [group.displayName]))) return;
  await lockUsersOf(tx, directoryUserIds);
  await reconcileGrants(tx, { organizationId, groupIds: [group.id], directoryUserIds }, "group_members_changed");
}

/** After a group's displayName changed: re-matched against the mappings (rule 7). */
export async function syncGroupRenamed(tx: Tx, group: DirectoryGroup, previousDisplayName: string): Promise<void> {
  if (group.displayName === previousDisplayName) return;
  const organizationId = await lockOrganizationOf(tx, group.directoryId, "exclusive");
  if (!(await isMapped(tx, organizationId, [group.displayName, previousDisplayName]))) return;
  await reconcileGrants(tx, { organizationId, groupIds: [group.id] }, "group_renamed");
}

/** Before a group is deleted: all its grants go (rule 7). */
export async function syncGroupDeleted(tx: Tx, group: DirectoryGroup): Promise<void> {
  const organizationId = await lockOrganizationOf(tx, group.directoryId, "exclusive");
  await reconcileGrants(tx, { organizationId, groupIds: [group.id], without: { groupId: group.id } }, "group_deleted");
}

/**
 * Before a directory is deleted: memberships it alone kept active are
 * deactivated (leaving their teams) and its groups' grants are revoked.
 */
export async function syncDirectoryDeleted(tx: Tx, directoryId: string): Promise<void> {
  const organizationId = await lockOrganizationOf(tx, directoryId, "exclusive");
  const linked = await tx.query<{ userId: string }>`
    SELECT DISTINCT "userId"::text AS "userId" FROM "DirectoryUser" WHERE "directoryId" = ${directoryId}::uuid AND "userId" IS NOT NULL`;
  await reconcileMemberships(
    tx,
    { organizationId, userIds: linked.map((u) => u.userId), directoryId, without: { directoryId } },
    "directory_deleted",
  );
  await reconcileGrants(tx, { organizationId, directoryId, without: { directoryId } }, "directory_deleted");
}

/**
 * After a group mapping of `teamId` for `groupName` was added or removed
 * (rule 6): backfills the current members of groups with that name, or
 * revokes what the mapping granted (other grants stay).
 */
export async function syncGroupMapping(
  tx: Tx,
  mapping: { organizationId: string; teamId: string; groupName: string },
  reason: "group_mapping_added" | "group_mapping_removed",
): Promise<void> {
  await lockOrganization(tx, mapping.organizationId);
  const groups = await tx.query<{ id: string }>`
    SELECT g.id::text AS id FROM "DirectoryGroup" g JOIN "Directory" d ON d.id = g."directoryId"
    WHERE g."displayName" = ${mapping.groupName} AND d."organizationId" = ${mapping.organizationId}::uuid`;
  if (groups.length === 0) return;
  await reconcileGrants(
    tx,
    { organizationId: mapping.organizationId, teamIds: [mapping.teamId], groupIds: groups.map((g) => g.id) },
    reason,
  );
}

async function isMapped(tx: Tx, organizationId: string, groupNames: string[]): Promise<boolean> {
  const mappings = await tx.query`
    SELECT 1 FROM "GroupMapping" WHERE "organizationId" = ${organizationId}::uuid AND "groupName" = ANY(${groupNames}::text[]) LIMIT 1`;
  return mappings.length > 0;
}
