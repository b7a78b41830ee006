import { randomBytes } from "node:crypto";
import type { TestApp } from "./app.js";
import { expectData } from "./fixtures.js";
import { newDirectory, USER_SCHEMA, type ScimClient } from "./scim.js";

/** Team name → email local part → sorted grant reasons ("manual" or the granting group's displayName). */
export type TeamState = Record<string, Record<string, string[]>>;

export interface OrganizationState {
  /** Email local part → membership status. */
  members: Record<string, string>;
  teams: TeamState;
}

/**
 * One organization with a directory (the IdP side, over SCIM HTTP) and teams
 * (the admin side, over GraphQL). People are named by a short local part;
 * their emails get a suffix unique to this organization, since Roster users
 * are shared across organizations.
 */
export interface SyncOrg {
  organizationId: string;
  scim: ScimClient;
  teams: Record<string, string>;
  email(name: string): string;
  /** POST /Users, Okta-style; returns the SCIM id. */
  createUser(name: string, extra?: Record<string, unknown>): Promise<string>;
  /** POST /Groups; returns the SCIM id. */
  createGroup(displayName: string, memberIds?: string[]): Promise<string>;
  addMembers(groupId: string, memberIds: string[]): Promise<void>;
  removeMember(groupId: string, memberId: string): Promise<void>;
  setActive(userId: string, active: boolean): Promise<void>;
  map(team: string, groupName: string): Promise<string>;
  unmap(mappingId: string): Promise<void>;
  /** Adds a user to a team by hand (addTeamMember). */
  addByHand(team: string, name: string): Promise<void>;
  /** Reads members and teams back over GraphQL. */
  state(): Promise<OrganizationState>;
  /** The Roster user id behind a person. */
  userId(name: string): Promise<string>;
}

async function ok(response: Promise<{ status: number; body: any }>, what: string) {
  const { status, body } = await response;
  if (status >= 300) throw new Error(`${what}: ${status} ${JSON.stringify(body)}`);
  return body;
}

export async function syncOrg(t: TestApp, teamNames: string[] = [], provider = "OKTA_SCIM_V2"): Promise<SyncOrg> {
  const scim = await newDirectory(t, provider);
  const suffix = randomBytes(4).toString("hex");
  const teams: Record<string, string> = {};
  for (const name of teamNames) {
    const data = expectData(
      await t.gql(`mutation ($i: CreateTeamInput!) { createTeam(input: $i) { ... on CreateTeamPayload { team { id } } } }`, {
        i: { organizationId: scim.organizationId, name },
      }),
    );
    teams[name] = data.createTeam.team.id;
  }
  const email = (name: string) => `${name}.${suffix}@example.com`;
  const org: SyncOrg = {
    organizationId: scim.organizationId,
    scim,
    teams,
    email,
    async createUser(name, extra = {}) {
      return (await scim.createUser(email(name), extra)).id;
    },
    async createGroup(displayName, memberIds = []) {
      return (await scim.createGroup(displayName, memberIds)).id;
    },
    async addMembers(groupId, memberIds) {
      await ok(
        scim.patch(`/Groups/${groupId}`, [{ op: "add", path: "members", value: memberIds.map((value) => ({ value })) }]),
        "add members",
      );
    },
    async removeMember(groupId, memberId) {
      await ok(scim.patch(`/Groups/${groupId}`, [{ op: "remove", path: `members[value eq "${memberId}"]` }]), "remove member");
    },
    async setActive(userId, active) {
      await ok(scim.patch(`/Users/${userId}`, [{ op: "replace", value: { active } }]), "set active");
    },
    async map(team, groupName) {
      const data = expectData(
        await t.gql(
          `mutation ($i: AddGroupMappingInput!) { addGroupMapping(input: $i) {
            __typename ... on AddGroupMappingPayload { groupMapping { id } } ... on Error { message } } }`,
          { i: { teamId: teams[team], groupName } },
        ),
      );
      if (!data.addGroupMapping.groupMapping) throw new Error(`map: ${data.addGroupMapping.message}`);
      return data.addGroupMapping.groupMapping.id;
    },
    async unmap(mappingId) {
      expectData(
        await t.gql(`mutation ($i: RemoveGroupMappingInput!) { removeGroupMapping(input: $i) { __typename } }`, {
          i: { groupMappingId: mappingId },
        }),
      );
    },
    async addByHand(team, name) {
      const data = expectData(
        await t.gql(
          `mutation ($i: AddTeamMemberInput!) { addTeamMember(input: $i) { __typename ... on Error { message } } }`,
          { i: { teamId: teams[team], userId: await org.userId(name) } },
        ),
      );
      if (data.addTeamMember.__typename !== "AddTeamMemberPayload") throw new Error(`addByHand: ${data.addTeamMember.message}`);
    },
    async state() {
      const data = expectData(
        await t.gql(
          `query ($id: ID!) { node(id: $id) { ... on Organization {
            members(first: 500) { edges { node { status user { email } } } }
            teams(first: 100) { edges { node { name members(first: 500) { edges { node {
              user { email } grants { source directoryGroup { displayName } }
            } } } } } }
          } } }`,
          { id: scim.organizationId },
        ),
      );
      const local = (address: string) => address.split(".")[0];
      const members = Object.fromEntries(
        data.node.members.edges.map((e: any) => [local(e.node.user.email), e.node.status]),
      );
      const teamState: TeamState = {};
      for (const { node: team } of data.node.teams.edges) {
        teamState[team.name] = Object.fromEntries(
          team.members.edges.map((e: any) => [
            local(e.node.user.email),
            e.node.grants.map((g: any) => (g.source === "MANUAL" ? "manual" : g.directoryGroup.displayName)).sort(),
          ]),
        );
      }
      return { members, teams: teamState };
    },
    async userId(name) {
      const data = expectData(
        await t.gql(`query ($id: ID!) { node(id: $id) { ... on Organization { members(first: 500) { edges { node { user { id email } } } } } } }`, {
          id: scim.organizationId,
        }),
      );
      const member = data.node.members.edges.find((e: any) => e.node.user.email === email(name));
      if (!member) throw new Error(`${name} is not a member`);
      return member.node.user.id;
    },
  };
  return org;
}

/** A full Okta-style PUT body for a user, as Okta sends after a GET. */
export function userPut(userName: string, overrides: Record<string, unknown> = {}) {
  return {
    schemas: [USER_SCHEMA],
    userName,
    name: { givenName: "Given", familyName: "Family" },
    emails: [{ primary: true, value: userName, type: "work" }],
    active: true,
    groups: [],
    meta: { resourceType: "User" },
    ...overrides,
  };
}
