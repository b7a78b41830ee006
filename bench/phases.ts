import { cpuSpent, type CpuMeter } from "./cpu.js";
import { forEachConcurrently, type ScimLoad } from "./loadGenerator.js";
import { PhaseRecorder, median, type PhaseStats } from "./stats.js";
import { PAGE_SIZE, PATCH_BATCH, type Workload } from "./workload.js";

const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
const PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

/** What the IdP saw, for the end-state check. */
export interface Observed {
  userIds: string[];
  groupIds: string[];
  /** totalResults of every listing page, and every id the listing returned. */
  listedTotals: number[];
  listedIds: string[];
  /** Member ids of each group, from GET /Groups/:id at the end. */
  groupMemberIds: string[][];
}

export interface DepthProbe {
  firstPageMs: number;
  lastPageMs: number;
  lastStartIndex: number;
}

export interface RunResult {
  phases: PhaseStats[];
  probe: DepthProbe;
  observed: Observed;
}

function userBody(w: Workload, user: number, givenName = "Bench") {
  const userName = w.userName(user);
  return {
    schemas: [USER_SCHEMA],
    userName,
    name: { givenName, familyName: `User${user}` },
    emails: [{ primary: true, value: userName, type: "work" }],
    displayName: `${givenName} User${user}`,
    locale: "en-US",
    externalId: `00u${String(user).padStart(17, "0")}`,
    groups: [],
    password: "placeholder-1",
    active: true,
  };
}

const patch = (...operations: unknown[]) => ({ schemas: [PATCH_SCHEMA], Operations: operations });
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Replays the Okta-style run phase by phase; each phase starts when the previous one is done. */
export async function runWorkload(
  load: ScimLoad,
  w: Workload,
  concurrency: number,
  log: (line: string) => void,
  cpu?: CpuMeter,
): Promise<RunResult> {
  const phases: PhaseStats[] = [];
  const observed: Observed = { userIds: [], groupIds: [], listedTotals: [], listedIds: [], groupMemberIds: [] };
  const phase = async <T>(name: string, items: readonly T[], work: (item: T, r: PhaseRecorder) => Promise<void>) => {
    const recorder = new PhaseRecorder(name);
    const before = cpu?.();
    await forEachConcurrently(items, concurrency, (item) => work(item, recorder));
    const finished = recorder.finish();
    const stats = cpu && before ? { ...finished, cpu: cpuSpent(before, cpu()) } : finished;
    phases.push(stats);
    log(`  ${name}: ${stats.requests} requests, ${stats.errors} errors, ${(stats.wallMs / 1000).toFixed(2)} s`);
  };
  const { users, groups } = w.sizes;

  await phase("test connection", [0], async (_, r) => {
    await load.request(r, "GET", "/Users?count=1&startIndex=1", undefined, 200);
  });

  await phase("users: lookup + create", range(users), async (user, r) => {
    const filter = encodeURIComponent(`userName eq "${w.userName(user)}"`);
    await load.request(r, "GET", `/Users?filter=${filter}&startIndex=1&count=100`, undefined, 200);
    const created = await load.request(r, "POST", "/Users", userBody(w, user), 201);
    observed.userIds[user] = created.body?.id;
  });

  await phase("groups: create", range(groups), async (group, r) => {
    const created = await load.request(r, "POST", "/Groups", { schemas: [GROUP_SCHEMA], displayName: w.groupName(group), members: [] }, 201);
    observed.groupIds[group] = created.body?.id;
  });

  await phase(`members: PATCH add ×${PATCH_BATCH}`, w.batches, async ([group, start], r) => {
    const value = w.members[group]
      .slice(start, start + PATCH_BATCH)
      .map((user) => ({ value: observed.userIds[user], display: w.userName(user) }));
    await load.request(r, "PATCH", `/Groups/${observed.groupIds[group]}`, patch({ op: "add", path: "members", value }), 200);
  });

  await phase("users: GET + PUT update (10%)", w.updated, async (user, r) => {
    const id = observed.userIds[user];
    await load.request(r, "GET", `/Users/${id}`, undefined, 200);
    await load.request(r, "PUT", `/Users/${id}`, { ...userBody(w, user, "Updated"), id }, 200);
  });

  await phase("users: deactivate (5%)", w.deactivated, async (user, r) => {
    await load.request(r, "PATCH", `/Users/${observed.userIds[user]}`, patch({ op: "replace", value: { active: false } }), 200);
  });

  await phase("members: remove by members[value eq] (5%)", w.removals, async ([user, group], r) => {
    const path = `members[value eq "${observed.userIds[user]}"]`;
    await load.request(r, "PATCH", `/Groups/${observed.groupIds[group]}`, patch({ op: "remove", path }), 200);
  });

  const pages = range(Math.ceil(users / PAGE_SIZE)).map((page) => 1 + page * PAGE_SIZE);
  await phase(`users: list by pages of ${PAGE_SIZE}`, pages, async (startIndex, r) => {
    const page = await load.request(r, "GET", `/Users?startIndex=${startIndex}&count=${PAGE_SIZE}`, undefined, 200);
    observed.listedTotals.push(page.body?.totalResults);
    for (const resource of page.body?.Resources ?? []) observed.listedIds.push(resource.id);
  });

  await phase("groups: GET each", range(groups), async (group, r) => {
    const got = await load.request(r, "GET", `/Groups/${observed.groupIds[group]}`, undefined, 200);
    observed.groupMemberIds[group] = (got.body?.members ?? []).map((m: { value: string }) => m.value);
  });

  const probe = await depthProbe(load, pages[0], pages[pages.length - 1]);
  return { phases, probe, observed };
}

/** The first and the deepest listing page, fetched one at a time (no contention), median of several. */
async function depthProbe(load: ScimLoad, first: number, last: number, rounds = 15): Promise<DepthProbe> {
  const recorder = new PhaseRecorder("depth probe");
  const time = async (startIndex: number) => {
    const started = performance.now();
    await load.request(recorder, "GET", `/Users?startIndex=${startIndex}&count=${PAGE_SIZE}`, undefined, 200);
    return performance.now() - started;
  };
  const firsts: number[] = [];
  const lasts: number[] = [];
  for (let i = 0; i < rounds; i++) {
    firsts.push(await time(first));
    lasts.push(await time(last));
  }
  return { firstPageMs: median(firsts), lastPageMs: median(lasts), lastStartIndex: last };
}
