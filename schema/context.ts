import type { PrismaClient } from "../prisma/database.js";
import type { SqlDatabase } from "../prisma/sql.js";
import type { EventBus } from "./services/eventBus.js";

/** Who is making a request; every service call is made on behalf of one. */
export type Actor =
  | { kind: "anonymous" }
  /** A self-hosted operator's key (ROSTER_API_KEYS): full access. */
  | { kind: "operator" }
  /** An organization-scoped API key. */
  | { kind: "apiKey"; apiKeyId: string; organizationId: string }
  /** A signed-in admin; organizationIds are those where the user is owner or admin. */
  | { kind: "admin"; userId: string; accountId: string; organizationIds: string[] }
  /** An identity provider, authenticated by its directory's bearer token. */
  | { kind: "directory"; directoryId: string; organizationId: string; provider: string };

export interface Context {
  prisma: PrismaClient;
  /** The same database as direct SQL: the directory services write through it. */
  sql: SqlDatabase;
  actor: Actor;
  /** Externally visible origin, e.g. https://roster.example.com, for SCIM base URLs. */
  publicUrl: string;
  events: EventBus;
}
