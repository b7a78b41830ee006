import { Prisma } from "../../../prisma/database.js";
import { recordEvents, type NewEvent } from "../events.js";
import type { Tx } from "../transaction.js";
import { UTC_NOW } from "./sql.js";

/**
 * Which grants to reconcile: every filter given narrows the set; the same
 * filters apply to what should exist and to what exists, so grants outside
 * the scope are never touched.
 */
export interface GrantScope {
  organizationId: string;
  groupIds?: string[];
  /** Roster users. */
  userIds?: string[];
  /** Roster users linked from these directory users. */
  directoryUserIds?: string[];
  teamIds?: string[];
  directoryId?: string;
  /** Rows about to be deleted: they justify nothing any more. */
  without?: { groupId?: string; directoryUserId?: string; directoryId?: string };
}

interface GrantRow {
  teamId: string;
  teamSlug: string;
  teamName: string;
  userId: string;
  email: string;
  groupId: string;
  groupName: string;
  directoryId: string;
}

const uuids = (ids: string[]) => Prisma.sql`${ids}::uuid[]`;

/**
 * Grants that current directory data justifies (rules 4, 5, 8): the user is in
 * a group whose exact name is mapped to the team, the directory user is
 * active and the organization membership is active.
 */
function desiredGrants(scope: GrantScope): Prisma.Sql {
  const filters: Prisma.Sql[] = [Prisma.sql`m."organizationId" = ${scope.organizationId}::uuid`];
  if (scope.groupIds) filters.push(Prisma.sql`g.id = ANY(${uuids(scope.groupIds)})`);
  if (scope.userIds) filters.push(Prisma.sql`du."userId" = ANY(${uuids(scope.userIds)})`);
  if (scope.directoryUserIds) filters.push(Prisma.sql`du."userId" IN (${linkedUsers(scope.directoryUserIds)})`);
  if (scope.teamIds) filters.push(Prisma.sql`m."teamId" = ANY(${uuids(scope.teamIds)})`);
  if (scope.directoryId) filters.push(Prisma.sql`g."directoryId" = ${scope.directoryId}::uuid`);
  const without = scope.without ?? {};
  if (without.groupId) filters.push(Prisma.sql`g.id <> ${without.groupId}::uuid`);
  if (without.directoryUserId) filters.push(Prisma.sql`du.id <> ${without.directoryUserId}::uuid`);
  if (without.directoryId) filters.push(Prisma.sql`g."directoryId" <> ${without.directoryId}::uuid`);
  return Prisma.sql`
    SELECT DISTINCT m."teamId", du."userId", g.id AS "groupId", g."displayName" AS "groupName", g."directoryId"
    FROM "GroupMapping" m
    JOIN "Directory" d ON d."organizationId" = m."organizationId"
    JOIN "DirectoryGroup" g ON g."directoryId" = d.id AND g."displayName" = m."groupName"
    JOIN "DirectoryGroupMember" gm ON gm."groupId" = g.id
    JOIN "DirectoryUser" du ON du.id = gm."directoryUserId"
    JOIN "Membership" ms ON ms."organizationId" = m."organizationId" AND ms."userId" = du."userId"
    WHERE du.active AND ms.status = 'ACTIVE' AND ${Prisma.join(filters, " AND ")}`;
}

function linkedUsers(directoryUserIds: string[]): Prisma.Sql {
  return Prisma.sql`SELECT "userId" FROM "DirectoryUser" WHERE id = ANY(${uuids(directoryUserIds)}) AND "userId" IS NOT NULL`;
}

