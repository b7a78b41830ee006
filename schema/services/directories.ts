import { z } from "zod";
import type { DirectoryProvider } from "../../prisma/database.js";
import type { Actor } from "../context.js";
import { NotFoundError } from "../errors.js";
import { requireOrganizationAccess } from "./access.js";
import { recordEvents } from "./events.js";
import { issueSecret } from "./secrets.js";
import { syncDirectoryDeleted } from "./sync.js";
import type { OrmTx } from "./transaction.js";
import { nameSchema, parseInput } from "./validation.js";

const createDirectoryInput = z.object({
  organizationId: z.string().uuid(),
  name: nameSchema,
  provider: z.enum(["OKTA_SCIM_V2", "AZURE_SCIM_V2", "ONELOGIN_SCIM_V2", "JUMPCLOUD_SCIM_V2", "GENERIC_SCIM_V2"]),
});

/** Creates a directory; the bearer token is returned here once and only its hash is kept. */
export async function createDirectory(
  tx: OrmTx,
  actor: Actor,
  input: { organizationId: string; name: string; provider: DirectoryProvider },
) {
  const data = parseInput(createDirectoryInput, input);
  requireOrganizationAccess(actor, data.organizationId);
  const token = issueSecret("scim");
  const directory = await tx.orm.directory.create({
    data: { ...data, tokenHash: token.hash, tokenPrefix: token.prefix },
  });
  await recordEvents(tx, directory.organizationId, [
    {
      type: "directory.created",
      directoryId: directory.id,
      payload: { directory: { id: directory.id, name: directory.name, provider: directory.provider } },
    },
  ]);
  return { directory, bearerToken: token.value };
}

async function findDirectoryFor(tx: OrmTx, actor: Actor, directoryId: string) {
  const directory = await tx.orm.directory.findUnique({ where: { id: directoryId } });
  if (!directory) throw new NotFoundError("No such directory.");
  requireOrganizationAccess(actor, directory.organizationId);
  return directory;
}

/** Replaces the token: the old one stops working as this commits. */
export async function rotateDirectoryToken(tx: OrmTx, actor: Actor, input: { directoryId: string }) {
  await findDirectoryFor(tx, actor, input.directoryId);
  const token = issueSecret("scim");
  const directory = await tx.orm.directory.update({
    where: { id: input.directoryId },
    data: { tokenHash: token.hash, tokenPrefix: token.prefix, tokenRotatedAt: new Date() },
  });
  await recordEvents(tx, directory.organizationId, [
    { type: "directory.token_rotated", directoryId: directory.id, payload: { directory: { id: directory.id } } },
  ]);
  return { directory, bearerToken: token.value };
}

const updateDirectoryInput = z.object({ name: nameSchema.optional(), active: z.boolean().optional() });

/** Renames a directory or turns it off: an inactive directory's IdP gets 403 until it is turned back on. */
export async function updateDirectory(
  tx: OrmTx,
  actor: Actor,
  input: { directoryId: string; name?: string | null; active?: boolean | null },
) {
  await findDirectoryFor(tx, actor, input.directoryId);
  const data = parseInput(updateDirectoryInput, { name: input.name ?? undefined, active: input.active ?? undefined });
  return tx.orm.directory.update({ where: { id: input.directoryId }, data });
}

/**
 * Deletes a directory with its users and groups. Its groups' grants are
 * revoked and memberships it alone kept active are deactivated, as if the IdP
 * had deleted each of its users.
 */
export async function deleteDirectory(tx: OrmTx, actor: Actor, input: { directoryId: string }) {
  const directory = await findDirectoryFor(tx, actor, input.directoryId);
  await syncDirectoryDeleted(tx, directory.id);
  await tx.orm.directory.delete({ where: { id: directory.id } });
  await recordEvents(tx, directory.organizationId, [
    { type: "directory.deleted", directoryId: directory.id, payload: { directory: { id: directory.id } } },
  ]);
  return directory;
}
