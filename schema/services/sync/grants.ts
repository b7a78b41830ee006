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

/** The same scope over existing group grants (aliases: gr grant, tm team member, t team). */
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

/** A grant that should exist and does not (grantId null), or one that exists and should not. */
interface GrantChange extends GrantRow {
  grantId: string | null;
  teamMemberId: string | null;
}

/**
 * Makes the directory-group grants within `scope` exactly what directory data
 * justifies, set-based (a few statements whatever the number of members):
 * adds missing grants (creating team memberships), removes unjustified ones,
 * and ends team memberships left without any grant. Manual grants are never
 * touched, so hand-made memberships survive. Records team.member_added and
 * team.member_removed for memberships that start or end, with `reason`.
 */
export async function reconcileGrants(tx: Tx, scope: GrantScope, reason: string): Promise<void> {
  // What should exist and what exists meet in a FULL JOIN, which PostgreSQL
  // only runs as a hash or merge join: it stays linear even when statistics
  // are stale, as they are in a transaction that has just written thousands
  // of grants (an anti-join there was planned as a nested loop: quadratic).
  // Every other statement here goes by primary or unique key.
  const changes = await tx.query<GrantChange>`
    WITH desired AS MATERIALIZED (${desiredGrants(scope)}),
    existing AS MATERIALIZED (
      SELECT gr.id, tm.id AS "teamMemberId", tm."teamId", tm."userId", gr."directoryGroupId" AS "groupId"
      FROM "TeamMemberGrant" gr
      JOIN "TeamMember" tm ON tm.id = gr."teamMemberId"
      JOIN "Team" t ON t.id = tm."teamId"
      WHERE ${existingGrantFilter(scope)}
    ),
    diff AS (
      SELECT e.id AS "grantId", e."teamMemberId", coalesce(d."teamId", e."teamId") AS "teamId",
             coalesce(d."userId", e."userId") AS "userId", coalesce(d."groupId", e."groupId") AS "groupId"
      FROM desired d
      FULL JOIN existing e ON e."teamId" = d."teamId" AND e."userId" = d."userId" AND e."groupId" = d."groupId"
      WHERE d."teamId" IS NULL OR e.id IS NULL
    )
    SELECT x."grantId", x."teamMemberId", x."teamId", t.slug AS "teamSlug", t.name AS "teamName", x."userId", u.email,
           x."groupId", g."displayName" AS "groupName", g."directoryId"
    FROM diff x
    JOIN "Team" t ON t.id = x."teamId"
    JOIN "User" u ON u.id = x."userId"
    JOIN "DirectoryGroup" g ON g.id = x."groupId"
    ORDER BY t.slug, u.email, g."displayName"`;
  const missing = changes.filter((c) => c.grantId === null);
  const revoked = changes.filter((c) => c.grantId !== null);

  const events: NewEvent[] = [];
  if (missing.length > 0) {
    // Adds before removals, so a membership that trades one grant for another never ends.
    const pairs = new Map(missing.map((c) => [`${c.teamId}/${c.userId}`, c]));
    // DO UPDATE (a no-op change) so that existing memberships return their ids too.
    const members = await tx.query<{ id: string; teamId: string; userId: string; created: boolean }>`
      INSERT INTO "TeamMember" (id, "teamId", "userId", "createdAt")
      SELECT gen_random_uuid(), x.t, x.u, ${UTC_NOW}
      FROM unnest(${uuids([...pairs.values()].map((c) => c.teamId))}, ${uuids([...pairs.values()].map((c) => c.userId))}) AS x(t, u)
      ON CONFLICT ("teamId", "userId") DO UPDATE SET "teamId" = EXCLUDED."teamId"
      RETURNING id, "teamId", "userId", (xmax = 0) AS created`;
    const memberOf = new Map(members.map((m) => [`${m.teamId}/${m.userId}`, m]));
    await tx.execute`
      INSERT INTO "TeamMemberGrant" (id, "teamMemberId", source, "grantKey", "directoryGroupId", "createdAt")
      SELECT gen_random_uuid(), x.m, 'DIRECTORY_GROUP', 'group:' || x.g, x.g, ${UTC_NOW}
      FROM unnest(
        ${uuids(missing.map((c) => memberOf.get(`${c.teamId}/${c.userId}`)!.id))}, ${uuids(missing.map((c) => c.groupId))}
      ) AS x(m, g)
      ON CONFLICT ("teamMemberId", "grantKey") DO NOTHING`;
    for (const [pair, change] of pairs) {
      if (memberOf.get(pair)!.created) events.push(teamMemberEvent("team.member_added", change, reason));
    }
  }

  if (revoked.length > 0) {
    await tx.execute`DELETE FROM "TeamMemberGrant" WHERE id = ANY(${uuids(revoked.map((c) => c.grantId!))})`;
    const ended = await endUngrantedMemberships(tx, [...new Set(revoked.map((c) => c.teamMemberId!))]);
    const changeOf = new Map(revoked.map((c) => [c.teamMemberId!, c]));
    for (const member of ended) events.push(teamMemberEvent("team.member_removed", changeOf.get(member.id)!, reason));
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
  return tx.query<EndedMembership>`
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