/** The same scope over existing group grants (aliases: gr grant, tm team member, t team, g group). */
function existingGrantFilter(scope: GrantScope): Prisma.Sql {
  const filters: Prisma.Sql[] = [
    Prisma.sql`t."organizationId" = ${scope.organizationId}::uuid`,
    Prisma.sql`gr.source = 'DIRECTORY_GROUP'`,
  ];
  if (scope.groupIds) filters.push(Prisma.sql`gr."directoryGroupId" = ANY(${uuids(scope.groupIds)})`);
  if (scope.userIds) filters.push(Prisma.sql`tm."userId" = ANY(${uuids(scope.userIds)})`);
  if (scope.directoryUserIds) filters.push(Prisma.sql`tm."userId" IN (${linkedUsers(scope.directoryUserIds)})`);
  if (scope.teamIds) filters.push(Prisma.sql`tm."teamId" = ANY(${uuids(scope.teamIds)})`);
  if (scope.directoryId) {
    filters.push(
      Prisma.sql`gr."directoryGroupId" IN (SELECT id FROM "DirectoryGroup" WHERE "directoryId" = ${scope.directoryId}::uuid)`,
    );
  }
  return Prisma.join(filters, " AND ");
}

interface ExistingGrant {
  id: string;
  teamMemberId: string;
  teamId: string;
  userId: string;
  groupId: string;
  groupName: string;
  directoryId: string;
}

const grantKey = (g: { teamId: string; userId: string; groupId: string }) => `${g.teamId}/${g.userId}/${g.groupId}`;

/**
 * Makes the directory-group grants within `scope` exactly what directory data
 * justifies, set-based (a few statements whatever the number of members):
 * adds missing grants (creating team memberships), removes unjustified ones,
 * and ends team memberships left without any grant. Manual grants are never
 * touched, so hand-made memberships survive. Records team.member_added and
 * team.member_removed for memberships that start or end, with `reason`.
 *
 * What should exist and what exists are read separately and compared here:
 * inside a transaction that has just written thousands of grants, planner
 * statistics are stale, and a join between the two could turn quadratic.
 */
