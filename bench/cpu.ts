import { existsSync, readdirSync, readFileSync } from "node:fs";

/** CPU time used so far, in ms, by each process taking part in a run. */
export interface CpuReading {
  server: number;
  /** The PostgreSQL server's processes; absent when they are not on this machine (or the database is embedded in the server). */
  database?: number;
  /** This process: the load generator. */
  generator: number;
}

export type CpuMeter = () => CpuReading;

// /proc reports CPU in clock ticks, which Linux fixes at 100 per second for user space (USER_HZ).
const MS_PER_TICK = 10;

/** utime + stime of one process (all its threads), from /proc/<pid>/stat; 0 once it has gone. */
function processCpuMs(pid: string | number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th of the whole line.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
  } catch {
    return 0;
  }
}

/** Every postgres process (backends, WAL writer, checkpointer...): the database's whole cost, fsyncs included. */
function postgresCpuMs(): number {
  let total = 0;
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "postgres") total += processCpuMs(pid);
    } catch {
      // The process ended while the list was read.
    }
  }
  return total;
}

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]", ""]);

/**
 * A meter for one run, or undefined where /proc cannot be read (not Linux).
 * PostgreSQL is measured only when its URL points at this machine; its
 * figure then includes anything else the server is doing meanwhile.
 */
export function cpuMeter(serverPid: number, databaseUrl?: string): CpuMeter | undefined {
  if (!existsSync("/proc/self/stat")) return undefined;
  const localDatabase = databaseUrl !== undefined && LOCAL_HOSTS.has(new URL(databaseUrl).hostname);
  return () => {
    const own = process.cpuUsage();
    return {
      server: processCpuMs(serverPid),
      ...(localDatabase ? { database: postgresCpuMs() } : {}),
      generator: (own.user + own.system) / 1000,
    };
  };
}

/** The CPU each process used between two readings. */
export function cpuSpent(before: CpuReading, after: CpuReading): CpuReading {
  return {
    server: after.server - before.server,
    ...(before.database !== undefined && after.database !== undefined ? { database: after.database - before.database } : {}),
    generator: after.generator - before.generator,
  };
}
