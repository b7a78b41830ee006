import { writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../prisma/database.js";
import { adminUrl, databaseUrl } from "./postgres.js";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string | null;
  }
}

/**
 * Migrates each database kind once per run; test files clone the result
 * (PGlite from a data-folder dump, PostgreSQL with CREATE DATABASE … TEMPLATE),
 * which is several times faster than migrating per file.
 */
export default async function setup(project: TestProject) {
  const pglite = new PGlite();
  const db = await openDatabase({ pglite });
  await db.migrate();
  const dump = await pglite.dumpDataDir("gzip");
  const templatePath = path.join(os.tmpdir(), `roster-test-template-${process.pid}.tar.gz`);
  await writeFile(templatePath, Buffer.from(await dump.arrayBuffer()));
  await db.close();
  project.provide("pgliteTemplate", templatePath);

  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    console.log("TEST_DATABASE_URL is not set: tests run on PGlite only; PostgreSQL variants are skipped.");
    project.provide("postgresTemplate", null);
    return;
  }
  const template = `roster_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl(serverUrl) });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  const templateDb = await openDatabase({ url: databaseUrl(serverUrl, template) });
  await templateDb.migrate();
  await templateDb.close();
  project.provide("postgresTemplate", template);

  return async () => {
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1`,
      [`roster_t%_${process.pid}%`],
    );
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await admin.end();
  };
}
