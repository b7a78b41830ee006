import { randomBytes } from "node:crypto";
import type { TestApp } from "./app.js";

export function uniqueSlug(prefix = "org"): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

/** Fails the test with the GraphQL errors or error result instead of returning undefined data. */
/** Untyped by default: tests check the data with assertions. */
export function expectData<T = any>(result: { data?: unknown; errors?: unknown[] }): T {
  if (result.errors?.length || !result.data) throw new Error(`GraphQL failed: ${JSON.stringify(result.errors)}`);
  return result.data as T;
}

export async function createOrganization(t: TestApp, slug = uniqueSlug()) {
  const data = expectData(
    await t.gql(
      `mutation ($input: CreateOrganizationInput!) {
        createOrganization(input: $input) {
          __typename
          ... on CreateOrganizationPayload { organization { id slug name } }
          ... on Error { message }
        }
      }`,
      { input: { slug, name: `Org ${slug}` } },
    ),
  );
  if (data.createOrganization.__typename !== "CreateOrganizationPayload") {
    throw new Error(`createOrganization: ${data.createOrganization.message}`);
  }
  return data.createOrganization.organization as { id: string; slug: string; name: string };
}

export async function createDirectory(
  t: TestApp,
  organizationId: string,
  provider = "OKTA_SCIM_V2",
  key?: string,
) {
  const data = expectData(
    await t.gql(
      `mutation ($input: CreateDirectoryInput!) {
        createDirectory(input: $input) {
          __typename
          ... on CreateDirectoryPayload { bearerToken directory { id name provider scimBaseUrl active tokenPrefix } }
          ... on Error { message }
        }
      }`,
      { input: { organizationId, name: "IdP", provider } },
      key,
    ),
  );
  if (data.createDirectory.__typename !== "CreateDirectoryPayload") {
    throw new Error(`createDirectory: ${data.createDirectory.message}`);
  }
  return data.createDirectory as {
    bearerToken: string;
    directory: { id: string; name: string; provider: string; scimBaseUrl: string; active: boolean; tokenPrefix: string };
  };
}
