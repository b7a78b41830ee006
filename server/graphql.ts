import { createYoga, type YogaServerInstance } from "graphql-yoga";
import type { PrismaClient } from "../prisma/database.js";
import type { Context } from "../schema/context.js";
import { schema } from "../schema/schema.js";
import type { EventBus } from "../schema/services/eventBus.js";
import { resolveActor } from "./auth.js";

export type RosterYoga = YogaServerInstance<Record<string, unknown>, Context>;

export function createGraphQL(options: {
  prisma: PrismaClient;
  events: EventBus;
  publicUrl: string;
  operatorKeyHashes: string[];
  graphiql: boolean;
}): RosterYoga {
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: "/graphql",
    graphiql: options.graphiql,
    landingPage: false,
    logging: false,
    context: async ({ request }) => ({
      prisma: options.prisma,
      events: options.events,
      publicUrl: options.publicUrl,
      actor: await resolveActor(options.prisma, options.operatorKeyHashes, {
        authorization: request.headers.get("authorization"),
        cookie: request.headers.get("cookie"),
      }),
    }),
  });
}
