import { availableParallelism, cpus, totalmem } from "node:os";
import type { CpuReading } from "./cpu.js";
import type { RunResult } from "./phases.js";
import { percentile, perSecond, type PhaseStats } from "./stats.js";
import type { Check } from "./verify.js";
import type { Sizes } from "./workload.js";

export interface PhaseSummary {
  name: string;
  requests: number;
  errors: number;
  reqPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  wallMs: number;
  /** CPU per request in µs by process, and how many cores they kept busy together; absent where not measured. */
  cpu?: { serverUs: number; databaseUs?: number; generatorUs: number; busyCores: number };
}

export interface TargetSummary {
  phases: PhaseSummary[];
  /** The workload's phases end to end (the depth probe excluded). */
  wallMs: number;
  errors: number;
  peakRssMiB: number;
  usersPerSecond: number;
  perUserMs: number;
  perMemberMs: number;
  firstPageMs: number;
  deepPageMs: number;
}

export interface BenchReport {
  command: string;
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; database: string };
  sizes: Sizes;
  concurrency: number;
  ceiling: TargetSummary;
  /** The ceiling's responder behind express, pino-http and express.json: Roster's HTTP stack alone (absent in older reports). */
  express?: TargetSummary;
  roster: TargetSummary;
  checks: Check[];
  goals: Goal[];
}

export interface Goal {
  target: string;
  figure: string;
  goal: string;
  met: boolean;
}

export function summarize(run: RunResult, peakRssMiB: number, sizes: Sizes): TargetSummary {
  const phases = run.phases.map(summarizePhase);
  const byPrefix = (prefix: string) => run.phases.find((p) => p.name.startsWith(prefix))!;
  const users = byPrefix("users: lookup");
  const adds = byPrefix("members: PATCH add");
  return {
    phases,
    wallMs: run.phases.reduce((sum, p) => sum + p.wallMs, 0),
    errors: run.phases.reduce((sum, p) => sum + p.errors, 0),
    peakRssMiB,
    usersPerSecond: perSecond(sizes.users, users.wallMs),
    perUserMs: users.wallMs / sizes.users,
    perMemberMs: adds.wallMs / (sizes.groups * sizes.membersPerGroup),
    firstPageMs: run.probe.firstPageMs,
    deepPageMs: run.probe.lastPageMs,
  };
}

function summarizePhase(p: PhaseStats): PhaseSummary {
  return {
    name: p.name,
    requests: p.requests,
    errors: p.errors,
    reqPerSec: perSecond(p.requests, p.wallMs),
    p50: percentile(p.latencies, 50),
    p95: percentile(p.latencies, 95),
    p99: percentile(p.latencies, 99),
    wallMs: p.wallMs,
    ...(p.cpu ? { cpu: cpuPerRequest(p.cpu, p.requests, p.wallMs) } : {}),
  };
}

function cpuPerRequest(cpu: CpuReading, requests: number, wallMs: number): NonNullable<PhaseSummary["cpu"]> {
  const us = (ms: number) => (ms * 1000) / Math.max(requests, 1);
  return {
    serverUs: us(cpu.server),
    ...(cpu.database !== undefined ? { databaseUs: us(cpu.database) } : {}),
    generatorUs: us(cpu.generator),
    busyCores: wallMs > 0 ? (cpu.server + (cpu.database ?? 0) + cpu.generator) / wallMs : 0,
  };
}

export function machine(database: string): BenchReport["machine"] {
  return {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    database,
  };
}

