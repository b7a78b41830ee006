import { expect, it } from "vitest";
import { useTestApp, type TestApp } from "../../support/app.js";
import { describeEachDatabase } from "../../support/databases.js";
import { createDirectory, createOrganization, expectData } from "../../support/fixtures.js";

const EVENTS = `query ($slug: String!, $first: Int, $last: Int, $after: String, $before: String, $types: [String!], $directoryId: ID) {
  organization(slug: $slug) {
    events(first: $first, last: $last, after: $after, before: $before, types: $types, directoryId: $directoryId) {
      pageInfo { hasNextPage hasPreviousPage endCursor }
      edges { cursor node { id type sequence directoryId payload createdAt } }
    }
  }
}`;

async function events(t: TestApp, slug: string, args: Record<string, unknown>, key?: string) {
  const result = await t.gql(EVENTS, { slug, ...args }, key);
  return result;
}

const nodes = (result: any) => result.data.organization.events.edges.map((e: any) => e.node);

describeEachDatabase("Organization.events", (kind) => {
  const t = useTestApp(kind);

  async function organizationWithHistory() {
    const org = await createOrganization(t);
    for (const name of ["Red", "Green"]) {
      expectData(await t.gql(`mutation ($i: CreateTeamInput!) { createTeam(input: $i) { __typename } }`, { i: { organizationId: org.id, name } }));
    }
    const one = await createDirectory(t, org.id);
    const two = await createDirectory(t, org.id);
    expectData(
      await t.gql(`mutation ($i: RotateDirectoryTokenInput!) { rotateDirectoryToken(input: $i) { __typename } }`, {
        i: { directoryId: one.directory.id },
      }),
    );
    return { org, one: one.directory, two: two.directory };
  }

  it("lists events in sequence order with unique ids, a page at a time, resumable from a cursor", async () => {
    const { org } = await organizationWithHistory();
    const all = nodes(await events(t, org.slug, { first: 50 }));
    expect(all.map((e: any) => e.type)).toEqual([
      "team.created",
      "team.created",
      "directory.created",
      "directory.created",
      "directory.token_rotated",
    ]);
    expect(all.map((e: any) => e.sequence)).toEqual(["1", "2", "3", "4", "5"]);
    expect(new Set(all.map((e: any) => e.id)).size).toBe(5);

    const first = await events(t, org.slug, { first: 2 });
    expect(nodes(first).map((e: any) => e.sequence)).toEqual(["1", "2"]);
    expect(first.data.organization.events.pageInfo).toMatchObject({ hasNextPage: true, endCursor: "2" });
    const rest = await events(t, org.slug, { first: 10, after: "2" });
    expect(nodes(rest).map((e: any) => e.sequence)).toEqual(["3", "4", "5"]);
    expect(rest.data.organization.events.pageInfo).toMatchObject({ hasNextPage: false, endCursor: "5" });
    // Nothing new yet: the cursor stays where it was, ready for the next poll.
    const none = await events(t, org.slug, { first: 10, after: "5" });
    expect(none.data.organization.events).toMatchObject({ edges: [], pageInfo: { endCursor: "5" } });

    const newest = await events(t, org.slug, { last: 2 });
    expect(nodes(newest).map((e: any) => e.sequence)).toEqual(["4", "5"]);
    expect(nodes(await events(t, org.slug, { last: 1, before: "3" })).map((e: any) => e.sequence)).toEqual(["2"]);
  });

  it("filters by type and by directory", async () => {
    const { org, one, two } = await organizationWithHistory();
    const teams = nodes(await events(t, org.slug, { first: 10, types: ["team.created"] }));
    expect(teams.map((e: any) => [e.type, e.payload.team.name])).toEqual([
      ["team.created", "Red"],
      ["team.created", "Green"],
    ]);
    const fromOne = nodes(await events(t, org.slug, { first: 10, directoryId: one.id }));
    expect(fromOne.map((e: any) => e.type)).toEqual(["directory.created", "directory.token_rotated"]);
    expect(fromOne.every((e: any) => e.directoryId === one.id)).toBe(true);
    const rotatedInTwo = nodes(
      await events(t, org.slug, { first: 10, directoryId: two.id, types: ["directory.token_rotated"] }),
    );
    expect(rotatedInTwo).toEqual([]);

    const unknown = await events(t, org.slug, { first: 10, types: ["team.exploded"] });
    expect(unknown.errors?.[0].message).toMatch(/Unknown event type team\.exploded/);
    const badCursor = await events(t, org.slug, { first: 10, after: "abc" });
    expect(badCursor.errors?.[0].message).toMatch(/cursor/);
  });

  it("shows an organization's events only to credentials of that organization", async () => {
    const { org } = await organizationWithHistory();
    const other = await createOrganization(t);
    const key = expectData(
      await t.gql(`mutation ($i: CreateApiKeyInput!) { createApiKey(input: $i) { ... on CreateApiKeyPayload { key } } }`, {
        i: { organizationId: other.id, name: "other" },
      }),
    ).createApiKey.key;
    const denied = await events(t, org.slug, { first: 10 }, key);
    expect(denied.data?.organization ?? null).toBeNull();
    const own = await events(t, other.slug, { first: 10 }, key);
    expect(nodes(own)).toEqual([]);
  });
});
