import type { Prisma } from "../../prisma/database.js";
import { markOrganizationChanged, type Tx } from "./transaction.js";

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

/**
 * Appends events to the outbox inside the caller's transaction. Bumping the
 * organization's counter row-locks it until commit, so sequences commit in
 * order per organization and a reader resuming after N never skips one.
 * Call it last in a service so the lock is held briefly.
 */
export async function recordEvents(tx: Tx, organizationId: string, events: NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  const [{ lastEventSeq }] = await tx.$queryRaw<{ lastEventSeq: bigint }[]>`
    UPDATE "Organization" SET "lastEventSeq" = "lastEventSeq" + ${events.length}
    WHERE id = ${organizationId}::uuid RETURNING "lastEventSeq"`;
  const first = BigInt(lastEventSeq) - BigInt(events.length) + 1n;
  await tx.event.createMany({
    data: events.map((event, index) => ({
      organizationId,
      sequence: first + BigInt(index),
      type: event.type,
      directoryId: event.directoryId ?? null,
      payload: event.payload,
    })),
  });
  markOrganizationChanged(tx, organizationId);
}
