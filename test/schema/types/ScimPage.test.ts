import { beforeAll, expect, it } from "vitest";
import { useTestApp } from "../../support/app.js";
import { describeEachDatabase } from "../../support/databases.js";
import { createDirectory, createOrganization, expectData } from "../../support/fixtures.js";
import { scimClient } from "../../support/scim.js";
import { decodeGlobalID } from "@pothos/plugin-relay";

const SCIM_USERS = `query ($directory: ID!, $filter: String, $startIndex: Int, $count: Int) {
  scimUsers(directory: $directory, filter: $filter, startIndex: $startIndex, count: $count) {
    __typename
    ... on ScimUserPage { totalResults startIndex resources { scimResource } }
    ... on Error { message }
  }
}`;

describeEachDatabase("Query.scimUsers", (kind) => {
  const t = useTestApp(kind);
  let directoryId: string;
  let organizationId: string;
  const keyOf = async (organization: string) =>
    expectData(
      await t.gql(
        `mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { ... on CreateApiKeyPayload { key } } }`,
        { input: { organizationId: organization, name: "integration" } },
      ),
    ).createApiKey.key as string;

  beforeAll(async () => {
    organizationId = (await createOrganization(t)).id;
    const { directory, bearerToken } = await createDirectory(t, organizationId);
    directoryId = directory.id;
    const scim = scimClient(directory.scimBaseUrl, bearerToken, { directoryId: decodeGlobalID(directory.id).id, organizationId });
    for (const name of ["ada", "bob", "cy"]) await scim.createUser(`${name}@example.com`);
  });

  const userNames = (page: { resources: { scimResource: { userName: string } }[] }) =>
    page.resources.map((r) => r.scimResource.userName);

  it("lists a directory's users to its organization's key, a page at a time, filtered by the database", async () => {
    const key = await keyOf(organizationId);
    const all = expectData(await t.gql(SCIM_USERS, { directory: directoryId }, key)).scimUsers;
    expect(all).toMatchObject({ __typename: "ScimUserPage", totalResults: 3, startIndex: 1 });
    expect(userNames(all)).toEqual(["ada@example.com", "bob@example.com", "cy@example.com"]);

    const second = expectData(await t.gql(SCIM_USERS, { directory: directoryId, startIndex: 2, count: 1 }, key)).scimUsers;
    expect(second).toMatchObject({ totalResults: 3, startIndex: 2 });
    expect(userNames(second)).toEqual(["bob@example.com"]);

    const filtered = expectData(await t.gql(SCIM_USERS, { directory: directoryId, filter: 'userName sw "c"' }, key)).scimUsers;
    expect(userNames(filtered)).toEqual(["cy@example.com"]);
  });

  it("refuses another organization's key, a non-directory id and a bad filter", async () => {
    const stranger = await keyOf((await createOrganization(t)).id);
    const forbidden = expectData(await t.gql(SCIM_USERS, { directory: directoryId }, stranger)).scimUsers;
    expect(forbidden.__typename).toBe("ForbiddenError");

    const notDirectory = await t.gql(SCIM_USERS, { directory: organizationId });
    expect(notDirectory.data ?? null).toBeNull();
    expect(notDirectory.errors?.[0].message).toMatch(/is not of type: Directory/);

    const badFilter = expectData(await t.gql(SCIM_USERS, { directory: directoryId, filter: "userName zz 1" })).scimUsers;
    expect(badFilter.__typename).toBe("InvalidFilterError");
  });
});
