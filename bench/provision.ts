/**
 * `npm run bench`: replays an Okta-style provisioning run over real HTTP,
 * first against an in-memory SCIM responder (the ceiling this machine's HTTP
 * and load generator allow), then against the same responder behind Roster's
 * HTTP stack (express), then against Roster, and reports all three.
 */
import { readFileSync, writeFileSync } from "node:fs";
import pg from "pg";
import { cpuMeter, type CpuMeter } from "./cpu.js";
import { ScimLoad } from "./loadGenerator.js";
import { parseOptions, type BenchOptions } from "./options.js";
import { runWorkload, type RunResult } from "./phases.js";
import { goals, machine, printReport, summarize, type BenchReport } from "./report.js";
import { startRoster } from "./roster.js";
import { startServer } from "./serverProcess.js";
import { checkObserved, checkRoster, type Check } from "./verify.js";
import { expectedState, MAPPED_GROUP, planWorkload, type Workload } from "./workload.js";

const log = (line: string) => console.log(line);

async function replay(baseUrl: string, token: string, w: Workload, concurrency: number, cpu?: CpuMeter): Promise<RunResult> {
  const load = new ScimLoad(baseUrl, token, concurrency);
  try {
    return await runWorkload(load, w, concurrency, log, cpu);
  } finally {
    await load.close();
  }
}

async function responderRun(w: Workload, concurrency: number, behindExpress: boolean) {
  log(behindExpress ? "in-memory SCIM responder behind express:" : "in-memory SCIM responder (ceiling):");
  const args = behindExpress ? ["--express"] : [];
  const { server, match } = await startServer("bench/memoryScim.ts", {}, /^\{"port":(\d+)\}$/, [], args);
  try {
    const run = await replay(`http://127.0.0.1:${match[1]}/scim/v2/memory`, "memory", w, concurrency, cpuMeter(server.pid));
    return { run, peakRssMiB: server.peakRssMiB() };
  } finally {
    await server.stop();
  }
}

async function rosterRun(options: BenchOptions, w: Workload) {
  log(`Roster (${options.databaseUrl ? "PostgreSQL" : "embedded PGlite"}):`);
  const target = await startRoster({ databaseUrl: options.databaseUrl, mappedGroupName: w.groupName(MAPPED_GROUP) });
  try {
    const cpu = cpuMeter(target.server.pid, options.databaseUrl);
    const run = await replay(target.baseUrl, target.token, w, options.concurrency, cpu);
    const peakRssMiB = target.server.peakRssMiB();
    log("  checking the end state…");
    const checks: Check[] = [...checkObserved(w, expectedState(w), run.observed), ...(await checkRoster(target, expectedState(w)))];
    return { run, peakRssMiB, checks };
  } finally {
    await target.close();
  }
}

async function databaseLabel(url?: string): Promise<string> {
  if (!url) return "embedded PGlite";
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>("SHOW server_version");
    return `PostgreSQL ${rows[0].server_version}`;
  } finally {
    await client.end();
  }
}

const argv = process.argv.slice(2);
const options = parseOptions(argv);
const workload = planWorkload(options);
const ceiling = await responderRun(workload, options.concurrency, false);
const express = await responderRun(workload, options.concurrency, true);
const roster = await rosterRun(options, workload);

const ceilingSummary = summarize(ceiling.run, ceiling.peakRssMiB, workload.sizes);
const expressSummary = summarize(express.run, express.peakRssMiB, workload.sizes);
const rosterSummary = summarize(roster.run, roster.peakRssMiB, workload.sizes);
/** The end-state checks of a responder's run, named for it. */
const responderChecks = (label: string, run: RunResult) =>
  checkObserved(workload, expectedState(workload), run.observed).map((c) => ({ ...c, name: `${label}: ${c.name}` }));
const checks = [...responderChecks("ceiling", ceiling.run), ...responderChecks("behind express", express.run), ...roster.checks];
const baseline = options.baseline ? (JSON.parse(readFileSync(options.baseline, "utf8")) as BenchReport) : undefined;
const report: BenchReport = {
  command: `${options.databaseUrl && !argv.some((a) => a.startsWith("--database-url")) ? `DATABASE_URL=${options.databaseUrl} ` : ""}npm run bench${argv.length ? ` -- ${argv.join(" ")}` : ""}`,
  date: new Date().toISOString(),
  machine: machine(await databaseLabel(options.databaseUrl)),
  sizes: workload.sizes,
  concurrency: options.concurrency,
  ceiling: ceilingSummary,
  express: expressSummary,
  roster: rosterSummary,
  checks,
  goals: goals(workload.sizes, ceilingSummary, rosterSummary, roster.checks, baseline),
};
printReport(report);
if (options.json) writeFileSync(options.json, `${JSON.stringify(report, null, 2)}\n`);
process.exitCode = rosterSummary.errors === 0 && checks.every((c) => c.ok) ? 0 : 1;
