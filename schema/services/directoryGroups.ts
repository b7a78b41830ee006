import type { DirectoryGroup } from "../../prisma/database.js";
import type { Actor } from "../context.js";
import { NotFoundError } from "../errors.js";
import { groupColumns, groupResourceFromBody, groupToScim, storedGroupAttributes } from "../scim/groupResource.js";
import { applyGroupPatch, parsePatchRequest, type MemberOperation } from "../scim/patch.js";
import type { ScimGroup } from "../scim/types.js";
import { checkIfMatch } from "../scim/version.js";
import { directoryForWrite, lockResource } from "./directoryAccess.js";
import { recordEvents, type NewEvent } from "./events.js";
import { applyMemberOperations, type MembershipChange } from "./groupMembership.js";
import { syncGroupDeleted, syncGroupMembers, syncGroupRenamed } from "./sync.js";
import { UTC_NOW } from "./sync/sql.js";
import type { Tx } from "./transaction.js";
import { requireStorable } from "./validation.js";

function summary(group: DirectoryGroup) {
  return { id: group.id, displayName: group.displayName, externalId: group.externalId };
}

function memberEvents(group: DirectoryGroup, change: MembershipChange): NewEvent[] {
  const event = (type: "group.user_added" | "group.user_removed", directoryUserId: string): NewEvent => ({
    type,
    directoryId: group.directoryId,
    payload: { group: summary(group), directoryUserId },
  });
  return [
    ...change.added.map((id) => event("group.user_added", id)),
    ...change.removed.map((id) => event("group.user_removed", id)),
  ];
}

async function changeMembers(tx: Tx, group: DirectoryGroup, operations: readonly MemberOperation[]) {
  const change = await applyMemberOperations(tx, group, operations);
  if (change.added.length || change.removed.length) await syncGroupMembers(tx, group, change.added, change.removed);
  return change;
}

/** POST /Groups, with any members in the body. */
export async function createDirectoryGroup(tx: Tx, actor: Actor, input: { directoryId: string; resource: unknown }) {
  requireStorable(input.resource, "resource");
  const directory = await directoryForWrite(tx, actor, input.directoryId);
  const { resource, members } = groupResourceFromBody(input.resource);
  const columns = groupColumns(resource);
  const [group] = await tx.query<DirectoryGroup>`
    INSERT INTO "DirectoryGroup" (id, "directoryId", "externalId", "displayName", "displayNameKey", raw, "createdAt", "updatedAt")
    VALUES (gen_random_uuid(), ${directory.id}::uuid, ${columns.externalId}, ${columns.displayName}, ${columns.displayNameKey},
      ${JSON.stringify(storedGroupAttributes(resource))}::jsonb, ${UTC_NOW}, ${UTC_NOW})
    RETURNING *`;
  // A new group has no grants yet; matching mappings see its members through syncGroupMembers.
  const change = await changeMembers(tx, group, members ? [members] : []);
  await recordEvents(tx, directory.organizationId, [
    { type: "group.created", directoryId: directory.id, payload: { group: summary(group) } },
    ...memberEvents(group, change),
  ]);
  return group;
}

async function lockedGroup(tx: Tx, actor: Actor, id: string, ifMatch?: string | null) {
  const group = await lockResource(tx, "DirectoryGroup", id);
  if (!group) throw new NotFoundError(`No group with id "${id}".`);
  const directory = await directoryForWrite(tx, actor, group.directoryId);
  checkIfMatch(ifMatch, group.version);
  return { ...group, directory };
}

async function writeGroup(
  tx: Tx,
  before: DirectoryGroup & { directory: { organizationId: string } },
  resource: ScimGroup,
  memberOperations: readonly MemberOperation[],
) {
  const columns = groupColumns(resource);
  const raw = storedGroupAttributes(resource);
  const attributesChanged =
    columns.displayName !== before.displayName ||
    columns.externalId !== before.externalId ||
    JSON.stringify(raw) !== JSON.stringify(before.raw);
  const [group] = await tx.query<DirectoryGroup>`
    UPDATE "DirectoryGroup" SET "externalId" = ${columns.externalId}, "displayName" = ${columns.displayName},
      "displayNameKey" = ${columns.displayNameKey}, raw = ${JSON.stringify(raw)}::jsonb,
      version = version + 1, "updatedAt" = ${UTC_NOW}
    WHERE id = ${before.id}::uuid
    RETURNING *`;
  if (columns.displayName !== before.displayName) await syncGroupRenamed(tx, group, before.displayName);
  const change = await changeMembers(tx, group, memberOperations);
  await recordEvents(tx, before.directory.organizationId, [
    // Okta re-sends the group's name with every membership push: no event when nothing changed.
    ...(attributesChanged
      ? [{ type: "group.updated" as const, directoryId: group.directoryId, payload: { group: summary(group), previousDisplayName: before.displayName } }]
      : []),
    ...memberEvents(group, change),
  ]);
  return group;
}

/** PUT /Groups/:id. Members are replaced when the body has `members`, kept otherwise. */
export async function replaceDirectoryGroup(
  tx: Tx,
  actor: Actor,
  input: { id: string; resource: unknown; ifMatch?: string | null },
) {
  requireStorable(input.resource, "resource");
  const before = await lockedGroup(tx, actor, input.id, input.ifMatch);
  const { resource, members } = groupResourceFromBody(input.resource);
  return writeGroup(tx, before, resource, members ? [members] : []);
}

/** PATCH /Groups/:id: attributes patched in memory, member changes applied set-based, all in one transaction. */
export async function patchDirectoryGroup(
  tx: Tx,
  actor: Actor,
  input: { id: string; operations: unknown; ifMatch?: string | null },
) {
  requireStorable(input.operations, "Operations");
  const operations = parsePatchRequest(input.operations);
  const before = await lockedGroup(tx, actor, input.id, input.ifMatch);
  const { resource, memberOps } = applyGroupPatch(groupToScim(before, ""), operations);
  return writeGroup(tx, before, resource, memberOps);
}

/** DELETE /Groups/:id: revokes every grant the group gave, then removes it. */
export async function deleteDirectoryGroup(tx: Tx, actor: Actor, input: { id: string; ifMatch?: string | null }) {
  const group = await lockedGroup(tx, actor, input.id, input.ifMatch);
  await syncGroupDeleted(tx, group);
  await tx.execute`DELETE FROM "DirectoryGroup" WHERE id = ${group.id}::uuid`;
  await recordEvents(tx, group.directory.organizationId, [
    { type: "group.deleted", directoryId: group.directoryId, payload: { group: summary(group) } },
  ]);
  return group;
}
