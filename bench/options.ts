import { parseArgs } from "node:util";
import type { Sizes } from "./workload.js";

export interface BenchOptions extends Sizes {
  concurrency: number;
  /** A PostgreSQL server to create the throw-away database on; unset runs Roster embedded (PGlite). */
  databaseUrl?: string;
  /** Writes the run's figures here as JSON. */
  json?: string;
  /** A previous run's JSON (e.g. the medium run) to compare per-user and per-member costs with. */
  baseline?: string;
}

const USAGE = `npm run bench -- [--users 2000] [--groups 20] [--members-per-group 500] [--concurrency 16]
                     [--database-url postgresql://postgres@127.0.0.1:5432/postgres | --embedded]
                     [--json out.json] [--baseline medium.json]
DATABASE_URL in the environment selects PostgreSQL too; --embedded overrides it.`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      users: { type: "string", default: "2000" },
      groups: { type: "string", default: "20" },
      "members-per-group": { type: "string", default: "500" },
      concurrency: { type: "string", default: "16" },
      "database-url": { type: "string" },
      embedded: { type: "boolean", default: false },
      json: { type: "string" },
      baseline: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const positive = (name: keyof typeof values) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer.\n${USAGE}`);
    return n;
  };
  const databaseUrl = values.embedded ? undefined : values["database-url"] ?? (process.env.DATABASE_URL || undefined);
  return {
    users: positive("users"),
    groups: positive("groups"),
    membersPerGroup: positive("members-per-group"),
    concurrency: positive("concurrency"),
    databaseUrl,
    json: values.json,
    baseline: values.baseline,
  };
}
