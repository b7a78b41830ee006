import { spawn } from "node:child_process";
import { once } from "node:events";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { cpuMeter, cpuSpent } from "../../bench/cpu.js";

/** A process that burns `ms` of CPU, then waits to be killed (so its /proc entry stays readable). */
async function busyProcess(ms: number) {
  const child = spawn(process.execPath, ["-e", `const end = Date.now() + ${ms}; while (Date.now() < end); console.log("done"); setInterval(() => {}, 1000);`], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const done = once(child.stdout!, "data");
  return { pid: child.pid!, done, kill: () => child.kill("SIGKILL") };
}

describe("bench CPU meter", () => {
  it("measures the server process's CPU between two readings", async () => {
    const server = await busyProcess(400);
    try {
      const meter = cpuMeter(server.pid)!;
      const before = meter();
      await server.done;
      const spent = cpuSpent(before, meter());
      // Most of the 400 ms busy loop runs after the first reading; /proc counts in 10 ms ticks.
      expect(spent.server).toBeGreaterThanOrEqual(200);
      expect(spent.server).toBeLessThan(2000);
      expect(spent.database).toBeUndefined();
    } finally {
      server.kill();
    }
  });

  it("counts the generator's own CPU", () => {
    const meter = cpuMeter(process.pid)!;
    const before = meter();
    const end = performance.now() + 150;
    while (performance.now() < end);
    expect(cpuSpent(before, meter()).generator).toBeGreaterThanOrEqual(100);
  });

  // The README's test command names the machine's PostgreSQL; without it there is no server process to read.
  it.skipIf(!process.env.TEST_DATABASE_URL)("counts the CPU a local PostgreSQL backend spends", async () => {
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
    try {
      const meter = cpuMeter(process.pid, process.env.TEST_DATABASE_URL)!;
      const before = meter();
      const started = performance.now();
      // Busy work inside the backend, none in this process: at least 300 ms of the server's CPU.
      while (performance.now() - started < 300) await client.query("SELECT count(*) FROM generate_series(1, 2000000)");
      const spent = cpuSpent(before, meter());
      expect(spent.database).toBeGreaterThanOrEqual(200);
      expect(spent.database).toBeGreaterThan(spent.generator);
    } finally {
      await client.end();
    }
  });

  it("reads PostgreSQL's processes only when the database is on this machine", () => {
    expect(cpuMeter(process.pid, "postgresql://postgres@127.0.0.1:5432/postgres")!().database).toBeGreaterThanOrEqual(0);
    expect(cpuMeter(process.pid, "postgresql://postgres@localhost/postgres")!().database).toBeGreaterThanOrEqual(0);
    expect(cpuMeter(process.pid, "postgresql://postgres@db.example.com:5432/postgres")!().database).toBeUndefined();
    expect(cpuMeter(process.pid)!().database).toBeUndefined();
  });
});
