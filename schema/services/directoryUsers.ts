import type { DirectoryUser } from "../../prisma/database.js";
import type { Actor } from "../context.js";
import { ConflictError, NotFoundError } from "../errors.js";
import { applyUserPatch, parsePatchRequest } from "../scim/patch.js";
import type { ScimUser } from "../scim/types.js";
import { storedUserAttributes, userColumns, userResourceFromBody, userToScim } from "../scim/userResource.js";
import { checkIfMatch } from "../scim/version.js";
import { directoryForWrite, lockResource } from "./directoryAccess.js";
import { recordEvents, type NewEvent } from "./events.js";
import { syncDirectoryUser, syncDirectoryUserDeleted } from "./sync.js";
import { UTC_NOW } from "./sync/sql.js";
import type { Tx } from "./transaction.js";
import { requireStorable } from "./validation.js";

function summary(user: DirectoryUser) {
  return {
    id: user.id,
    userName: user.userName,
    externalId: user.externalId,
    active: user.active,
    email: user.email,
    userId: user.userId,
  };
}

/** user.updated plus user.deactivated / user.reactivated when `active` flipped. */
function changeEvents(before: DirectoryUser, after: DirectoryUser): NewEvent[] {
  const events: NewEvent[] = [{ type: "user.updated", directoryId: after.directoryId, payload: { user: summary(after) } }];
  if (before.active && !after.active) {
    events.push({ type: "user.deactivated", directoryId: after.directoryId, payload: { user: summary(after) } });
  } else if (!before.active && after.active) {
    events.push({ type: "user.reactivated", directoryId: after.directoryId, payload: { user: summary(after) } });
  }
  return events;
}

/** POST /Users. A userName already in the directory (any letter case) is a conflict. */
export async function createDirectoryUser(tx: Tx, actor: Actor, input: { directoryId: string; resource: unknown }) {
  requireStorable(input.resource, "resource");
  const directory = await directoryForWrite(tx, actor, input.directoryId);
  const resource = userResourceFromBody(input.resource);
  const columns = userColumns(resource);
  // ON CONFLICT DO NOTHING: of two concurrent creates, the second waits for
  // the first to commit and then inserts nothing, so exactly one user exists.
  const [created] = await tx.query<DirectoryUser>`
    INSERT INTO "DirectoryUser" (id, "directoryId", "externalId", "userName", "userNameKey", active, "givenName",
      "familyName", "displayName", email, "emailKey", raw, "createdAt", "updatedAt")
    VALUES (gen_random_uuid(), ${directory.id}::uuid, ${columns.externalId}, ${columns.userName}, ${columns.userNameKey},
      ${columns.active}, ${columns.givenName}, ${columns.familyName}, ${columns.displayName}, ${columns.email},
      ${columns.emailKey}, ${JSON.stringify(storedUserAttributes(resource))}::jsonb, ${UTC_NOW}, ${UTC_NOW})
    ON CONFLICT DO NOTHING
    RETURNING *`;
  if (!created) throw new ConflictError(`A user with userName "${columns.userName}" already exists in this directory.`);
  // Sync only links the row to its Roster user, so the row need not be read again.
  const user = { ...created, userId: await syncDirectoryUser(tx, created, null) };
  await recordEvents(tx, directory.organizationId, [
    { type: "user.created", directoryId: directory.id, payload: { user: summary(user) } },
  ]);
  return user;
}

async function lockedUser(tx: Tx, actor: Actor, id: string, ifMatch?: string | null) {
  const user = await lockResource(tx, "DirectoryUser", id);
  if (!user) throw new NotFoundError(`No user with id "${id}".`);
  const directory = await directoryForWrite(tx, actor, user.directoryId);
  checkIfMatch(ifMatch, user.version);
  return { ...user, directory };
}

async function writeUser(tx: Tx, before: DirectoryUser & { directory: { organizationId: string } }, resource: ScimUser) {
  const columns = userColumns(resource);
  if (columns.userNameKey !== before.userNameKey) {
    const [taken] = await tx.query`
      SELECT id FROM "DirectoryUser" WHERE "directoryId" = ${before.directoryId}::uuid AND "userNameKey" = ${columns.userNameKey}`;
    if (taken) throw new ConflictError(`A user with userName "${columns.userName}" already exists in this directory.`);
  }
  const [updated] = await tx.query<DirectoryUser>`
    UPDATE "DirectoryUser" SET "externalId" = ${columns.externalId}, "userName" = ${columns.userName},
      "userNameKey" = ${columns.userNameKey}, active = ${columns.active}, "givenName" = ${columns.givenName},
      "familyName" = ${columns.familyName}, "displayName" = ${columns.displayName}, email = ${columns.email},
      "emailKey" = ${columns.emailKey}, raw = ${JSON.stringify(storedUserAttributes(resource))}::jsonb,
      version = version + 1, "updatedAt" = ${UTC_NOW}
    WHERE id = ${before.id}::uuid
    RETURNING *`;
  const after = { ...updated, userId: await syncDirectoryUser(tx, updated, before) };
  await recordEvents(tx, before.directory.organizationId, changeEvents(before, after));
  return after;
}

/** PUT /Users/:id: the body replaces the user (read-only attributes it echoes are ignored). */
export async function replaceDirectoryUser(
  tx: Tx,
  actor: Actor,
  input: { id: string; resource: unknown; ifMatch?: string | null },
) {
  requireStorable(input.resource, "resource");
  const before = await lockedUser(tx, actor, input.id, input.ifMatch);
  return writeUser(tx, before, userResourceFromBody(input.resource));
}

/** PATCH /Users/:id: all operations apply, or none. */
export async function patchDirectoryUser(
  tx: Tx,
  actor: Actor,
  input: { id: string; operations: unknown; ifMatch?: string | null },
) {
  requireStorable(input.operations, "Operations");
  const operations = parsePatchRequest(input.operations);
  const before = await lockedUser(tx, actor, input.id, input.ifMatch);
  const current = userToScim(before, "");
  const patched = applyUserPatch(current, operations);
  return writeUser(tx, before, patched);
}

/** DELETE /Users/:id: ends the user's membership and teams as deactivation does, then removes the record. */
export async function deleteDirectoryUser(tx: Tx, actor: Actor, input: { id: string; ifMatch?: string | null }) {
  const user = await lockedUser(tx, actor, input.id, input.ifMatch);
  await syncDirectoryUserDeleted(tx, user);
  await tx.execute`DELETE FROM "DirectoryUser" WHERE id = ${user.id}::uuid`;
  await recordEvents(tx, user.directory.organizationId, [
    { type: "user.deleted", directoryId: user.directoryId, payload: { user: summary(user) } },
  ]);
  return user;
}
