import type { DirectoryGroup, DirectoryUser } from "../../prisma/database.js";
import type { Actor } from "../context.js";
import { ForbiddenError, NotFoundError } from "../errors.js";
import { canAccessOrganization } from "./access.js";
import type { Tx } from "./transaction.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** SCIM ids are ours (UUIDs); anything else names no resource rather than failing in SQL. */
export function isResourceId(id: string): boolean {
  return UUID.test(id);
}

/** The directory a write goes to, after checking the actor may write there. */
export async function directoryForWrite(tx: Tx, actor: Actor, directoryId: string): Promise<{ id: string; organizationId: string }> {
  if (!isResourceId(directoryId)) throw new NotFoundError("No such directory.");
  // An IdP writing to its own directory: authentication has just read that directory.
  if (actor.kind === "directory" && actor.directoryId === directoryId) {
    return { id: directoryId, organizationId: actor.organizationId };
  }
  const [directory] = await tx.query<{ id: string; organizationId: string }>`
    SELECT id::text, "organizationId"::text FROM "Directory" WHERE id = ${directoryId}::uuid`;
  // Only who may see every directory learns that one does not exist.
  if (!directory && actor.kind === "operator") throw new NotFoundError("No such directory.");
  if (!directory || !canAccessOrganization(actor, directory.organizationId)) {
    throw new ForbiddenError("This credential has no access to that directory.");
  }
  return directory;
}

/**
 * Locks a directory user or group row for the rest of the transaction, so
 * concurrent PUT/PATCH/DELETE of one resource apply one after another, and
 * returns it as locked (null when there is none).
 */
export async function lockResource(tx: Tx, table: "DirectoryUser", id: string): Promise<DirectoryUser | null>;
export async function lockResource(tx: Tx, table: "DirectoryGroup", id: string): Promise<DirectoryGroup | null>;
export async function lockResource(tx: Tx, table: "DirectoryUser" | "DirectoryGroup", id: string) {
  if (!isResourceId(id)) return null;
  const rows =
    table === "DirectoryUser"
      ? await tx.query<DirectoryUser>`SELECT * FROM "DirectoryUser" WHERE id = ${id}::uuid FOR UPDATE`
      : await tx.query<DirectoryGroup>`SELECT * FROM "DirectoryGroup" WHERE id = ${id}::uuid FOR UPDATE`;
  return rows[0] ?? null;
}
