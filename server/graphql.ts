import { GraphQLError } from "graphql";
import { createYoga, maskError, type YogaServerInstance } from "graphql-yoga";
import type { PrismaClient } from "../prisma/database.js";
import type { SqlDatabase } from "../prisma/sql.js";
import type { Context } from "../schema/context.js";
import { RosterError } from "../schema/errors.js";
import { schema } from "../schema/schema.js";
import type { EventBus } from "../schema/services/eventBus.js";
import { resolveActor } from "./auth.js";

export type RosterYoga = YogaServerInstance<Record<string, unknown>, Context>;

export function createGraphQL(options: {
  prisma: PrismaClient;
  sql: SqlDatabase;
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
    maskedErrors: {
      // Domain errors (a bad cursor, a forbidden organization) are meant for the caller; others stay masked.
      maskError: (error, message, isDev) => {
        const original = error instanceof GraphQLError ? error.originalError : error;
        if (!(original instanceof RosterError)) return maskError(error, message, isDev);
        return new GraphQLError(original.message, {
          nodes: error instanceof GraphQLError ? error.nodes : undefined,
          path: error instanceof GraphQLError ? error.path : undefined,
          extensions: { code: original.name },
        });
      },
    },
    context: async ({ request }) => ({
      prisma: options.prisma,
      sql: options.sql,
      events: options.events,
      publicUrl: options.publicUrl,
      actor: await resolveActor(options.prisma, options.operatorKeyHashes, {
        authorization: request.headers.get("authorization"),
        cookie: request.headers.get("cookie"),
      }),
    }),
  });
}
