import { z } from "zod";
import type { Actor } from "../context.js";
import { ConflictError, NotFoundError, ValidationError } from "../errors.js";
import { requireOrganizationAccess } from "./access.js";
import { recordEvents } from "./events.js";
import { endUngrantedMemberships, teamMemberEvent } from "./sync/grants.js";
import { lockOrganization } from "./sync/sql.js";
import type { OrmTx } from "./transaction.js";
import { parseInput } from "./validation.js";

const teamMemberInput = z.object({ teamId: z.string().uuid(), userId: z.string().uuid() });

const MANUAL_GRANT = "manual";

async function teamFor(tx: OrmTx, actor: Actor, teamId: string) {
  const team = await tx.orm.team.findUnique({ where: { id: teamId } });
  if (!team) throw new NotFoundError("No such team.");
  requireOrganizationAccess(actor, team.organizationId);
  // The same lock as directory sync, so a concurrent deactivation cannot miss this member.
  await lockOrganization(tx, team.organizationId);
  return team;
}

/** Adds an active member of the team's organization to the team by hand; sync never removes this grant. */
export async function addTeamMember(tx: OrmTx, actor: Actor, input: { teamId: string; userId: string }) {
  const data = parseInput(teamMemberInput, input);
  const team = await teamFor(tx, actor, data.teamId);
  const membership = await tx.orm.membership.findUnique({
    where: { organizationId_userId: { organizationId: team.organizationId, userId: data.userId } },
    include: { user: true },
  });
  if (membership?.status !== "ACTIVE") {
    throw new ValidationError("The user is not an active member of this team's organization.", "userId");
  }
  const existing = await tx.orm.teamMember.findUnique({
    where: { teamId_userId: { teamId: team.id, userId: data.userId } },
    include: { grants: { where: { grantKey: MANUAL_GRANT } } },
  });
  if (existing?.grants.length) throw new ConflictError("The user was already added to this team by hand.");
  const teamMember =
    existing ?? (await tx.orm.teamMember.create({ data: { teamId: team.id, userId: data.userId } }));
  await tx.orm.teamMemberGrant.create({ data: { teamMemberId: teamMember.id, source: "MANUAL", grantKey: MANUAL_GRANT } });
  if (!existing) {
    await recordEvents(tx, team.organizationId, [
      teamMemberEvent(
        "team.member_added",
        { teamId: team.id, teamSlug: team.slug, teamName: team.name, userId: data.userId, email: membership.user.email },
        "manual",
      ),
    ]);
  }
  return teamMember;
}

/**
 * Takes back a hand-made grant. The membership ends unless a directory group
 * still grants it; those grants follow the IdP and cannot be removed here.
 * Returns the membership that remains, or null.
 */
export async function removeTeamMember(tx: OrmTx, actor: Actor, input: { teamId: string; userId: string }) {
  const data = parseInput(teamMemberInput, input);
  const team = await teamFor(tx, actor, data.teamId);
  const teamMember = await tx.orm.teamMember.findUnique({ where: { teamId_userId: { teamId: team.id, userId: data.userId } } });
  if (!teamMember) throw new NotFoundError("The user is not in this team.");
  const { count } = await tx.orm.teamMemberGrant.deleteMany({ where: { teamMemberId: teamMember.id, grantKey: MANUAL_GRANT } });
  if (count === 0) {
    throw new NotFoundError("The user is in this team through directory groups only; change the groups in the IdP.");
  }
  const [ended] = await endUngrantedMemberships(tx, [teamMember.id]);
  if (!ended) return teamMember;
  await recordEvents(tx, team.organizationId, [teamMemberEvent("team.member_removed", ended, "manual")]);
  return null;
}
