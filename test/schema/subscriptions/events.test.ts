import { afterEach, expect, it } from "vitest";
import { useTestApp, type TestApp } from "../../support/app.js";
import { describeEachDatabase } from "../../support/databases.js";
import { createOrganization, expectData } from "../../support/fixtures.js";
import { subscribeSse, type SseSubscription } from "../../support/sse.js";

const SUBSCRIPTION = `subscription ($organizationId: ID!, $after: String, $types: [String!]) {
  events(organizationId: $organizationId, after: $after, types: $types) { id type sequence payload }
}`;

async function createTeam(t: TestApp, organizationId: string, name: string) {
  expectData(await t.gql(`mutation ($i: CreateTeamInput!) { createTeam(input: $i) { __typename } }`, { i: { organizationId, name } }));
}

describeEachDatabase("Subscription.events", (kind) => {
  const t = useTestApp(kind);
  const open: SseSubscription[] = [];
  afterEach(() => open.splice(0).forEach((s) => s.close()));

  async function subscribe(variables: Record<string, unknown>, key: string | null = "test-operator-key") {
    const subscription = await subscribeSse(`${t.url}/graphql`, SUBSCRIPTION, variables, key);
    open.push(subscription);
    return subscription;
  }

  it("streams each new event once, in order, as soon as its change commits", async () => {
    const org = await createOrganization(t);
    await createTeam(t, org.id, "Before");
    const live = await subscribe({ organizationId: org.id });
    // Give the server a moment to start the stream, so "from now on" is after "Before".
    await new Promise((resolve) => setTimeout(resolve, 300));
    await createTeam(t, org.id, "One");
    // The fallback poll is out of reach in tests (NO_POLL), so this arrives because the commit woke the stream.
    const first = await live.next();
    await createTeam(t, org.id, "Two");
    await createTeam(t, org.id, "Three");
    const rest = [await live.next(), await live.next()];
    expect([first, ...rest].map((r) => r.data.events.payload.team.name)).toEqual(["One", "Two", "Three"]);
    expect([first, ...rest].map((r) => r.data.events.sequence)).toEqual(["2", "3", "4"]);
  });

  it("replays what a reconnecting client missed when given the last sequence it saw, filtered by type", async () => {
    const org = await createOrganization(t);
    await createTeam(t, org.id, "A");
    expectData(
      await t.gql(`mutation ($i: CreateDirectoryInput!) { createDirectory(input: $i) { __typename } }`, {
        i: { organizationId: org.id, name: "IdP", provider: "OKTA_SCIM_V2" },
      }),
    );
    await createTeam(t, org.id, "B");
    const resumed = await subscribe({ organizationId: org.id, after: "1", types: ["team.created"] });
    expect((await resumed.next()).data.events).toMatchObject({ sequence: "3", type: "team.created" });
    await createTeam(t, org.id, "C");
    expect((await resumed.next()).data.events).toMatchObject({ sequence: "4", payload: { team: { name: "C" } } });
  });

  it("refuses credentials without access to the organization", async () => {
    const org = await createOrganization(t);
    const anonymous = await subscribe({ organizationId: org.id }, null);
    const result = await anonymous.next();
    expect(result.errors?.[0].message).toMatch(/no access/i);
  });
});
