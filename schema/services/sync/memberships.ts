import { Prisma, type MembershipRole, type MembershipSource, type MembershipStatus } from "../../../prisma/database.js";
import { recordEvents, type NewEvent } from "../events.js";
import type { Tx } from "../transaction.js";
import { reconcileGrants, teamMemberEvent } from "./grants.js";
import { UTC_NOW } from "./sql.js";

export interface MembershipScope {
  organizationId: string;
  /** Roster users whose membership to reconcile. */
  userIds: string[];
  /** The directory acting, recorded on events. */
  directoryId: string;
  /** Rows about to be deleted: they keep nobody active. */
  without?: { directoryUserId?: string; directoryId?: string };
  /**
   * False when the change cannot have altered which groups count for these
   * people (a directory user created, or updated without being activated,
   * deactivated or linked): grants are then reconciled only for memberships
   * that became active again. A new membership needs none: nobody without
   * one has an active directory user in the organization, and a directory
   * user created just now is in no group.
   */
  groupsChanged?: boolean;
}

interface MembershipRow {
  userId: string;
  email: string;
  membershipId: string | null;
  status: MembershipStatus | null;
  source: MembershipSource | null;
  role: MembershipRole | null;
  /** A directory of the organization where a linked directory user is active; null when none is. */
  activeDirectoryId: string | null;
}

/**
 * The common case of rule 1, in one statement: an active directory user was
 * just created for a Roster user who has no membership in the organization
 * yet, so it gets one. Returns false, changing nothing, when a membership
 * exists; reconcileMemberships then decides. Grants need no reconciling
 * (see MembershipScope.groupsChanged).
 */
export async function createMembership(
  tx: Tx,
  scope: { organizationId: string; userId: string; directoryId: string },
  reason: string,
): Promise<boolean> {
  const [membership] = await tx.query<{ id: string; userId: string; email: string; role: MembershipRole; status: MembershipStatus; source: MembershipSource }>`
    WITH created AS (
      INSERT INTO "Membership" (id, "organizationId", "userId", source, "directoryId", "createdAt", "updatedAt")
      VALUES (gen_random_uuid(), ${scope.organizationId}::uuid, ${scope.userId}::uuid, 'DIRECTORY', ${scope.directoryId}::uuid, ${UTC_NOW}, ${UTC_NOW})
      ON CONFLICT ("organizationId", "userId") DO NOTHING
      RETURNING id, "userId", role, status, source
    )
    SELECT c.id::text, c."userId"::text, u.email, c.role::text AS role, c.status::text AS status, c.source::text AS source
    FROM created c JOIN "User" u ON u.id = c."userId"`;
  if (!membership) return false;
  await recordEvents(tx, scope.organizationId, [membershipEvent("membership.created", membership, scope.directoryId, reason)]);
  return true;
}

/**
 * Makes each user's organization membership follow the directories (rules 1
 * and 3): active while any linked directory user in the organization is
 * active, deactivated when none is. Deactivation removes the user from every
 * team of the organization; an active membership gets exactly the team
 * memberships current group memberships justify. A hand-made membership is
 * taken over by the directory once it provisions that person as active.
 */
