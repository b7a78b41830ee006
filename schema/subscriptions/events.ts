import type { Event } from "../../prisma/database.js";
import { builder } from "../builder.js";
import { requireOrganizationAccess } from "../services/access.js";
import { checkEventTypes, parseSequence } from "../services/eventLog.js";
import { streamEvents } from "../services/eventStream.js";
import { DirectoryType } from "../types/Directory.js";
import { EventType } from "../types/Event.js";
import { OrganizationType } from "../types/Organization.js";

builder.subscriptionField("events", (t) =>
  t.field({
    type: EventType,
    description:
      "New events of an organization as they commit, in sequence order. With `after` (a sequence), first replays " +
      "what came after it, so a client that reconnects with its last sequence misses nothing.",
    args: {
      organizationId: t.arg.globalID({ required: true, for: OrganizationType }),
      after: t.arg.string({ description: "Resume after this sequence; default: only events from now on." }),
      types: t.arg.stringList({ description: "Only these event types." }),
      directoryId: t.arg.globalID({ for: DirectoryType, description: "Only events from this directory." }),
    },
    // Checked when subscribing (field auth scopes would run only once an event arrives).
    subscribe: (_root, args, ctx) => {
      requireOrganizationAccess(ctx.actor, args.organizationId.id);
      checkEventTypes(args.types);
      return streamEvents(
        ctx.prisma,
        ctx.events,
        { organizationId: args.organizationId.id, types: args.types, directoryId: args.directoryId?.id },
        args.after ? parseSequence(args.after) : null,
      );
    },
    resolve: (event: Event) => event,
  }),
);
