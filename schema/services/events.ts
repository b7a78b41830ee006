import { Prisma } from "../../prisma/database.js";
import { UTC_NOW } from "./sync/sql.js";
import type { Tx } from "./transaction.js";

export const EVENT_TYPES = [
  "user.created",
  "user.updated",
  "user.deactivated",
  "user.reactivated",
  "user.deleted",
  "group.created",
  "group.updated",
  "group.deleted",
  "group.user_added",
  "group.user_removed",
  "membership.created",
  "membership.deactivated",
  "membership.reactivated",
  "team.created",
  "team.member_added",
  "team.member_removed",
  "directory.created",
  "directory.token_rotated",
  "directory.deleted",
  "group_mapping.added",
  "group_mapping.removed",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export interface NewEvent {
  type: EventType;
  directoryId?: string | null;
  payload: Prisma.InputJsonValue;
}

const pending = new WeakMap<Tx, Map<string, NewEvent[]>>();

/**
 * Queues events for the outbox of the caller's transaction; inTransaction
 * writes them with the commit (takeQueuedEvents). Sequencing them there
 * keeps the organization's counter row, which every writer of that
 * organization must lock, locked only for the last statement and the commit,
 * instead of from a service's first event to its end.
 */
export async function recordEvents(tx: Tx, organizationId: string, events: NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  const queue = pending.get(tx);
  if (!queue) throw new Error("recordEvents runs only inside inTransaction.");
  queue.set(organizationId, [...(queue.get(organizationId) ?? []), ...events]);
}

/** Called by inTransaction when it opens a transaction. */
export function queueEventsOf(tx: Tx): void {
  pending.set(tx, new Map());
}

/**
 * The statements that append the queued events to the outbox, in the order
 * they were recorded, one per organization; the transaction runs them last,
 * together with its COMMIT. Bumping the organization's counter row-locks it
 * until commit, so sequences commit in order per organization and a reader
 * resuming after N never skips one. Also returns the organizations that
 * have new events once the transaction commits.
 */
export function takeQueuedEvents(tx: Tx): { statements: Prisma.Sql[]; organizationIds: string[] } {
  const queue = pending.get(tx);
  pending.delete(tx);
  if (!queue) return { statements: [], organizationIds: [] };
  // A fixed order, so that transactions writing to several organizations cannot deadlock.
  const organizationIds = [...queue.keys()].sort();
  const statements = organizationIds.map((organizationId) => {
    const events = queue.get(organizationId)!;
    return Prisma.sql`
      WITH counter AS (
        UPDATE "Organization" SET "lastEventSeq" = "lastEventSeq" + ${events.length}
        WHERE id = ${organizationId}::uuid RETURNING "lastEventSeq"
      )
      INSERT INTO "Event" (id, "organizationId", sequence, type, "directoryId", payload, "createdAt")
      SELECT gen_random_uuid(), ${organizationId}::uuid, counter."lastEventSeq" - ${events.length} + e.position,
             e.type, e."directoryId", e.payload::jsonb, ${UTC_NOW}
      FROM counter, unnest(
        ${events.map((e) => e.type)}::text[],
        ${events.map((e) => e.directoryId ?? null)}::uuid[],
        ${events.map((e) => JSON.stringify(e.payload))}::text[]
      ) WITH ORDINALITY AS e(type, "directoryId", payload, position)`;
  });
  return { statements, organizationIds };
}