export async function reconcileMemberships(tx: Tx, scope: MembershipScope, reason: string): Promise<void> {
  if (scope.userIds.length === 0) return;
  const rows = await tx.query<MembershipRow>(membershipRowsStatement(scope));

  const events: NewEvent[] = [];
  const created = rows.filter((r) => r.membershipId === null && r.activeDirectoryId);
  if (created.length > 0) {
    const memberships = await tx.query<{ id: string; userId: string; role: MembershipRole; status: MembershipStatus; source: MembershipSource }>`
      INSERT INTO "Membership" (id, "organizationId", "userId", source, "directoryId", "createdAt", "updatedAt")
      SELECT gen_random_uuid(), ${scope.organizationId}::uuid, x.u, 'DIRECTORY', x.d, ${UTC_NOW}, ${UTC_NOW}
      FROM unnest(${created.map((r) => r.userId)}::uuid[], ${created.map((r) => r.activeDirectoryId)}::uuid[]) AS x(u, d)
      RETURNING id::text, "userId"::text, role::text AS role, status::text AS status, source::text AS source`;
    const emailOf = new Map(created.map((r) => [r.userId, r.email]));
    for (const m of memberships) {
      events.push(membershipEvent("membership.created", { ...m, email: emailOf.get(m.userId)! }, scope.directoryId, reason));
    }
  }

  // Active again, or a hand-made membership the directory now manages.
  const claimed = rows.filter((r) => r.membershipId && r.activeDirectoryId && (r.status !== "ACTIVE" || r.source !== "DIRECTORY"));
  for (const r of claimed) {
    await tx.execute`
      UPDATE "Membership" SET status = 'ACTIVE', source = 'DIRECTORY', "directoryId" = ${r.activeDirectoryId}::uuid, "updatedAt" = ${UTC_NOW}
      WHERE id = ${r.membershipId}::uuid`;
    if (r.status !== "ACTIVE") {
      const membership = { id: r.membershipId!, userId: r.userId, email: r.email, role: r.role!, status: "ACTIVE", source: "DIRECTORY" } as const;
      events.push(membershipEvent("membership.reactivated", membership, scope.directoryId, reason));
    }
  }

  const deactivated = rows.filter((r) => r.source === "DIRECTORY" && r.status === "ACTIVE" && !r.activeDirectoryId);
  if (deactivated.length > 0) {
    await tx.execute`
      UPDATE "Membership" SET status = 'DEACTIVATED', "updatedAt" = ${UTC_NOW}
      WHERE id = ANY(${deactivated.map((r) => r.membershipId)}::uuid[])`;
    for (const r of deactivated) {
      const membership = { id: r.membershipId!, userId: r.userId, email: r.email, role: r.role!, status: "DEACTIVATED", source: "DIRECTORY" } as const;
      events.push(membershipEvent("membership.deactivated", membership, scope.directoryId, reason));
    }
    events.push(...(await leaveAllTeams(tx, scope.organizationId, deactivated.map((r) => r.userId), scope.directoryId, reason)));
  }
  await recordEvents(tx, scope.organizationId, events);

  const active = (scope.groupsChanged === false ? claimed : rows)
    .filter((r) => r.activeDirectoryId || (r.status === "ACTIVE" && r.source === "MANUAL"))
    .map((r) => r.userId);
  if (active.length > 0) await reconcileGrants(tx, { organizationId: scope.organizationId, userIds: active, without: scope.without }, reason);
}

/**
 * Each user's membership and the directory, if any, that keeps it active: the
 * oldest active directory user linked to them in the organization. That is
 * looked up from the user's own directory users (OFFSET 0 keeps the
 * subquery from being flattened): without statistics the planner would
 * otherwise also read the directory's whole index.
 */
export function membershipRowsStatement(scope: MembershipScope): Prisma.Sql {
  const without: Prisma.Sql[] = [Prisma.empty];
  if (scope.without?.directoryUserId) without.push(Prisma.sql`AND du.id <> ${scope.without.directoryUserId}::uuid`);
  if (scope.without?.directoryId) without.push(Prisma.sql`AND du."directoryId" <> ${scope.without.directoryId}::uuid`);
  return Prisma.sql`
    SELECT u.id AS "userId", u.email, ms.id AS "membershipId", ms.status, ms.source, ms.role,
      (SELECT du."directoryId"
       FROM (SELECT * FROM "DirectoryUser" WHERE "userId" = u.id OFFSET 0) du JOIN "Directory" d ON d.id = du."directoryId"
       WHERE d."organizationId" = ${scope.organizationId}::uuid AND du.active
       ${Prisma.join(without, " ", "", "")}
       ORDER BY du."createdAt", du.id LIMIT 1) AS "activeDirectoryId"
    FROM "User" u
    LEFT JOIN "Membership" ms ON ms."organizationId" = ${scope.organizationId}::uuid AND ms."userId" = u.id
    WHERE u.id = ANY(${scope.userIds}::uuid[])`;
}

/** Rule 3: a deactivated member leaves every team of the organization, hand-made memberships included. */
async function leaveAllTeams(tx: Tx, organizationId: string, userIds: string[], directoryId: string, reason: string) {
  const removed = await tx.query<{ teamId: string; teamSlug: string; teamName: string; userId: string; email: string }>`
    DELETE FROM "TeamMember" tm
    USING "Team" t, "User" u
    WHERE t.id = tm."teamId" AND u.id = tm."userId"
      AND t."organizationId" = ${organizationId}::uuid AND tm."userId" = ANY(${userIds}::uuid[])
    RETURNING tm."teamId", t.slug AS "teamSlug", t.name AS "teamName", tm."userId", u.email`;
  return removed.map((m) => teamMemberEvent("team.member_removed", { ...m, directoryId }, reason));
}

function membershipEvent(
  type: "membership.created" | "membership.reactivated" | "membership.deactivated",
  m: { id: string; userId: string; email: string; status: MembershipStatus; source: MembershipSource; role: MembershipRole },
  directoryId: string,
  reason: string,
): NewEvent {
  return {
    type,
    directoryId,
    payload: {
      membership: { id: m.id, status: m.status, role: m.role, source: m.source },
      user: { id: m.userId, email: m.email },
      reason,
    },
  };
}
