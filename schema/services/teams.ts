import { z } from "zod";
import type { Actor } from "../context.js";
import { ConflictError } from "../errors.js";
import { requireOrganizationAccess } from "./access.js";
import { recordEvents } from "./events.js";
import type { OrmTx } from "./transaction.js";
import { nameSchema, parseInput, slugify, slugSchema } from "./validation.js";

const createTeamInput = z.object({
  organizationId: z.string().uuid(),
  name: nameSchema,
  slug: slugSchema.optional(),
});

export async function createTeam(
  tx: OrmTx,
  actor: Actor,
  input: { organizationId: string; name: string; slug?: string | null },
) {
  const data = parseInput(createTeamInput, { ...input, slug: input.slug ?? undefined });
  requireOrganizationAccess(actor, data.organizationId);
  const slug = data.slug ?? slugify(data.name);
  const existing = await tx.orm.team.findUnique({
    where: { organizationId_slug: { organizationId: data.organizationId, slug } },
    select: { id: true },
  });
  if (existing) throw new ConflictError(`A team with slug "${slug}" already exists in this organization.`);
  const team = await tx.orm.team.create({ data: { organizationId: data.organizationId, name: data.name, slug } });
  await recordEvents(tx, team.organizationId, [
    { type: "team.created", payload: { team: { id: team.id, slug: team.slug, name: team.name } } },
  ]);
  return team;
}
