import { decodeGlobalID } from "@pothos/plugin-relay";
import { expect, it } from "vitest";
import { createLocalEventBus } from "../../../schema/services/eventBus.js";
import { recordEvents } from "../../../schema/services/events.js";
import { inTransaction, notifyCommitsTo } from "../../../schema/services/transaction.js";
import { useTestApp } from "../../support/app.js";
import { describeEachDatabase } from "../../support/databases.js";
import { createOrganization } from "../../support/fixtures.js";

describeEachDatabase("inTransaction", (kind) => {
  const t = useTestApp(kind);

  it("wakes subscribers once per organization after the commit, and never after a rollback", async () => {
    const organizationId = decodeGlobalID((await createOrganization(t)).id).id;
    const bus = createLocalEventBus();
    notifyCommitsTo(t.db, bus);
    // What a woken subscriber does: read the outbox. It must already see the events.
    // The local bus calls listeners as it is notified, so each wake has started its read by the time inTransaction returns.
    const reads: Promise<number>[] = [];
    bus.subscribe(organizationId, () => {
      reads.push(t.db.prisma.event.count({ where: { organizationId } }));
    });

    await inTransaction(t.db.sql, async (tx) => {
      await recordEvents(tx, organizationId, [{ type: "team.created", payload: { n: 1 } }]);
      await recordEvents(tx, organizationId, [{ type: "team.created", payload: { n: 2 } }]);
      expect(reads).toHaveLength(0);
    });
    await expect(
      inTransaction(t.db.sql, async (tx) => {
        await recordEvents(tx, organizationId, [{ type: "team.created", payload: { n: 3 } }]);
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");

    expect(await Promise.all(reads)).toEqual([2]);
    const events = await t.db.prisma.event.findMany({ where: { organizationId }, orderBy: { sequence: "asc" } });
    expect(events.map((e) => [e.sequence, e.payload])).toEqual([
      [1n, { n: 1 }],
      [2n, { n: 2 }],
    ]);
    // The rolled-back sequence is handed out again: sequences have no gaps.
    await inTransaction(t.db.sql, (tx) => recordEvents(tx, organizationId, [{ type: "team.created", payload: { n: 4 } }]));
    expect((await t.db.prisma.event.findFirstOrThrow({ where: { organizationId, sequence: 3n } })).payload).toEqual({ n: 4 });
    notifyCommitsTo(t.db, t.app.events);
  });
});
