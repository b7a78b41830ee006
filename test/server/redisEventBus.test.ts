import { decodeGlobalID } from "@pothos/plugin-relay";
import { afterEach, describe, expect, it } from "vitest";
import { recordEvents } from "../../schema/services/events.js";
import { inTransaction, notifyCommitsTo } from "../../schema/services/transaction.js";
import { createLogger } from "../../server/logger.js";
import { createRedisEventBus, type RedisEventBus } from "../../server/redisEventBus.js";
import { useTestApp } from "../support/app.js";
import { describeEachDatabase } from "../support/databases.js";
import { createOrganization } from "../support/fixtures.js";
import { subscribeSse } from "../support/sse.js";
import { waitFor } from "../support/waitFor.js";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

describe("Redis event bus", () => {
  const buses: RedisEventBus[] = [];
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((bus) => bus.close()));
  });

  async function bus() {
    const created = createRedisEventBus(REDIS_URL, createLogger("silent"));
    buses.push(created);
    await created.ready;
    return created;
  }

  it("wakes subscribers on every instance, once each, for their organization only", async () => {
    const [one, two] = [await bus(), await bus()];
    const calls: string[] = [];
    one.subscribe("org-a", () => calls.push("one:a"));
    two.subscribe("org-a", () => calls.push("two:a"));
    const unsubscribe = two.subscribe("org-b", () => calls.push("two:b"));

    one.notify("org-a");
    await waitFor(() => calls.includes("two:a"), 5_000, "the other instance");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(calls.sort()).toEqual(["one:a", "two:a"]);

    unsubscribe();
    two.notify("org-b");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(calls).not.toContain("two:b");
  });
});

describeEachDatabase("Redis event bus in the app", (kind) => {
  const t = useTestApp(kind, { redisUrl: REDIS_URL });

  it("streams to a subscriber on this instance an event committed by another instance", async () => {
    const org = await createOrganization(t);
    const organizationId = decodeGlobalID(org.id).id;
    const live = await subscribeSse(
      `${t.url}/graphql`,
      `subscription ($id: ID!) { events(organizationId: $id) { type sequence } }`,
      { id: org.id },
      "test-operator-key",
    );
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const otherInstance = createRedisEventBus(REDIS_URL, createLogger("silent"));
      await otherInstance.ready;
      // Another instance's write: its commit notifies its own bus, which reaches this one through Redis only.
      notifyCommitsTo(t.db, otherInstance);
      await inTransaction(t.db.sql, (tx) => recordEvents(tx, organizationId, [{ type: "team.created", payload: {} }]));
      notifyCommitsTo(t.db, t.app.events);
      expect((await live.next()).data.events).toEqual({ type: "team.created", sequence: "1" });
      await otherInstance.close();
    } finally {
      notifyCommitsTo(t.db, t.app.events);
      live.close();
    }
  });
});
