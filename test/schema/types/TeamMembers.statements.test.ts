import { readFile } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDatabase, type Database } from "../../../prisma/database.js";
import { buildApp, type RosterApp } from "../../../server/app.js";

const KEY = "statements-test-key";

/**
 * Reading teams and their members over GraphQL must cost a bounded number of
 * SQL statements, however many teams and members there are: no statement per
 * team, member or grant. Statements are counted where they reach the
 * database (PGlite's query), so whatever issues them is counted.
 */
describe("GraphQL: an organization's teams and their members", () => {
  let pglite: PGlite;
  let db: Database;
  let app: RosterApp;
  let statements: string[] | null = null;

  beforeAll(async () => {
    pglite = new PGlite({ loadDataDir: new Blob([await readFile(inject("pgliteTemplate"))]) });
    const query = pglite.query.bind(pglite);
    pglite.query = ((sql: string, ...rest: unknown[]) => {
      statements?.push(sql);
      return (query as (...args: unknown[]) => unknown)(sql, ...rest);
    }) as typeof pglite.query;
    db = await openDatabase({ pglite });
    app = buildApp({ db, config: { operatorKeys: [KEY], logLevel: "silent", publicUrl: "http://localhost" } });
    await seed("small", 2, 10);
    await seed("large", 50, 1000);
  });

  afterAll(async () => {
    await app?.events.close();
    await db?.close();
  });

  /** An organization with `teams` teams of `members` members each, every membership with one grant, written in bulk. */
  async function seed(slug: string, teams: number, members: number) {
    await pglite.query(
      `WITH o AS (INSERT INTO "Organization" (id, slug, name, "updatedAt") VALUES (gen_random_uuid(), $1, $1, now()) RETURNING id),
       t AS (INSERT INTO "Team" (id, "organizationId", slug, name, "updatedAt")
             SELECT gen_random_uuid(), o.id, 'team-' || n, 'Team ' || lpad(n::text, 3, '0'), now() FROM o, generate_series(1, $2::int) n RETURNING id),
       u AS (INSERT INTO "User" (id, email, "emailKey", "updatedAt")
             SELECT gen_random_uuid(), $1 || '-' || n || '@example.com', $1 || '-' || n || '@example.com', now()
             FROM generate_series(1, $3::int) n RETURNING id),
       m AS (INSERT INTO "TeamMember" (id, "teamId", "userId") SELECT gen_random_uuid(), t.id, u.id FROM t, u RETURNING id)
       INSERT INTO "TeamMemberGrant" (id, "teamMemberId", source, "grantKey") SELECT gen_random_uuid(), m.id, 'MANUAL', 'manual' FROM m`,
      [slug, teams, members],
    );
  }

  async function gql(query: string, variables: Record<string, unknown>) {
    const response = await app.yoga.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${KEY}` },
      body: JSON.stringify({ query, variables }),
    });
    const result = (await response.json()) as { data?: any; errors?: unknown[] };
    expect(result.errors).toBeUndefined();
    return result.data;
  }

  const TEAMS = `query ($slug: String!) { organization(slug: $slug) {
    teams(first: 50) { totalCount edges { node { name
      members(first: 100) { totalCount pageInfo { hasNextPage endCursor }
        edges { node { createdAt user { email displayName } grants { source directoryGroup { displayName } } } } }
    } } } } }`;

  const NEXT_PAGE = `query ($team: ID!, $after: String) { node(id: $team) { ... on Team {
    members(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor }
      edges { node { user { email } grants { source } } } } } } }`;

  /** Runs a query and returns its data with the statements it issued. */
  async function counted(query: string, variables: Record<string, unknown>) {
    statements = [];
    try {
      return { data: await gql(query, variables), count: statements.length };
    } finally {
      statements = null;
    }
  }

  it("reads every team's first page of members with as many statements for 50 teams of 1,000 as for 2 teams of 10", async () => {
    const small = await counted(TEAMS, { slug: "small" });
    const large = await counted(TEAMS, { slug: "large" });

    const teams = large.data.organization.teams;
    expect(teams.totalCount).toBe(50);
    expect(teams.edges).toHaveLength(50);
    for (const { node } of teams.edges) {
      expect(node.members.totalCount).toBe(1000);
      expect(node.members.edges).toHaveLength(100);
      expect(node.members.pageInfo.hasNextPage).toBe(true);
      expect(node.members.edges[0].node.grants).toEqual([{ source: "MANUAL", directoryGroup: null }]);
    }
    expect(small.data.organization.teams.edges.map((e: any) => e.node.members.totalCount)).toEqual([10, 10]);
    expect(large.count).toBe(small.count);
    expect(large.count).toBeLessThanOrEqual(8);
  });

  it("pages through all 1,000 members of a team with the same few statements per page", async () => {
    const first = await gql(`query { organization(slug: "large") { teams(first: 1) { edges { node { id } } } } }`, {});
    const team = first.organization.teams.edges[0].node.id;
    const emails = new Set<string>();
    const counts: number[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await counted(NEXT_PAGE, { team, after });
      const members = page.data.node.members;
      counts.push(page.count);
      for (const edge of members.edges) emails.add(edge.node.user.email);
      if (!members.pageInfo.hasNextPage) break;
      after = members.pageInfo.endCursor;
    }
    expect(emails.size).toBe(1000);
    expect(counts).toHaveLength(10);
    expect(new Set(counts).size).toBe(1);
    expect(counts[0]).toBeLessThanOrEqual(6);
  });
});
