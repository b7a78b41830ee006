import { expect, it } from "vitest";
import { useTestApp, type TestApp } from "../../../support/app.js";
import { describeEachDatabase } from "../../../support/databases.js";
import { syncOrg, userPut, type OrganizationState, type SyncOrg } from "../../../support/sync.js";

interface Run {
  org: SyncOrg;
  users: Record<string, string>;
  groups: Record<string, string>;
  random: () => number;
  done: Set<string>;
}

interface Step {
  id: string;
  after: string[];
  run(r: Run): Promise<void>;
}

const TEAMS = ["Eng", "Ops", "Sales", "All", "Legacy", "Temp"];
const MAPPINGS: [string, string][] = [
  ["Eng", "Eng"],
  ["Ops", "Ops"],
  ["Sales", "Sales"],
  ["All", "Eng"],
  ["All", "Ops"],
  ["Legacy", "Old"],
  ["Temp", "Temp"],
];
// Group key → name at creation, and the members the IdP ends up pushing.
const GROUPS: Record<string, { name: string; members: string[] }> = {
  A: { name: "Eng", members: ["ann", "bob", "cy", "eve"] },
  B: { name: "Ops", members: ["bob", "dot"] },
  C: { name: "Old", members: ["ann", "dot"] },
  D: { name: "Temp", members: ["ann"] },
};
const PEOPLE = ["ann", "bob", "cy", "dot", "eve"];

/**
 * One IdP history as steps with their prerequisites (a user exists before it
 * joins a group, …). Every topological order of these steps leaves the IdP in
 * the same final state: ann, bob, dot active; cy deactivated; eve deleted;
 * Eng {ann, bob, cy}, Ops {bob, dot}, Sales (renamed from Old) {ann, dot};
 * Temp deleted. dot joins and leaves Eng on the way.
 */
function steps(): Step[] {
  const list: Step[] = [];
  for (const name of PEOPLE) {
    list.push({ id: `user:${name}`, after: [], run: async (r) => void (r.users[name] = await r.org.createUser(name)) });
  }
  for (const [key, group] of Object.entries(GROUPS)) {
    list.push({
      id: `group:${key}`,
      after: [],
      run: async (r) => {
        // Sometimes the IdP sends the members it already has in the POST (Okta AIW), sometimes later (Entra).
        const now = group.members.filter((m) => r.users[m] && r.random() < 0.5);
        r.groups[key] = await r.org.createGroup(group.name, now.map((m) => r.users[m]));
        for (const m of now) r.done.add(`member:${key}:${m}`);
      },
    });
    for (const member of group.members) {
      list.push({
        id: `member:${key}:${member}`,
        after: [`user:${member}`, `group:${key}`],
        run: (r) => r.org.addMembers(r.groups[key], [r.users[member]]),
      });
    }
  }
  list.push(
    { id: "noise:join", after: ["user:dot", "group:A"], run: (r) => r.org.addMembers(r.groups.A, [r.users.dot]) },
    { id: "noise:leave", after: ["noise:join"], run: (r) => r.org.removeMember(r.groups.A, r.users.dot) },
    {
      id: "deactivate:cy",
      after: ["user:cy"],
      run: async (r) => {
        if (r.random() < 0.5) return r.org.setActive(r.users.cy, false);
        const put = await r.org.scim.put(`/Users/${r.users.cy}`, userPut(r.org.email("cy"), { active: false }));
        expect(put.status).toBe(200);
      },
    },
    {
      id: "rename:C",
      after: ["group:C"],
      run: async (r) => {
        const response = await r.org.scim.patch(`/Groups/${r.groups.C}`, [{ op: "replace", path: "displayName", value: "Sales" }]);
        expect(response.status).toBeLessThan(300);
      },
    },
    {
      id: "delete:D",
      after: ["group:D", "member:D:ann"],
      run: async (r) => expect((await r.org.scim.delete(`/Groups/${r.groups.D}`)).status).toBe(204),
    },
    {
      id: "delete:eve",
      after: ["user:eve", "member:A:eve"],
      run: async (r) => expect((await r.org.scim.delete(`/Users/${r.users.eve}`)).status).toBe(204),
    },
  );
  MAPPINGS.forEach(([team, name], i) => list.push({ id: `map:${i}`, after: [], run: (r) => r.org.map(team, name).then(() => undefined) }));
  return list;
}

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Replays the history in a random order allowed by the prerequisites, in a fresh organization. */
async function replay(t: TestApp, seed: number): Promise<{ order: string[]; state: OrganizationState }> {
  const run: Run = { org: await syncOrg(t, TEAMS), users: {}, groups: {}, random: mulberry32(seed), done: new Set() };
  const pending = steps();
  const order: string[] = [];
  while (pending.length > 0) {
    const ready = pending.filter((s) => s.after.every((id) => run.done.has(id)));
    const step = ready[Math.floor(run.random() * ready.length)];
    pending.splice(pending.indexOf(step), 1);
    // A member already sent in the group's POST needs no PATCH.
    if (!run.done.has(step.id)) await step.run(run);
    run.done.add(step.id);
    order.push(step.id);
  }
  return { order, state: await run.org.state() };
}

describeEachDatabase("sync: order independence (rule 9)", (kind) => {
  const t = useTestApp(kind);

  it("reaches the same organization from the same final IdP state, whatever the order of calls", async () => {
    const expected: OrganizationState = {
      members: { ann: "ACTIVE", bob: "ACTIVE", cy: "DEACTIVATED", dot: "ACTIVE", eve: "DEACTIVATED" },
      teams: {
        Eng: { ann: ["Eng"], bob: ["Eng"] },
        Ops: { bob: ["Ops"], dot: ["Ops"] },
        Sales: { ann: ["Sales"], dot: ["Sales"] },
        All: { ann: ["Eng"], bob: ["Eng", "Ops"], dot: ["Ops"] },
        Legacy: {},
        Temp: {},
      },
    };
    const orders = new Set<string>();
    for (const seed of [1, 2, 3, 4]) {
      const { order, state } = await replay(t, seed);
      orders.add(order.join(" "));
      expect({ seed, state }).toEqual({ seed, state: expected });
    }
    expect(orders.size).toBe(4);
  });

  it("does not depend on whether a user was pushed before or after the mapping, the group or its deactivation", async () => {
    const states: OrganizationState[] = [];
    for (const mappingFirst of [true, false]) {
      const org = await syncOrg(t, ["Eng"]);
      if (mappingFirst) await org.map("Eng", "Eng");
      const id = await org.createUser("zed");
      await org.setActive(id, false);
      const group = await org.createGroup("Eng");
      await org.addMembers(group, [id]);
      await org.setActive(id, true);
      if (!mappingFirst) await org.map("Eng", "Eng");
      states.push(await org.state());
    }
    expect(states[0]).toEqual({ members: { zed: "ACTIVE" }, teams: { Eng: { zed: ["Eng"] } } });
    expect(states[1]).toEqual(states[0]);
  });
});
