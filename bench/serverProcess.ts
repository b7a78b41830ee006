import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";

export const repoRoot = fileURLToPath(new URL("..", import.meta.url));

/** A server under test in its own process, so its memory is its own and can be read. */
export interface ServerProcess {
  pid: number;
  /** Peak resident set size so far (VmHWM), in MiB. */
  peakRssMiB(): number;
  stop(): Promise<void>;
}

/**
 * Starts `node <script>` (`node --import tsx <script>` for TypeScript: one
 * process, where tsx's CLI would put a second one in between) and resolves
 * with the first stdout line matching
 * `ready`. Stderr passes through, so the server's warnings stay visible.
 */
export async function startServer(
  script: string,
  env: Record<string, string>,
  ready: RegExp,
  scriptNodeArgs: string[] = [],
  scriptArgs: string[] = [],
): Promise<{ server: ServerProcess; match: RegExpMatchArray }> {
  // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the servers under load.
  const nodeArgs = [...scriptNodeArgs, ...(process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean)];
  const loader = script.endsWith(".ts") ? ["--import", "tsx"] : [];
  const child = spawn(process.execPath, [...nodeArgs, ...loader, script, ...scriptArgs], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error(`${script} did not start within 120 s`)), 120_000);
    lines.on("line", (line) => {
      const found = line.match(ready);
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    });
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
  });
  child.stdout!.resume();
  return { server: processHandle(child), match };
}

function processHandle(child: ChildProcess): ServerProcess {
  let peak = 0;
  return {
    pid: child.pid!,
    peakRssMiB() {
      if (child.exitCode !== null) return peak;
      const line = readFileSync(`/proc/${child.pid}/status`, "utf8").match(/^VmHWM:\s+(\d+) kB/m);
      peak = line ? Number(line[1]) / 1024 : peak;
      return peak;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
