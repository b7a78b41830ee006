import { expect, it } from "vitest";
import { useTestApp } from "../../support/app.js";
import { describeEachDatabase } from "../../support/databases.js";
import { createOrganization, expectData } from "../../support/fixtures.js";

const CREATE = `mutation ($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) {
  __typename ... on Error { message } ... on ValidationError { field }
  ... on CreateWebhookEndpointPayload { secret webhookEndpoint { id url eventTypes active } } } }`;
const LIST = `query ($slug: String!) { organization(slug: $slug) { webhookEndpoints { id url eventTypes } } }`;
const DELETE = `mutation ($i: DeleteWebhookEndpointInput!) { deleteWebhookEndpoint(input: $i) {
  __typename ... on Error { message } ... on DeleteWebhookEndpointPayload { deletedWebhookEndpointId } } }`;

describeEachDatabase("webhook endpoint mutations", (kind) => {
  const t = useTestApp(kind);

  it("registers endpoints with a one-time secret, lists them without it, and deletes them", async () => {
    const org = await createOrganization(t);
    const all = expectData(await t.gql(CREATE, { i: { organizationId: org.id, url: "https://hooks.example.com/roster" } }));
    expect(all.createWebhookEndpoint).toMatchObject({
      secret: expect.stringMatching(/^roster_whsec_.{40,}/),
      webhookEndpoint: { url: "https://hooks.example.com/roster", eventTypes: [], active: true },
    });
    const some = expectData(
      await t.gql(CREATE, { i: { organizationId: org.id, url: "http://10.0.0.1:8080/x", eventTypes: ["user.created", "user.created"] } }),
    ).createWebhookEndpoint;
    expect(some.webhookEndpoint.eventTypes).toEqual(["user.created"]);
    expect(some.secret).not.toBe(all.createWebhookEndpoint.secret);

    const listed = expectData(await t.gql(LIST, { slug: org.slug })).organization.webhookEndpoints;
    expect(listed.map((e: any) => e.url)).toEqual(["https://hooks.example.com/roster", "http://10.0.0.1:8080/x"]);

    const deleted = expectData(await t.gql(DELETE, { i: { webhookEndpointId: some.webhookEndpoint.id } })).deleteWebhookEndpoint;
    expect(deleted).toEqual({ __typename: "DeleteWebhookEndpointPayload", deletedWebhookEndpointId: some.webhookEndpoint.id });
    expect(expectData(await t.gql(LIST, { slug: org.slug })).organization.webhookEndpoints).toHaveLength(1);
    const again = expectData(await t.gql(DELETE, { i: { webhookEndpointId: some.webhookEndpoint.id } })).deleteWebhookEndpoint;
    expect(again.__typename).toBe("NotFoundError");
  });

  it("refuses bad URLs, unknown event types and other organizations' credentials", async () => {
    const org = await createOrganization(t);
    for (const url of ["ftp://example.com/x", "not a url", "/relative"]) {
      const result = expectData(await t.gql(CREATE, { i: { organizationId: org.id, url } })).createWebhookEndpoint;
      expect(result).toMatchObject({ __typename: "ValidationError", field: "url" });
    }
    const unknown = expectData(
      await t.gql(CREATE, { i: { organizationId: org.id, url: "https://x.example.com", eventTypes: ["user.exploded"] } }),
    ).createWebhookEndpoint;
    expect(unknown).toMatchObject({ __typename: "ValidationError", field: "eventTypes" });

    const other = await createOrganization(t);
    const key = expectData(
      await t.gql(`mutation ($i: CreateApiKeyInput!) { createApiKey(input: $i) { ... on CreateApiKeyPayload { key } } }`, {
        i: { organizationId: other.id, name: "k" },
      }),
    ).createApiKey.key;
    const foreign = expectData(await t.gql(CREATE, { i: { organizationId: org.id, url: "https://x.example.com" } }, key));
    expect(foreign.createWebhookEndpoint.__typename).toBe("ForbiddenError");
  });
});
