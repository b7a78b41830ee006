import { Repeater } from "graphql-yoga";
import type { Event, PrismaClient } from "../../prisma/database.js";
import type { EventBus } from "./eventBus.js";
import { readEvents, type EventFilter } from "./eventLog.js";

const BATCH = 100;
/**
 * The outbox is re-read this often even without a notification, so a lost
 * one only delays. Tests set it out of reach to prove notifications alone
 * deliver.
 */
function pollMs(): number {
  return Number(process.env.ROSTER_EVENT_POLL_MS ?? 5_000);
}

/**
 * A live stream of an organization's events after `after` (or, when null,
 * after the newest one now): read from the outbox whenever the bus says the
 * organization has new events. Each event is pushed once, in sequence order.
 */
export function streamEvents(
  prisma: PrismaClient,
  bus: EventBus,
  filter: EventFilter,
  after: bigint | null,
): Repeater<Event> {
  return new Repeater<Event>(async (push, stop) => {
    let wake = () => {};
    let pending = true;
    const notified = () => {
      pending = true;
      wake();
    };
    // Subscribe before the first read so that nothing committed in between is missed.
    const unsubscribe = bus.subscribe(filter.organizationId, notified);
    const timer = setInterval(notified, pollMs());
    let stopped = false;
    void stop.then(() => {
      stopped = true;
      unsubscribe();
      clearInterval(timer);
      wake();
    });
    try {
      let cursor =
        after ??
        (
          await prisma.organization.findUniqueOrThrow({
            where: { id: filter.organizationId },
            select: { lastEventSeq: true },
          })
        ).lastEventSeq;
      while (!stopped) {
        if (!pending) await new Promise<void>((resolve) => (wake = resolve));
        pending = false;
        let batch: Event[];
        do {
          batch = await readEvents(prisma, filter, { after: cursor, limit: BATCH });
          for (const event of batch) {
            if (stopped) break;
            await push(event);
            cursor = event.sequence;
          }
        } while (batch.length === BATCH && !stopped);
      }
    } catch (error) {
      stop(error);
    } finally {
      unsubscribe();
      clearInterval(timer);
    }
  });
}
