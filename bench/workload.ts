/**
 * The Okta-style provisioning run, as data: who exists, who is in which
 * group, who is updated, deactivated or removed, and so what the end state
 * must be. Indices only; the phases turn them into SCIM requests.
 */
export interface Sizes {
  users: number;
  groups: number;
  membersPerGroup: number;
}

export const PATCH_BATCH = 100;
export const PAGE_SIZE = 100;
/** The group whose name is mapped to a team, so team grants are exercised. */
export const MAPPED_GROUP = 0;

export interface Workload {
  sizes: Sizes;
  userName(user: number): string;
  groupName(group: number): string;
  /** User indices of each group, in push order. */
  members: number[][];
  /** [group, first member position] of every 100-member PATCH, interleaved across groups. */
  batches: [number, number][];
  updated: number[];
  deactivated: number[];
  /** [user, group]: one membership removed per chosen user. */
  removals: [number, number][];
}

export function planWorkload(sizes: Sizes): Workload {
  const { users, groups } = sizes;
  const size = Math.min(sizes.membersPerGroup, users);
  // Groups start at evenly spread offsets, so every user is in about the same number of groups.
  const stride = Math.max(1, Math.floor(users / Math.max(1, groups)));
  const members = Array.from({ length: groups }, (_, g) => Array.from({ length: size }, (_, k) => (g * stride + k) % users));

  const batches: [number, number][] = [];
  for (let start = 0; start < size; start += PATCH_BATCH) for (let g = 0; g < groups; g++) batches.push([g, start]);

  const firstGroup = new Map<number, number>();
  members.forEach((list, g) => list.forEach((u) => firstGroup.has(u) || firstGroup.set(u, g)));
  const every = (modulo: number, rest: number) => Array.from({ length: users }, (_, i) => i).filter((i) => i % modulo === rest);
  const removals = every(20, 2)
    .filter((u) => firstGroup.has(u))
    .map((u): [number, number] => [u, firstGroup.get(u)!]);

  return {
    sizes: { ...sizes, membersPerGroup: size },
    userName: (user) => `user${String(user).padStart(6, "0")}@bench.example`,
    groupName: (group) => `Bench group ${String(group).padStart(3, "0")}`,
    members,
    batches,
    updated: every(10, 0),
    deactivated: every(20, 1),
    removals,
  };
}

export interface ExpectedState {
  users: number;
  activeUsers: number;
  /** userNames of each group's members after removals. */
  groupMembers: Set<string>[];
  memberships: number;
  deactivatedMemberships: number;
  /** userNames of the mapped team's members: the mapped group's active members. */
  teamMembers: Set<string>;
}

export function expectedState(w: Workload): ExpectedState {
  const groupMembers = w.members.map((list) => new Set(list));
  for (const [user, group] of w.removals) groupMembers[group].delete(user);
  const deactivated = new Set(w.deactivated);
  const names = (users: Iterable<number>) => new Set([...users].map(w.userName));
  return {
    users: w.sizes.users,
    activeUsers: w.sizes.users - deactivated.size,
    groupMembers: groupMembers.map(names),
    memberships: w.sizes.users,
    deactivatedMemberships: deactivated.size,
    teamMembers: names([...groupMembers[MAPPED_GROUP]].filter((u) => !deactivated.has(u))),
  };
}
