import http from "node:http";
import { describe, expect, it } from "vitest";
import { useTestApp } from "../support/app.js";
import { describeEachDatabase } from "../support/databases.js";
import { createDirectory, createOrganization, expectData } from "../support/fixtures.js";

describeEachDatabase("Roster app", (kind) => {
  const t = useTestApp(kind);

  it("answers /healthz when the database answers", async () => {
    const response = await fetch(`${t.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: kind });
  });

  it("creates an organization, a team and a directory whose token reads its SCIM Users", async () => {
    const org = await createOrganization(t);
    const team = expectData(
      await t.gql(
        `mutation ($input: CreateTeamInput!) { createTeam(input: $input) { ... on CreateTeamPayload { team { id slug name } } } }`,
        { input: { organizationId: org.id, name: "Platform Engineering" } },
      ),
    );
    expect(team.createTeam.team).toMatchObject({ slug: "platform-engineering", name: "Platform Engineering" });

    const { directory, bearerToken } = await createDirectory(t, org.id);
    expect(directory.scimBaseUrl).toMatch(new RegExp(`^${t.url}/scim/v2/[0-9a-f-]{36}$`));
    expect(bearerToken.startsWith(directory.tokenPrefix)).toBe(true);

    const ok = await fetch(`${directory.scimBaseUrl}/Users`, { headers: { authorization: `Bearer ${bearerToken}` } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
      totalResults: 0,
      Resources: [],
    });

    for (const authorization of [undefined, "Bearer wrong", `Bearer ${bearerToken}x`]) {
      const denied = await fetch(`${directory.scimBaseUrl}/Users`, {
        headers: authorization ? { authorization } : {},
      });
      expect(denied.status).toBe(401);
      expect(await denied.json()).toMatchObject({
        schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
        status: "401",
      });
    }
  });

  it("stores tokens only as hashes", async () => {
    const org = await createOrganization(t);
    const { directory, bearerToken } = await createDirectory(t, org.id);
    const rows = await t.db.prisma.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "Directory"`);
    expect(JSON.stringify(rows, (_k, v) => (typeof v === "bigint" ? String(v) : v))).not.toContain(bearerToken);
    expect(directory.tokenPrefix.length).toBeLessThan(bearerToken.length / 2);
  });

  it("stops accepting a rotated token", async () => {
    const org = await createOrganization(t);
    const { directory, bearerToken } = await createDirectory(t, org.id);
    const rotated = expectData(
      await t.gql(
        `mutation ($input: RotateDirectoryTokenInput!) { rotateDirectoryToken(input: $input) { ... on RotateDirectoryTokenPayload { bearerToken } } }`,
        { input: { directoryId: directory.id } },
      ),
    ).rotateDirectoryToken.bearerToken as string;
    const oldStatus = (await fetch(`${directory.scimBaseUrl}/Users`, { headers: { authorization: `Bearer ${bearerToken}` } })).status;
    const newStatus = (await fetch(`${directory.scimBaseUrl}/Users`, { headers: { authorization: `Bearer ${rotated}` } })).status;
    expect([oldStatus, newStatus]).toEqual([401, 200]);
  });

  describe("organization-scoped API keys", () => {
    it("see and change only their organization", async () => {
      const mine = await createOrganization(t);
      const other = await createOrganization(t);
      const key = expectData(
        await t.gql(
          `mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { ... on CreateApiKeyPayload { key apiKey { keyPrefix } } } }`,
          { input: { organizationId: mine.id, name: "ci" } },
        ),
      ).createApiKey.key as string;

      const readMine = await t.gql(`query ($slug: String!) { organization(slug: $slug) { id slug } }`, { slug: mine.slug }, key);
      expect(readMine.data?.organization).toEqual({ id: mine.id, slug: mine.slug });

      const readOther = await t.gql(`query ($slug: String!) { organization(slug: $slug) { id slug } }`, { slug: other.slug }, key);
      expect(readOther.data?.organization ?? null).toBeNull();
      expect(readOther.errors?.length).toBeGreaterThan(0);

      const byNode = await t.gql(`query ($id: ID!) { node(id: $id) { id } }`, { id: other.id }, key);
      expect(byNode.data?.node ?? null).toBeNull();

      const teamInOther = await t.gql(
        `mutation ($input: CreateTeamInput!) { createTeam(input: $input) { __typename ... on Error { message } } }`,
        { input: { organizationId: other.id, name: "Intruders" } },
        key,
      );
      expect(teamInOther.data?.createTeam.__typename).toBe("ForbiddenError");

      const directoryInOther = await t.gql(
        `mutation ($input: CreateDirectoryInput!) { createDirectory(input: $input) { __typename } }`,
        { input: { organizationId: other.id, name: "x", provider: "OKTA_SCIM_V2" } },
        key,
      );
      expect(directoryInOther.data?.createDirectory.__typename).toBe("ForbiddenError");

      const orgs = await t.gql(`{ organizations(first: 50) { totalCount edges { node { slug } } } }`, {}, key);
      expect(orgs.data?.organizations.edges.map((e: { node: { slug: string } }) => e.node.slug)).toEqual([mine.slug]);
    });

    it("cannot create organizations; only operators can", async () => {
      const anonymous = await t.gql(
        `mutation { createOrganization(input: { slug: "nope", name: "Nope" }) { __typename } }`,
        {},
        null,
      );
      expect(anonymous.data?.createOrganization.__typename).toBe("ForbiddenError");
    });
  });

  it("reports invalid input as a ValidationError", async () => {
    const result = await t.gql(
      `mutation { createOrganization(input: { slug: "Not A Slug", name: "x" }) { __typename ... on ValidationError { field message } } }`,
    );
    expect(result.data?.createOrganization).toMatchObject({ __typename: "ValidationError", field: "slug" });
  });
});

describe("Roster's HTTP server", () => {
  const t = useTestApp("pglite");

  // IdPs pause mid-import; a connection Roster closed under them makes a non-idempotent request fail.
  it("keeps an idle keep-alive connection open for longer than Node's default 5 s", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
        const request = http.get(`${t.url}/healthz`, { agent }, (response) => {
          response.resume();
          response.on("end", () => resolve({ status: response.statusCode!, reused: request.reusedSocket }));
        });
        request.on("error", reject);
      });
    try {
      expect(await get()).toEqual({ status: 200, reused: false });
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      expect(await get()).toEqual({ status: 200, reused: true });
    } finally {
      agent.destroy();
    }
  }, 20_000);
});