/** Each target of issue 6 with this run's figure; linearity only when a baseline (the medium run) is given. */
export function goals(sizes: Sizes, ceiling: TargetSummary, roster: TargetSummary, checks: Check[], baseline?: BenchReport): Goal[] {
  const large = sizes.users > 10_000;
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const list: Goal[] = [
    {
      target: "end state and errors",
      figure: `${roster.errors} errors, ${checks.filter((c) => !c.ok).length} failed checks`,
      goal: "none",
      met: roster.errors === 0 && checks.every((c) => c.ok),
    },
    {
      target: "user provisioning (lookup + create)",
      figure: `${roster.usersPerSecond.toFixed(0)} users/s = ${(roster.usersPerSecond / ceiling.usersPerSecond).toFixed(2)}× ceiling (${ceiling.usersPerSecond.toFixed(0)} users/s)`,
      goal: "≥ 0.5× ceiling",
      met: roster.usersPerSecond >= 0.5 * ceiling.usersPerSecond,
    },
    {
      target: "100-member PATCH add, p95",
      figure: ms(roster.phases.find((p) => p.name.startsWith("members: PATCH add"))!.p95),
      goal: "< 60 ms",
      met: roster.phases.find((p) => p.name.startsWith("members: PATCH add"))!.p95 < 60,
    },
    {
      target: "page of 100 users, p95",
      figure: ms(roster.phases.find((p) => p.name.startsWith("users: list"))!.p95),
      goal: "< 50 ms",
      met: roster.phases.find((p) => p.name.startsWith("users: list"))!.p95 < 50,
    },
    {
      target: "whole run, wall time",
      figure: `${(roster.wallMs / 1000).toFixed(2)} s = ${(roster.wallMs / ceiling.wallMs).toFixed(2)}× ceiling (${(ceiling.wallMs / 1000).toFixed(2)} s)`,
      goal: "≤ 2.5× ceiling",
      met: roster.wallMs <= 2.5 * ceiling.wallMs,
    },
    {
      target: "server peak RSS",
      figure: `${roster.peakRssMiB.toFixed(0)} MiB`,
      goal: large ? "< 300 MiB" : "< 200 MiB",
      met: roster.peakRssMiB < (large ? 300 : 200),
    },
    {
      target: "deepest listing page vs first (sequential medians)",
      figure: `${ms(roster.deepPageMs)} vs ${ms(roster.firstPageMs)} = ${(roster.deepPageMs / roster.firstPageMs).toFixed(2)}×`,
      goal: "≤ 2×",
      met: roster.deepPageMs <= 2 * roster.firstPageMs,
    },
  ];
  if (baseline) {
    const base = baseline.roster;
    list.push(
      {
        target: `per-user time vs baseline (${baseline.sizes.users} users)`,
        figure: `${ms(roster.perUserMs)} vs ${ms(base.perUserMs)} = ${(roster.perUserMs / base.perUserMs).toFixed(2)}×`,
        goal: "≤ 1.5×",
        met: roster.perUserMs <= 1.5 * base.perUserMs,
      },
      {
        target: `per-member time vs baseline (groups of ${baseline.sizes.membersPerGroup})`,
        figure: `${(roster.perMemberMs * 1000).toFixed(0)} µs vs ${(base.perMemberMs * 1000).toFixed(0)} µs = ${(roster.perMemberMs / base.perMemberMs).toFixed(2)}×`,
        goal: "≤ 1.5×",
        met: roster.perMemberMs <= 1.5 * base.perMemberMs,
      },
    );
  }
  return list;
}

const pad = (value: string, width: number) => (value.length >= width ? value : value + " ".repeat(width - value.length));
const left = (value: string, width: number) => (value.length >= width ? value : " ".repeat(width - value.length) + value);