export async function reconcileGrants(tx: Tx, scope: GrantScope, reason: string): Promise<void> {
  // One statement finds the missing grants and deletes the unjustified ones: both
  // read the same snapshot, and no grant can be both (one is desired, the other not).
  const rows = await tx.$queryRaw<(GrantRow & { revoked: boolean; teamMemberId: string | null })[]>`
    WITH desired AS (${desiredGrants(scope)}),
    revoked AS (
      DELETE FROM "TeamMemberGrant" gr
      USING "TeamMember" tm, "Team" t, "DirectoryGroup" g
      WHERE tm.id = gr."teamMemberId" AND t.id = tm."teamId" AND g.id = gr."directoryGroupId"
        AND ${existingGrantFilter(scope)}
        AND NOT EXISTS (
          SELECT 1 FROM desired d
          WHERE d."teamId" = tm."teamId" AND d."userId" = tm."userId" AND d."groupId" = gr."directoryGroupId"
        )
      RETURNING gr."teamMemberId", g.id AS "groupId", g."displayName" AS "groupName", g."directoryId"
    ),
    missing AS (
      SELECT d."teamId", t.slug AS "teamSlug", t.name AS "teamName", d."userId", u.email,
             d."groupId", d."groupName", d."directoryId"
      FROM desired d
      JOIN "Team" t ON t.id = d."teamId"
      JOIN "User" u ON u.id = d."userId"
      WHERE NOT EXISTS (
        SELECT 1 FROM "TeamMember" tm JOIN "TeamMemberGrant" gr ON gr."teamMemberId" = tm.id
        WHERE tm."teamId" = d."teamId" AND tm."userId" = d."userId" AND gr."grantKey" = 'group:' || d."groupId"
      )
    )
    SELECT false AS revoked, NULL::uuid AS "teamMemberId", m.* FROM missing m
    UNION ALL
    SELECT true, r."teamMemberId", NULL, NULL, NULL, NULL, NULL, r."groupId", r."groupName", r."directoryId" FROM revoked r
    ORDER BY 1, 4, 7, 9`;
  const missing = rows.filter((r) => !r.revoked);
  const revoked = rows
    .filter((r) => r.revoked)
    .map((r) => ({ teamMemberId: r.teamMemberId!, groupId: r.groupId, groupName: r.groupName, directoryId: r.directoryId }));

  const events: NewEvent[] = [];
  if (missing.length > 0) {
    // Adds before ending memberships, so a membership that trades one grant for another never ends.
    const added = await tx.$queryRaw<{ teamId: string; userId: string }[]>`
      INSERT INTO "TeamMember" (id, "teamId", "userId", "createdAt")
      SELECT DISTINCT ON (x.t, x.u) gen_random_uuid(), x.t, x.u, ${UTC_NOW}
      FROM unnest(${uuids(missing.map((r) => r.teamId))}, ${uuids(missing.map((r) => r.userId))}) AS x(t, u)
      ON CONFLICT ("teamId", "userId") DO NOTHING
      RETURNING "teamId", "userId"`;
    await tx.$executeRaw`
      INSERT INTO "TeamMemberGrant" (id, "teamMemberId", source, "grantKey", "directoryGroupId", "createdAt")
      SELECT gen_random_uuid(), tm.id, 'DIRECTORY_GROUP', 'group:' || x.g, x.g, ${UTC_NOW}
      FROM unnest(
        ${uuids(missing.map((r) => r.teamId))}, ${uuids(missing.map((r) => r.userId))}, ${uuids(missing.map((r) => r.groupId))}
      ) AS x(t, u, g)
      JOIN "TeamMember" tm ON tm."teamId" = x.t AND tm."userId" = x.u
      ON CONFLICT ("teamMemberId", "grantKey") DO NOTHING`;
    const isNew = new Set(added.map((m) => `${m.teamId}/${m.userId}`));
    for (const row of missing) {
      const key = `${row.teamId}/${row.userId}`;
      if (!isNew.delete(key)) continue;
      events.push(teamMemberEvent("team.member_added", row, reason));
    }
  }

  if (revoked.length > 0) {
    const ended = await endUngrantedMemberships(tx, revoked.map((r) => r.teamMemberId));
    const groupOf = new Map(revoked.map((r) => [r.teamMemberId, r]));
    for (const member of ended) {
      const group = groupOf.get(member.id)!;
      events.push(teamMemberEvent("team.member_removed", { ...member, ...group }, reason));
    }
  }
  await recordEvents(tx, scope.organizationId, events);
}

interface EndedMembership {
  id: string;
  teamId: string;
  teamSlug: string;
  teamName: string;
  userId: string;
  email: string;
}

/** Deletes those team memberships that no grant justifies any more. */
export function endUngrantedMemberships(tx: Tx, teamMemberIds: string[]): Promise<EndedMembership[]> {
  return tx.$queryRaw<EndedMembership[]>`
    DELETE FROM "TeamMember" tm
    USING "Team" t, "User" u
    WHERE tm.id = ANY(${uuids(teamMemberIds)}) AND t.id = tm."teamId" AND u.id = tm."userId"
      AND NOT EXISTS (SELECT 1 FROM "TeamMemberGrant" gr WHERE gr."teamMemberId" = tm.id)
    RETURNING tm.id, tm."teamId", t.slug AS "teamSlug", t.name AS "teamName", tm."userId", u.email`;
}

/** A team.member_added / team.member_removed event; directoryGroup names the grant that started or ended it, if one did. */
export function teamMemberEvent(
  type: "team.member_added" | "team.member_removed",
  row: {
    teamId: string;
    teamSlug: string;
    teamName: string;
    userId: string;
    email: string;
    groupId?: string;
    groupName?: string;
    directoryId?: string;
  },
  reason: string,
): NewEvent {
  return {
    type,
    directoryId: row.directoryId ?? null,
    payload: {
      team: { id: row.teamId, slug: row.teamSlug, name: row.teamName },
      user: { id: row.userId, email: row.email },
      directoryGroup: row.groupId ? { id: row.groupId, displayName: row.groupName! } : null,
      reason,
    },
  };
}
