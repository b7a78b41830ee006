import type { Server } from "node:http";
import express, { type Express } from "express";
import { pinoHttp } from "pino-http";
import type { Database } from "../prisma/database.js";
import { createLocalEventBus, type EventBus } from "../schema/services/eventBus.js";
import { hashSecret } from "../schema/services/secrets.js";
import { notifyCommitsTo } from "../schema/services/transaction.js";
import { loadConfig, type Config } from "./config.js";
import { createGraphQL, type RosterYoga } from "./graphql.js";
import { createLogger } from "./logger.js";
import { createRedisEventBus } from "./redisEventBus.js";
import { scimRouter } from "./scim/router.js";
import { sessionRouter } from "./sessionRoutes.js";
import { webRouter } from "./web.js";

export interface RosterApp extends Express {
  yoga: RosterYoga;
  events: EventBus;
}

export interface AppOptions {
  db: Database;
  config?: Partial<Config>;
  events?: EventBus;
}

/**
 * Keeps idle keep-alive connections open longer than the clients and load
 * balancers in front of Roster do (Node's default is 5 s). Otherwise an IdP
 * that pauses mid-import (Okta between pages, a long group backfill) reuses
 * a connection Roster has just closed, and its PATCH fails as "other side
 * closed": requests that are not idempotent are not retried.
 */
export function keepConnectionsAlive(server: Server): void {
  server.keepAliveTimeout = 75_000;
  server.headersTimeout = 76_000;
}

/** The whole Roster HTTP surface over one database: GraphQL, SCIM, sign-in, health and the web UI. */
export function buildApp(options: AppOptions): RosterApp {
  const config = { ...loadConfig(), ...options.config };
  const { prisma, sql } = options.db;
  const logger = createLogger(config.logLevel);
  // Redis fans live-event wake-ups out to every instance; one instance needs no more than memory.
  const events =
    options.events ?? (config.redisUrl ? createRedisEventBus(config.redisUrl, logger) : createLocalEventBus());
  notifyCommitsTo(options.db, events);
  const yoga = createGraphQL({
    prisma,
    sql,
    events,
    publicUrl: config.publicUrl,
    operatorKeyHashes: config.operatorKeys.map(hashSecret),
    graphiql: config.development,
  });

  const app = express() as unknown as RosterApp;
  app.disable("x-powered-by");
  app.set("trust proxy", true);
  app.use(
    pinoHttp({
      logger,
      // One line per request; bearer tokens and cookies never reach the log.
      serializers: {
        req: (req) => ({ method: req.method, url: req.url }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
    }),
  );

  app.get("/healthz", async (_req, res) => {
    try {
      // Probes come often: the direct SQL path, not the ORM's (about 0.5 ms of CPU each).
      await sql.query`SELECT 1`;
      res.json({ status: "ok", database: options.db.kind });
    } catch {
      res.status(503).json({ status: "unavailable" });
    }
  });
  app.use("/auth", sessionRouter(prisma, config.publicUrl.startsWith("https://")));
  app.use(
    "/scim/v2/:directoryId",
    scimRouter({ prisma, sql, events, publicUrl: config.publicUrl, logger, maxBodyBytes: config.maxBodyBytes }),
  );
  app.use(yoga.graphqlEndpoint, (req, res) => yoga.handle(req, res));
  app.use(webRouter());

  app.yoga = yoga;
  app.events = events;
  return app;
}
