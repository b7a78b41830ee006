import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { defineConfig } from "prisma/config";

// The "js" engine keeps the CLI free of native binaries (none can be downloaded
// here). Roster applies migrations itself at start-up (prisma/migrate.ts); the
// CLI only generates the client and writes migrations with `migrate diff`,
// so an in-memory database is all its adapter ever needs.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () => new PrismaPGlite(new PGlite()),
});
