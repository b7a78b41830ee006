import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { decodeGlobalID } from "@pothos/plugin-relay";
import { afterEach, beforeAll, expect, it } from "vitest";
import { createLogger } from "../../../server/logger.js";
import { startWebhookDispatcher, type Dispatcher, type DispatcherOptions } from "../../../server/webhooks/dispatcher.js";
import { signWebhook } from "../../../server/webhooks/signature.js";
import { useTestApp, type TestApp } from "../../support/app.js";
import { describeEachDatabase } from "../../support/databases.js";
import { createOrganization, expectData } from "../../support/fixtures.js";
import { startReceiver, type Receiver } from "../../support/receiver.js";
import { newDirectory } from "../../support/scim.js";
import { waitFor } from "../../support/waitFor.js";

type Verify = (secret: string, rawBody: string, header: string | undefined) => boolean;

/** The verifier exactly as README.md documents it, so the documentation is what gets tested. */
async function readmeVerifier(): Promise<Verify> {
  const readme = await readFile(new URL("../../../README.md", import.meta.url), "utf8");
  const section = readme.slice(readme.indexOf("## Webhooks"));
  const code = /```js\n([\s\S]*?)```/.exec(section)?.[1];
  if (!code) throw new Error("README.md has no js snippet under ## Webhooks");
  const file = path.join(os.tmpdir(), `roster-verify-${randomBytes(4).toString("hex")}.mjs`);
  await writeFile(file, code);
  return (await import(file)).verifyRosterSignature;
}

async function createEndpoint(t: TestApp, organizationId: string, url: string, eventTypes?: string[]) {
  const data = expectData(
    await t.gql(
      `mutation ($input: CreateWebhookEndpointInput!) {
        createWebhookEndpoint(input: $input) {
          __typename
          ... on CreateWebhookEndpointPayload { secret webhookEndpoint { id url eventTypes active } }
          ... on Error { message }
        }
      }`,
      { input: { organizationId, url, eventTypes } },
    ),
  );
  expect(data.createWebhookEndpoint.__typename).toBe("CreateWebhookEndpointPayload");
  return data.createWebhookEndpoint as { secret: string; webhookEndpoint: { id: string; url: string; eventTypes: string[] } };
}

async function createTeams(t: TestApp, organizationId: string, count: number) {
  for (let i = 0; i < count; i++) {
    expectData(
      await t.gql(`mutation ($input: CreateTeamInput!) { createTeam(input: $input) { __typename } }`, {
        input: { organizationId, name: `Team ${i} ${randomBytes(3).toString("hex")}` },
      }),
    );
  }
}

async function eventIds(t: TestApp, organizationId: string) {
  const events = await t.db.prisma.event.findMany({
    where: { organizationId: decodeGlobalID(organizationId).id },
    orderBy: { sequence: "asc" },
  });
  return events.map((e) => e.id);
}

const parsed = (request: { body: string }) => JSON.parse(request.body) as { id: string; sequence: string; type: string };

