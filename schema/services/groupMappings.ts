import { z } from "zod";
import type { Actor } from "../context.js";
import { ConflictError, NotFoundError } from "../errors.js";
import { requireOrganizationAccess } from "./access.js";
import { recordEvents } from "./events.js";
import { syncGroupMapping } from "./sync.js";
import type { OrmTx } from "./transaction.js";
import { parseInput } from "./validation.js";

// Group names are kept exactly as typed (no trimming or case folding): the
// match against the IdP's group name is exact.
const addGroupMappingInput = z.object({
  teamId: z.string().uuid(),
  groupName: z.string().min(1, "Must not be empty.").max(256),
});

/** Maps a group name to a team and backfills the current members of groups with that name (rule 6). */
export async function addGroupMapping(tx: OrmTx, actor: Actor, input: { teamId: string; groupName: string }) {
  const data = parseInput(addGroupMappingInput, input);
  const team = await tx.orm.team.findUnique({ where: { id: data.teamId } });
  if (!team) throw new NotFoundError("No such team.");
  requireOrganizationAccess(actor, team.organizationId);
  const existing = await tx.orm.groupMapping.findUnique({
    where: { teamId_groupName: { teamId: team.id, groupName: data.groupName } },
  });
  if (existing) throw new ConflictError(`"${data.groupName}" is already mapped to this team.`);
  const mapping = await tx.orm.groupMapping.create({
    data: { organizationId: team.organizationId, teamId: team.id, groupName: data.groupName },
  });
  await recordEvents(tx, team.organizationId, [
    { type: "group_mapping.added", payload: { teamId: team.id, groupName: mapping.groupName, id: mapping.id } },
  ]);
  await syncGroupMapping(tx, mapping, "group_mapping_added");
  return mapping;
}

/** Unmaps a group name; what the mapping granted is revoked, other grants stay (rule 6). */
export async function removeGroupMapping(tx: OrmTx, actor: Actor, input: { groupMappingId: string }) {
  const mapping = await tx.orm.groupMapping.findUnique({ where: { id: input.groupMappingId } });
  if (!mapping) throw new NotFoundError("No such group mapping.");
  requireOrganizationAccess(actor, mapping.organizationId);
  await tx.orm.groupMapping.delete({ where: { id: mapping.id } });
  await recordEvents(tx, mapping.organizationId, [
    { type: "group_mapping.removed", payload: { teamId: mapping.teamId, groupName: mapping.groupName, id: mapping.id } },
  ]);
  await syncGroupMapping(tx, mapping, "group_mapping_removed");
  return mapping;
}
