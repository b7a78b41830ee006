import { resolveCursorConnection } from "@pothos/plugin-relay";
import type { Event } from "../../prisma/database.js";
import { builder } from "../builder.js";
import { checkEventTypes, parseSequence, readEvents } from "../services/eventLog.js";
import { DirectoryType } from "./Directory.js";

/** One entry of an organization's outbox: something that changed, in commit order. */
export const EventType = builder.prismaNode("Event", {
  id: { field: "id" },
  // A deleted or unknown id resolves node(id) to null instead of failing.
  nullable: true,
  authScopes: (event) => ({ organization: event.organizationId }),
  fields: (t) => ({
    type: t.exposeString("type", { description: "e.g. user.created, team.member_added; see the README." }),
    sequence: t.expose("sequence", {
      type: "BigInt",
      description: "Position in the organization's event order; pass it as `after` to resume.",
    }),
    directoryId: t.globalID({
      nullable: true,
      description: "The directory the event came from (it may since have been deleted).",
      resolve: (event) => (event.directoryId ? { type: DirectoryType.name, id: event.directoryId } : null),
    }),
    payload: t.expose("payload", { type: "JSON" }),
    organization: t.relation("organization"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.prismaObjectField("Organization", "events", (t) =>
  t.connection({
    type: EventType,
    description:
      "The organization's events in sequence order. Cursors are sequences: resume with `after` set to the last one seen.",
    args: {
      types: t.arg.stringList({ description: "Only these event types." }),
      directoryId: t.arg.globalID({ for: DirectoryType, description: "Only events from this directory." }),
    },
    resolve: (organization, args, ctx) => {
      checkEventTypes(args.types);
      const filter = { organizationId: organization.id, types: args.types, directoryId: args.directoryId?.id };
      return resolveCursorConnection<Promise<Event[]>>(
        { args, toCursor: (event) => String(event.sequence), defaultSize: 50, maxSize: 500 },
        ({ before, after, limit, inverted }) =>
          readEvents(ctx.prisma, filter, {
            after: after ? parseSequence(after) : null,
            before: before ? parseSequence(before) : null,
            limit,
            newestFirst: inverted,
          }),
      );
    },
  }),
);