describeEachDatabase("webhook dispatcher", (kind) => {
  const t = useTestApp(kind);
  const receivers: Receiver[] = [];
  const dispatchers: Dispatcher[] = [];
  let verify: Verify;

  beforeAll(async () => {
    verify = await readmeVerifier();
  });

  afterEach(async () => {
    await Promise.all(dispatchers.splice(0).map((d) => d.stop()));
    await Promise.all(receivers.splice(0).map((r) => r.close()));
  });

  async function receiver() {
    const r = await startReceiver();
    receivers.push(r);
    return r;
  }

  function dispatcher(options: Partial<DispatcherOptions> = {}) {
    const d = startWebhookDispatcher({
      prisma: t.db.prisma,
      logger: createLogger("silent"),
      pollIntervalMs: 20,
      retry: { baseDelayMs: 40, maxDelayMs: 400, maxAttempts: 8 },
      ...options,
    });
    dispatchers.push(d);
    return d;
  }

  it("signs every delivery so that the README's verifier accepts it, and nothing else", async () => {
    const org = await createOrganization(t);
    const hook = await receiver();
    const { secret, webhookEndpoint } = await createEndpoint(t, org.id, hook.url);
    expect(secret).toMatch(/^roster_whsec_/);
    dispatcher();
    await createTeams(t, org.id, 1);
    const [request] = await waitFor(() => (hook.requests.length === 1 ? hook.requests : null));

    const header = request.headers["roster-signature"] as string;
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verify(secret, request.body, header)).toBe(true);
    expect(verify(secret, request.body.replace("team.created", "team.deleted"), header)).toBe(false);
    expect(verify(`${secret}x`, request.body, header)).toBe(false);
    expect(verify(secret, request.body, undefined)).toBe(false);
    const stale = signWebhook(secret, request.body, Math.floor(Date.now() / 1000) - 600);
    expect(verify(secret, request.body, stale)).toBe(false);

    const body = JSON.parse(request.body);
    expect(body).toMatchObject({ type: "team.created", sequence: expect.stringMatching(/^\d+$/), data: { team: {} } });
    expect(request.headers["roster-event-id"]).toBe(body.id);
    expect(await eventIds(t, org.id)).toContain(body.id);

    // The secret is shown once: GraphQL has no field that returns it again.
    const listed = await t.gql(`query ($id: ID!) { node(id: $id) { ... on WebhookEndpoint { secret } } }`, {
      id: webhookEndpoint.id,
    });
    expect(listed.errors?.[0]?.message).toMatch(/secret/);
  });

  it("delivers only the chosen event types, from its creation on", async () => {
    const org = await createOrganization(t);
    await createTeams(t, org.id, 2);
    const hook = await receiver();
    await createEndpoint(t, org.id, hook.url, ["directory.created"]);
    dispatcher();
    await createTeams(t, org.id, 2);
    await newDirectoryIn(t, org.id);
    await waitFor(() => hook.requests.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(hook.requests.map((r) => parsed(r).type)).toEqual(["directory.created"]);
  });

  it("retries a receiver that fails and then recovers: no event lost, none out of order, every attempt recorded", async () => {
    const org = await createOrganization(t);
    const hook = await receiver();
    let failures = 5;
    hook.respond = () => (failures-- > 0 ? 500 : 204);
    const { webhookEndpoint } = await createEndpoint(t, org.id, hook.url);
    await createTeams(t, org.id, 10);
    dispatcher();
    const expected = await eventIds(t, org.id);
    expect(expected).toHaveLength(10);
    // The receiver answers before the dispatcher records the attempt: wait for the records.
    await waitFor(
      async () => (await t.db.prisma.webhookDelivery.count({ where: { status: "SUCCEEDED", endpoint: { url: hook.url } } })) === 10,
      20_000,
      "10 deliveries",
    );

    const delivered = hook.requests.filter((r) => r.status === 204).map((r) => parsed(r).id);
    expect(delivered).toEqual(expected);
    // In order: no event was even tried before the one before it had been delivered.
    const sequences = hook.requests.map((r) => Number(parsed(r).sequence));
    for (let i = 1; i < sequences.length; i++) expect(sequences[i]).toBeGreaterThanOrEqual(sequences[i - 1]);
    expect(hook.requests).toHaveLength(15);

    const readDeliveries = async () =>
      expectData(
        await t.gql(
          `query ($id: ID!) { node(id: $id) { ... on WebhookEndpoint {
            deliveries(first: 20) { totalCount edges { node {
              status attemptCount lastError event { id sequence }
              attempts { attemptedAt durationMs responseStatus error }
            } } }
          } } }`,
          { id: webhookEndpoint.id },
        ),
      ).node.deliveries.edges.map((e: any) => e.node).reverse();
    // The receiver has answered the last one; the dispatcher records it just after.
    const deliveries = await waitFor(async () => {
      const all = await readDeliveries();
      return all.every((d: any) => d.status === "SUCCEEDED") ? all : null;
    }, 20_000, "every delivery recorded as SUCCEEDED");
    expect(deliveries).toHaveLength(10);
    const first = deliveries[0];
    expect(first.attemptCount).toBe(6);
    expect(first.attempts.map((a: any) => a.responseStatus)).toEqual([500, 500, 500, 500, 500, 204]);
    expect(first.attempts.slice(0, 5).every((a: any) => a.error === "HTTP 500")).toBe(true);
    // Exponential backoff with jitter: the wait before attempt n+1 is at least half of min(40 ms × 2^(n-1), 400 ms).
    const times = first.attempts.map((a: any) => Date.parse(a.attemptedAt));
    for (let n = 1; n < times.length; n++) {
      expect(times[n] - times[n - 1]).toBeGreaterThanOrEqual(Math.min(40 * 2 ** (n - 1), 400) / 2 - 5);
    }
    expect(deliveries.slice(1).every((d: any) => d.attempts.length === 1)).toBe(true);
  });

  it("marks a delivery FAILED after the stated attempts, moves on, and redelivers it on request", async () => {
    const org = await createOrganization(t);
    const hook = await receiver();
    let down = true;
    let firstSequence = "";
    hook.respond = (request) => (down && parsed(request).sequence === firstSequence ? 503 : 204);
    const { webhookEndpoint } = await createEndpoint(t, org.id, hook.url);
    await createTeams(t, org.id, 2);
    const events = await t.db.prisma.event.findMany({
      where: { organizationId: decodeGlobalID(org.id).id },
      orderBy: { sequence: "asc" },
    });
    firstSequence = String(events[0].sequence);
    dispatcher({ retry: { baseDelayMs: 10, maxDelayMs: 20, maxAttempts: 3 } });

    const deliveriesQuery = `query ($id: ID!) { node(id: $id) { ... on WebhookEndpoint {
      deliveries(first: 10) { edges { node { id status attemptCount lastError event { sequence } attempts { responseStatus } } } }
    } } }`;
    const read = async () =>
      expectData(await t.gql(deliveriesQuery, { id: webhookEndpoint.id })).node.deliveries.edges.map((e: any) => e.node);
    const settled = await waitFor(async () => {
      const list = await read();
      return list.length === 2 && list.every((d: any) => d.status !== "PENDING") ? list : null;
    });
    const [second, failed] = settled;
    expect(failed).toMatchObject({ status: "FAILED", attemptCount: 3, lastError: "HTTP 503" });
    expect(failed.attempts).toHaveLength(3);
    expect(second.status).toBe("SUCCEEDED");

    down = false;
    const redelivered = expectData(
      await t.gql(
        `mutation ($input: RedeliverWebhookDeliveryInput!) { redeliverWebhookDelivery(input: $input) {
          __typename ... on RedeliverWebhookDeliveryPayload { webhookDelivery { status attemptCount } } } }`,
        { input: { webhookDeliveryId: failed.id } },
      ),
    );
    expect(redelivered.redeliverWebhookDelivery.webhookDelivery).toEqual({ status: "PENDING", attemptCount: 0 });
    const done = await waitFor(async () => (await read()).find((d: any) => d.id === failed.id && d.status === "SUCCEEDED"));
    expect(done.attempts.map((a: any) => a.responseStatus)).toEqual([503, 503, 503, 204]);

    const again = await t.gql(
      `mutation ($input: RedeliverWebhookDeliveryInput!) { redeliverWebhookDelivery(input: $input) { __typename } }`,
      { input: { webhookDeliveryId: second.id } },
    );
    expect(again.data?.redeliverWebhookDelivery.__typename).toBe("RedeliverWebhookDeliveryPayload");
  });

  it("runs two dispatchers at once: each event reaches each endpoint once per attempt, in order", async () => {
    const org = await createOrganization(t);
    const hooks = await Promise.all([receiver(), receiver(), receiver()]);
    let calls = 0;
    for (const hook of hooks) {
      // Every third answer fails, with some latency, so that retries and overlaps happen.
      hook.respond = async () => {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 15));
        return ++calls % 3 === 0 ? 500 : 200;
      };
    }
    for (const hook of hooks) await createEndpoint(t, org.id, hook.url);
    dispatcher({ concurrency: 2 });
    dispatcher({ concurrency: 2 });
    await createTeams(t, org.id, 12);
    const expected = await eventIds(t, org.id);

    const organizationId = decodeGlobalID(org.id).id;
    await waitFor(
      async () =>
        (await t.db.prisma.webhookDelivery.count({ where: { status: "SUCCEEDED", endpoint: { organizationId } } })) ===
        expected.length * hooks.length,
      30_000,
      "every delivery to succeed",
    );
    const attempts = await t.db.prisma.webhookAttempt.findMany({
      where: { delivery: { endpoint: { organizationId } } },
      include: { delivery: true },
    });
    for (const hook of hooks) {
      expect(hook.requests.filter((r) => r.status === 200).map((r) => parsed(r).id)).toEqual(expected);
      const sequences = hook.requests.map((r) => Number(parsed(r).sequence));
      for (let i = 1; i < sequences.length; i++) expect(sequences[i]).toBeGreaterThanOrEqual(sequences[i - 1]);
      // Once per attempt: every request the receiver got is one recorded attempt, and no more.
      const byDelivery = new Map<string, number>();
      for (const r of hook.requests) {
        const id = r.headers["roster-delivery-id"] as string;
        byDelivery.set(id, (byDelivery.get(id) ?? 0) + 1);
      }
      for (const [deliveryId, count] of byDelivery) {
        expect(attempts.filter((a) => a.deliveryId === deliveryId)).toHaveLength(count);
      }
    }
    expect(attempts.length).toBe(hooks.reduce((n, h) => n + h.requests.length, 0));
  });

  it("keeps SCIM fast while a receiver hangs", async () => {
    const scim = await newDirectory(t);
    const hook = await receiver();
    hook.respond = () => "hang";
    await createEndpoint(t, scim.organizationId, hook.url);
    // The receiver never answers within the test: if SCIM waited on delivery, the creates below would never return.
    dispatcher({ requestTimeoutMs: 600_000 });
    await scim.createUser(`first-${randomBytes(3).toString("hex")}@example.com`);
    await waitFor(() => hook.requests.length > 0);
    for (let i = 0; i < 5; i++) await scim.createUser(`slow-${i}-${randomBytes(3).toString("hex")}@example.com`);
    // Still only the first delivery, hanging: in-order delivery waits on it while SCIM carried on.
    expect(hook.requests).toHaveLength(1);
    expect((await scim.get("/Users")).body.totalResults).toBe(6);
  });
});

async function newDirectoryIn(t: TestApp, organizationId: string) {
  expectData(
    await t.gql(`mutation ($input: CreateDirectoryInput!) { createDirectory(input: $input) { __typename } }`, {
      input: { organizationId, name: "IdP", provider: "OKTA_SCIM_V2" },
    }),
  );
}
