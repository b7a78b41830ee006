import type { AddressInfo } from "node:net";
import { openDatabase } from "../prisma/database.js";
import { seedDemo } from "../schema/services/demo.js";
import { inOrmTransaction } from "../schema/services/transaction.js";
import { buildApp, keepConnectionsAlive } from "./app.js";
import { loadConfig } from "./config.js";
import { createLogger } from "./logger.js";
import { startWebhookDispatcher } from "./webhooks/dispatcher.js";

const config = loadConfig();
const logger = createLogger(config.logLevel);

const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize });
const applied = await db.migrate();
if (applied.length > 0) logger.info({ migrations: applied }, "applied database migrations");

// Only the embedded database is seeded: a server database belongs to an operator.
if (config.seedDemo && db.kind === "pglite") {
  const demo = await inOrmTransaction(db.prisma, (tx) => seedDemo(tx, { password: process.env.ROSTER_DEMO_PASSWORD }));
  if (demo) {
    console.log(
      `\nSeeded the demo organization.\n  Sign in at ${config.publicUrl}/ as ${demo.email} with password ${demo.password}\n  (shown once; set ROSTER_DEMO_PASSWORD to choose it, ROSTER_DEMO=0 to skip the demo)\n`,
    );
  }
}

const app = buildApp({ db, config });
// Every instance runs one; they share the work through row locks.
const dispatcher = startWebhookDispatcher({ prisma: db.prisma, logger });
const server = app.listen(config.port, () => {
  const { port } = server.address() as AddressInfo;
  console.log(`Roster is running at ${config.publicUrl} (port ${port}, ${db.kind === "pglite" ? `embedded database in ${config.dataDir}` : "PostgreSQL"})`);
});
keepConnectionsAlive(server);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  server.close();
  server.closeIdleConnections();
  await dispatcher.stop();
  await app.events.close();
  await db.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
