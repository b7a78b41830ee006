import type { Event, PrismaClient } from "../../prisma/database.js";
import { ValidationError } from "../errors.js";
import { EVENT_TYPES } from "./events.js";

export interface EventFilter {
  organizationId: string;
  /** Only these types; empty or absent means all. */
  types?: readonly string[] | null;
  directoryId?: string | null;
}

/** Rejects unknown event types instead of silently matching nothing. */
export function checkEventTypes(types: readonly string[] | null | undefined, field = "types"): void {
  const unknown = (types ?? []).filter((type) => !(EVENT_TYPES as readonly string[]).includes(type));
  if (unknown.length > 0) {
    throw new ValidationError(`Unknown event type ${unknown.join(", ")}; known types: ${EVENT_TYPES.join(", ")}.`, field);
  }
}

/**
 * Reads an organization's outbox in sequence order, strictly after `after`
 * (and before `before`), newest first when `newestFirst`. Sequences commit in
 * order, so resuming after the last sequence seen never skips an event.
 */
export function readEvents(
  prisma: Pick<PrismaClient, "event">,
  filter: EventFilter,
  page: { after?: bigint | null; before?: bigint | null; limit: number; newestFirst?: boolean },
): Promise<Event[]> {
  const sequence = {
    ...(page.after != null ? { gt: page.after } : {}),
    ...(page.before != null ? { lt: page.before } : {}),
  };
  return prisma.event.findMany({
    where: {
      organizationId: filter.organizationId,
      ...(filter.types?.length ? { type: { in: [...filter.types] } } : {}),
      ...(filter.directoryId ? { directoryId: filter.directoryId } : {}),
      sequence,
    },
    orderBy: { sequence: page.newestFirst ? "desc" : "asc" },
    take: page.limit,
  });
}

/** Parses a cursor (an event's sequence, as a decimal string). */
export function parseSequence(cursor: string): bigint {
  if (!/^\d{1,19}$/.test(cursor)) throw new ValidationError("A cursor is an event sequence number.", "after");
  return BigInt(cursor);
}
