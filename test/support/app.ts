import type { AddressInfo } from "node:net";
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll } from "vitest";
import type { Database, DatabaseKind } from "../../prisma/database.js";
import { buildApp, keepConnectionsAlive, type RosterApp } from "../../server/app.js";
import { openTestDatabase } from "./databases.js";

export const OPERATOR_KEY = "test-operator-key";

export interface GraphQLResult<T = any> {
  data?: T;
  errors?: { message: string; path?: (string | number)[] }[];
}

export interface TestApp {
  db: Database;
  app: RosterApp;
  /** http://127.0.0.1:<port> of the running app. */
  url: string;
  /** Runs a GraphQL operation through yoga.fetch; `key` defaults to the operator key (null for none). */
  gql<T = any>(query: string, variables?: Record<string, unknown>, key?: string | null): Promise<GraphQLResult<T>>;
}

/**
 * Starts Roster on a fresh database for the enclosing suite (beforeAll) and
 * stops it afterwards. Tests isolate themselves by creating their own
 * organization and directory.
 */
export function useTestApp(kind: DatabaseKind, config: Record<string, unknown> = {}): TestApp {
  const handle = {} as TestApp;
  let server: Server;
  beforeAll(async () => {
    handle.db = await openTestDatabase(kind);
    // Listen first so that the public URL (and so every scimBaseUrl) is the real one.
    server = createServer();
    keepConnectionsAlive(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    handle.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    handle.app = buildApp({
      db: handle.db,
      config: { operatorKeys: [OPERATOR_KEY], logLevel: "silent", publicUrl: handle.url, ...config },
    });
    server.on("request", handle.app);
    handle.gql = async (query, variables = {}, key = OPERATOR_KEY) => {
      const response = await handle.app.yoga.fetch(`${handle.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return response.json();
    };
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await handle.app?.events.close();
    await handle.db?.close();
  });
  return handle;
}
