import type { Observed } from "./phases.js";
import type { RosterTarget } from "./roster.js";
import type { ExpectedState, Workload } from "./workload.js";

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

const check = (name: string, expected: unknown, actual: unknown): Check => ({
  name,
  ok: expected === actual,
  detail: expected === actual ? String(actual) : `expected ${expected}, got ${actual}`,
});

function sameSet(name: string, expected: Set<string>, actual: string[]): Check {
  const seen = new Set(actual);
  const missing = [...expected].filter((v) => !seen.has(v)).length;
  const extra = [...seen].filter((v) => !expected.has(v)).length;
  const duplicates = actual.length - seen.size;
  const ok = missing === 0 && extra === 0 && duplicates === 0;
  return { name, ok, detail: ok ? `${seen.size}` : `${missing} missing, ${extra} unexpected, ${duplicates} duplicated` };
}

/** What the IdP itself can see at the end: every user created and listed once, every group's members. */
export function checkObserved(w: Workload, expected: ExpectedState, observed: Observed): Check[] {
  const nameOf = new Map(observed.userIds.map((id, user) => [id, w.userName(user)]));
  const groupsOk = w.members.every((_, g) => {
    const names = (observed.groupMemberIds[g] ?? []).map((id) => nameOf.get(id) ?? `?${id}`);
    return sameSet("", expected.groupMembers[g], names).ok;
  });
  const totals = new Set(observed.listedTotals);
  return [
    sameSet("users created", new Set(Array.from({ length: w.sizes.users }, (_, u) => w.userName(u))), [...nameOf.values()]),
    check("listing totalResults", `${expected.users}`, [...totals].join(",")),
    sameSet("users listed", new Set(observed.userIds), observed.listedIds),
    { name: "group members", ok: groupsOk, detail: groupsOk ? `${w.sizes.groups} groups as pushed` : "some group differs" },
  ];
}

async function pageAll<T>(fetchPage: (after: string | null) => Promise<{ totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: T }[] }>) {
  const nodes: T[] = [];
  let after: string | null = null;
  let totalCount = 0;
  for (;;) {
    const page = await fetchPage(after);
    totalCount = page.totalCount;
    nodes.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) return { totalCount, nodes };
    after = page.pageInfo.endCursor;
  }
}

/** What Roster made of it: directory users' status, organization memberships, and the mapped team's members. */
export async function checkRoster(target: RosterTarget, expected: ExpectedState): Promise<Check[]> {
  const inactive = await fetch(`${target.baseUrl}/Users?filter=${encodeURIComponent("active eq false")}&count=0`, {
    headers: { authorization: `Bearer ${target.token}` },
  }).then((r) => r.json() as Promise<{ totalResults: number }>);

  const memberships = await pageAll<{ status: string }>(async (after) =>
    (
      await target.gql(
        `query ($slug: String!, $after: String) { organization(slug: $slug) {
          members(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { status } } } } }`,
        { slug: target.organizationSlug, after },
      )
    ).organization.members,
  );
  const team = await pageAll<{ user: { email: string } }>(async (after) =>
    (
      await target.gql(
        `query ($team: ID!, $after: String) { node(id: $team) { ... on Team {
          members(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { user { email } } } } } } }`,
        { team: target.teamId, after },
      )
    ).node.members,
  );
  return [
    check("deactivated directory users", expected.users - expected.activeUsers, inactive.totalResults),
    check("organization memberships", expected.memberships, memberships.totalCount),
    check("deactivated memberships", expected.deactivatedMemberships, memberships.nodes.filter((m) => m.status === "DEACTIVATED").length),
    sameSet("mapped team's members (grants)", expected.teamMembers, team.nodes.map((m) => m.user.email)),
  ];
}