export function printReport(report: BenchReport): void {
  const { roster, ceiling, express } = report;
  const m = report.machine;
  console.log(`\n${report.command}`);
  console.log(`${report.date} · ${m.cpus} CPUs (${m.cpuModel}) · ${m.memoryGiB} GiB · Node ${m.node} · ${m.database}`);
  console.log(
    `${report.sizes.users} users, ${report.sizes.groups} groups of ${report.sizes.membersPerGroup}, concurrency ${report.concurrency}\n`,
  );
  const header = ["phase", "requests", "errors", "req/s", "p50 ms", "p95 ms", "p99 ms", "wall s", "ceiling req/s", "× ceiling"];
  const widths = [44, 9, 7, 8, 8, 8, 8, 8, 14, 10];
  const row = (cells: string[]) => console.log(cells.map((c, i) => (i === 0 ? pad(c, widths[i]) : left(c, widths[i]))).join(" "));
  row(header);
  roster.phases.forEach((p, i) => {
    const c = ceiling.phases[i];
    row([
      p.name,
      `${p.requests}`,
      `${p.errors}`,
      p.reqPerSec.toFixed(0),
      p.p50.toFixed(1),
      p.p95.toFixed(1),
      p.p99.toFixed(1),
      (p.wallMs / 1000).toFixed(2),
      c.reqPerSec.toFixed(0),
      (p.reqPerSec / c.reqPerSec).toFixed(2),
    ]);
  });
  row(["whole run", `${roster.phases.reduce((s, p) => s + p.requests, 0)}`, `${roster.errors}`, "", "", "", "", (roster.wallMs / 1000).toFixed(2), `${(ceiling.wallMs / 1000).toFixed(2)} s`, (ceiling.wallMs / roster.wallMs).toFixed(2)]);
  printCpu(report);
  if (express) {
    console.log(
      `\nthe responder behind express (Roster's HTTP stack, no GraphQL, no database): ${express.usersPerSecond.toFixed(0)} users/s = ${(express.usersPerSecond / ceiling.usersPerSecond).toFixed(2)}× ceiling, whole run ${(express.wallMs / 1000).toFixed(2)} s = ${(express.wallMs / ceiling.wallMs).toFixed(2)}× ceiling`,
    );
  }
  console.log(`\nserver peak RSS: Roster ${roster.peakRssMiB.toFixed(0)} MiB, in-memory responder ${ceiling.peakRssMiB.toFixed(0)} MiB`);
  console.log("\nend state:");
  for (const c of report.checks) console.log(`  ${c.ok ? "ok  " : "FAIL"} ${c.name}: ${c.detail}`);
  console.log("\ntargets:");
  for (const g of report.goals) console.log(`  ${g.met ? "met " : "MISS"} ${pad(g.target, 52)} ${pad(g.figure, 58)} goal ${g.goal}`);
}

/**
 * Where each phase's CPU went, per request: what the targets cost in the
 * machine's cores (a phase that keeps every core busy can only get faster by
 * spending less CPU per request). The database column is the PostgreSQL
 * server's processes when it runs on this machine (a remote one shows "–").
 * /proc counts in 10 ms ticks, so phases shorter than a quarter second show "–".
 */
function printCpu(report: BenchReport): void {
  const { roster, ceiling, express } = report;
  if (!roster.phases.some((p) => p.cpu)) return;
  const embedded = !report.machine.database.startsWith("PostgreSQL");
  const database = embedded ? "PGlite" : "PostgreSQL";
  console.log(`\nCPU per request, µs (${report.machine.cpus} cores)${embedded ? "; PGlite runs inside Roster's process, so its CPU is in Roster's column" : ""}:`);
  const header = ["phase", "Roster", database, "generator", "cores busy", "responder", "behind express"];
  const widths = [44, 9, 11, 10, 11, 10, 15];
  const row = (cells: string[]) => console.log(cells.map((c, i) => (i === 0 ? pad(c, widths[i]) : left(c, widths[i]))).join(" "));
  row(header);
  const us = (n?: number) => (n === undefined ? "–" : n.toFixed(0));
  const measured = (p: PhaseSummary) => (p.wallMs >= 250 ? p.cpu : undefined);
  roster.phases.forEach((phase, i) => {
    const r = measured(phase);
    const c = measured(ceiling.phases[i]);
    const e = express && measured(express.phases[i]);
    row([
      phase.name,
      us(r?.serverUs),
      us(r?.databaseUs),
      us(r?.generatorUs),
      r ? r.busyCores.toFixed(2) : "–",
      us(c?.serverUs),
      us(e?.serverUs),
    ]);
  });
}
