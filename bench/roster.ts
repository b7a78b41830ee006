import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { startServer, type ServerProcess } from "./serverProcess.js";

const OPERATOR_KEY = `bench-${randomBytes(12).toString("hex")}`;

export interface RosterTarget {
  kind: "postgres" | "embedded";
  server: ServerProcess;
  baseUrl: string;
  token: string;
  organizationSlug: string;
  teamId: string;
  /** GraphQL as the operator. */
  gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Stops the server and drops its database. */
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** A throw-away database on the server `serverUrl` names (any database there serves to connect). */
async function createDatabase(serverUrl: string) {
  const name = `roster_bench_${randomBytes(4).toString("hex")}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * Starts Roster as `npm start` does (minus the UI build) on a fresh database,
 * then sets up what an admin would: an organization, an Okta directory, and a
 * team with one IdP group name mapped to it.
 */
export async function startRoster(options: { databaseUrl?: string; mappedGroupName: string }): Promise<RosterTarget> {
  const port = await freePort();
  const database = options.databaseUrl ? await createDatabase(options.databaseUrl) : null;
  const dataDir = database ? null : await mkdtemp(path.join(tmpdir(), "roster-bench-"));
  const { server } = await startServer(
    "dist/server.js",
    {
      PORT: String(port),
      ROSTER_PUBLIC_URL: `http://127.0.0.1:${port}`,
      ...(database ? { DATABASE_URL: database.url } : { DATA_DIR: dataDir!, DATABASE_URL: "" }),
      ROSTER_API_KEYS: OPERATOR_KEY,
      ROSTER_DEMO: "0",
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
    },
    /Roster is running at/,
    // As `npm start` runs it (its default ROSTER_HEAP_MB).
    ["--max-old-space-size=128"],
  );
  const origin = `http://127.0.0.1:${port}`;
  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(`${origin}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${OPERATOR_KEY}` },
      body: JSON.stringify({ query, variables }),
    });
    const result = (await response.json()) as { data?: any; errors?: { message: string }[] };
    if (result.errors?.length || !result.data) throw new Error(`GraphQL failed: ${JSON.stringify(result.errors)}`);
    return result.data;
  };
  const result = (data: any, field: string) => {
    if (data[field].message) throw new Error(`${field}: ${data[field].message}`);
    return data[field];
  };

  const slug = `bench-${randomBytes(3).toString("hex")}`;
  const organization = result(
    await gql(
      `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) {
        ... on CreateOrganizationPayload { organization { id } } ... on Error { message } } }`,
      { input: { slug, name: "Bench" } },
    ),
    "createOrganization",
  ).organization;
  const directory = result(
    await gql(
      `mutation ($input: CreateDirectoryInput!) { createDirectory(input: $input) {
        ... on CreateDirectoryPayload { bearerToken directory { scimBaseUrl } } ... on Error { message } } }`,
      { input: { organizationId: organization.id, name: "Okta", provider: "OKTA_SCIM_V2" } },
    ),
    "createDirectory",
  );
  const team = result(
    await gql(
      `mutation ($input: CreateTeamInput!) { createTeam(input: $input) {
        ... on CreateTeamPayload { team { id } } ... on Error { message } } }`,
      { input: { organizationId: organization.id, name: "Engineering" } },
    ),
    "createTeam",
  ).team;
  result(
    await gql(
      `mutation ($input: AddGroupMappingInput!) { addGroupMapping(input: $input) {
        ... on AddGroupMappingPayload { groupMapping { id } } ... on Error { message } } }`,
      { input: { teamId: team.id, groupName: options.mappedGroupName } },
    ),
    "addGroupMapping",
  );

  return {
    kind: database ? "postgres" : "embedded",
    server,
    baseUrl: directory.directory.scimBaseUrl,
    token: directory.bearerToken,
    organizationSlug: slug,
    teamId: team.id,
    gql,
    async close() {
      await server.stop();
      if (database) await database.drop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
