import path from "node:path";

export interface Config {
  port: number;
  /** Externally visible origin, without a trailing slash. */
  publicUrl: string;
  /** postgresql://… to use a PostgreSQL server; unset means embedded PGlite. */
  databaseUrl?: string;
  dataDir: string;
  /** Connections each instance keeps to a PostgreSQL server (DATABASE_POOL_SIZE). */
  databasePoolSize: number;
  operatorKeys: string[];
  seedDemo: boolean;
  redisUrl?: string;
  logLevel: string;
  development: boolean;
  /** Largest request body accepted, in bytes (SCIM answers 413 above it). */
  maxBodyBytes: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 4000);
  return {
    port,
    publicUrl: (env.ROSTER_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ""),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR ?? "./data"),
    databasePoolSize: Number(env.DATABASE_POOL_SIZE ?? 10),
    operatorKeys: (env.ROSTER_API_KEYS ?? "")
      .split(",")
      .map((key) => key.trim())
      .filter(Boolean),
    seedDemo: env.ROSTER_DEMO !== "0",
    redisUrl: env.REDIS_URL || undefined,
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === "test" ? "silent" : "info"),
    development: env.NODE_ENV !== "production",
    maxBodyBytes: Number(env.ROSTER_MAX_BODY_BYTES ?? 10 * 1024 * 1024),
  };
}
