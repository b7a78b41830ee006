import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { decodeGlobalID } from "@pothos/plugin-relay";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDatabase, type Database } from "../../prisma/database.js";
import { buildApp, type RosterApp } from "../../server/app.js";
import type { RedisEventBus } from "../../server/redisEventBus.js";
import { adminUrl, databaseUrl } from "../support/postgres.js";
import { GROUP_SCHEMA, PATCH_SCHEMA, scimClient, USER_SCHEMA, type ScimClient } from "../support/scim.js";
import { subscribeSse, type SseSubscription } from "../support/sse.js";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const KEY = "scale-out-operator-key";
const USERS = 40;

interface Instance {
  db: Database;
  app: RosterApp;
  server: Server;
  url: string;
}

/**
 * Several instances over one PostgreSQL database, with Redis carrying the
 * live-event wake-ups between them (docs/deployment.md). Each instance here
 * has its own connection pool, Redis connections and HTTP server, as separate
 * processes would; nothing but the database and Redis is shared.
 */
(inject("postgresTemplate") ? describe : describe.skip)("two instances over one PostgreSQL and Redis", () => {
  const name = `roster_scale_${randomBytes(4).toString("hex")}`;
  const instances: Instance[] = [];
  let admin: pg.Client;

  async function start(url: string): Promise<Instance> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const db = await openDatabase({ url });
    const app = buildApp({ db, config: { operatorKeys: [KEY], logLevel: "silent", publicUrl: origin, redisUrl: REDIS_URL } });
    await (app.events as RedisEventBus).ready;
    server.on("request", app);
    return { db, app, server, url: origin };
  }

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: adminUrl(process.env.TEST_DATABASE_URL!) });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject("postgresTemplate")}`);
    const url = databaseUrl(process.env.TEST_DATABASE_URL!, name);
    instances.push(await start(url), await start(url));
  });

  afterAll(async () => {
    for (const instance of instances) {
      await new Promise((resolve) => instance.server.close(resolve));
      await instance.app.events.close();
      await instance.db.close();
    }
    await admin?.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin?.end();
  });

  async function gql(instance: Instance, query: string, variables: Record<string, unknown> = {}) {
    const response = await fetch(`${instance.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${KEY}` },
      body: JSON.stringify({ query, variables }),
    });
    const result = (await response.json()) as { data?: any; errors?: unknown[] };
    if (result.errors || !result.data) throw new Error(JSON.stringify(result.errors));
    return result.data;
  }

  /** Every event a subscriber receives until it has seen `last`; fails on a gap or a repeat. */
  async function receiveUntil(subscription: SseSubscription, last: number): Promise<number[]> {
    const sequences: number[] = [];
    while (sequences.at(-1) !== last) sequences.push(Number((await subscription.next(15_000)).data!.events.sequence));
    return sequences;
  }

  it("splits an import between the instances: one end state, and every subscriber on either sees every event", async () => {
    const [a, b] = instances;
    const { createOrganization: created } = await gql(
      a,
      `mutation { createOrganization(input: { slug: "${name.replace(/_/g, "-")}", name: "Scale" }) {
        ... on CreateOrganizationPayload { organization { id } } } }`,
    );
    const organizationId = created.organization.id;
    const { createDirectory: directory } = await gql(
      b,
      `mutation ($id: ID!) { createDirectory(input: { organizationId: $id, name: "Okta", provider: OKTA_SCIM_V2 }) {
        ... on CreateDirectoryPayload { bearerToken directory { id } } } }`,
      { id: organizationId },
    );
    const { createTeam } = await gql(
      a,
      `mutation ($id: ID!) { createTeam(input: { organizationId: $id, name: "Engineering" }) { ... on CreateTeamPayload { team { id } } } }`,
      { id: organizationId },
    );
    await gql(b, `mutation ($team: ID!) { addGroupMapping(input: { teamId: $team, groupName: "Engineers" }) { __typename } }`, {
      team: createTeam.team.id,
    });

    // Two subscribers on each instance, from the first event on.
    const subscribers = await Promise.all(
      [a, a, b, b].map((instance) =>
        subscribeSse(
          `${instance.url}/graphql`,
          `subscription ($id: ID!) { events(organizationId: $id, after: "0") { sequence } }`,
          { id: organizationId },
          KEY,
        ),
      ),
    );
    try {
      // The IdP's calls land on either instance, as behind a load balancer: even users through A, odd through B.
      const ids = { directoryId: decodeGlobalID(directory.directory.id).id, organizationId: decodeGlobalID(organizationId).id };
      const scim: ScimClient[] = [a, b].map((i) => scimClient(`${i.url}/scim/v2/${ids.directoryId}`, directory.bearerToken, ids));
      const userIds = await Promise.all(
        Array.from({ length: USERS }, async (_, n) => {
          const userName = `person${n}@scale.example`;
          const response = await scim[n % 2].post("/Users", {
            schemas: [USER_SCHEMA],
            userName,
            emails: [{ primary: true, value: userName }],
            active: true,
          });
          expect(response.status).toBe(201);
          return response.body.id as string;
        }),
      );
      const group = await scim[0].post("/Groups", { schemas: [GROUP_SCHEMA], displayName: "Engineers", members: [] });
      expect(group.status).toBe(201);
      // Members pushed in batches through both instances at once, then three people deactivated through B.
      await Promise.all(
        [0, 1, 2, 3].map(async (batch) => {
          const value = userIds.slice(batch * 10, batch * 10 + 10).map((id) => ({ value: id }));
          const response = await scim[batch % 2].request("PATCH", `/Groups/${group.body.id}`, {
            schemas: [PATCH_SCHEMA],
            Operations: [{ op: "add", path: "members", value }],
          });
          expect(response.status).toBe(200);
        }),
      );
      await Promise.all(
        userIds.slice(0, 3).map((id) => scim[1].patch(`/Users/${id}`, [{ op: "replace", value: { active: false } }])),
      );

      // One end state, seen the same from both instances.
      for (const instance of [a, b]) {
        const data = await gql(
          instance,
          `query ($team: ID!, $id: ID!) {
            team: node(id: $team) { ... on Team { members(first: 100) { totalCount } } }
            org: node(id: $id) { ... on Organization { members(first: 100) { totalCount edges { node { status } } }
              events(last: 1) { edges { node { sequence } } } } } }`,
          { team: createTeam.team.id, id: organizationId },
        );
        expect(data.team.members.totalCount).toBe(USERS - 3);
        expect(data.org.members.totalCount).toBe(USERS);
        expect(data.org.members.edges.filter((e: any) => e.node.status === "DEACTIVATED")).toHaveLength(3);
      }
      const listed = await scim[1].get("/Users?count=0");
      expect(listed.body.totalResults).toBe(USERS);

      // Every subscriber, on either instance, receives every event once and in order.
      const { org } = await gql(b, `query ($id: ID!) { org: node(id: $id) { ... on Organization { events(last: 1) { edges { node { sequence } } } } } }`, {
        id: organizationId,
      });
      const last = Number(org.events.edges[0].node.sequence);
      expect(last).toBeGreaterThan(USERS * 3);
      const everything = Array.from({ length: last }, (_, i) => i + 1);
      for (const subscriber of subscribers) expect(await receiveUntil(subscriber, last)).toEqual(everything);

      // And live: an event committed through A reaches B's subscribers by Redis (the fallback poll is out of reach in tests).
      await scim[0].patch(`/Users/${userIds[0]}`, [{ op: "replace", value: { active: true } }]);
      for (const subscriber of subscribers) expect((await subscriber.next(15_000)).data!.events.sequence).toBe(String(last + 1));
    } finally {
      subscribers.forEach((s) => s.close());
    }
  });
});
