/**
 * The ceiling: a minimal SCIM responder that keeps everything in memory and
 * does only what the bench's workload needs. Run as its own process, like
 * Roster, so the two are measured the same way (`node --import tsx bench/memoryScim.ts`
 * prints {"port": N} once listening).
 *
 * With `--express` the same responder sits behind the HTTP stack Roster's
 * architecture fixes (express 5, pino-http, express.json): what that stack
 * alone costs, before any GraphQL or database work.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import express from "express";
import { pino } from "pino";
import { pinoHttp } from "pino-http";

type Resource = Record<string, any> & { id: string };
const users = new Map<string, Resource>();
const userByName = new Map<string, Resource>();
const groups = new Map<string, Resource & { members: Map<string, string> }>();

type Send = (status: number, body?: unknown) => void;
const list = (resources: Resource[], total: number, startIndex: number) => ({
  schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
  totalResults: total,
  startIndex,
  itemsPerPage: resources.length,
  Resources: resources,
});
const groupJson = (group: Resource & { members: Map<string, string> }, withMembers: boolean) => ({
  ...group,
  members: withMembers ? [...group.members].map(([value, display]) => ({ value, display })) : undefined,
});

function respond(method: string, path: string, body: any, send: Send) {
  const url = new URL(path, "http://x");
  const [, type, id] = url.pathname.replace(/^\/scim\/v2\/[^/]+/, "").split("/");
  const operations: any[] = body?.Operations ?? [];
  if (type === "Users" && !id && method === "GET") {
    const match = /^userName eq "(.*)"$/.exec(url.searchParams.get("filter") ?? "");
    if (match) return send(200, list(userByName.has(match[1]) ? [userByName.get(match[1])!] : [], userByName.has(match[1]) ? 1 : 0, 1));
    const start = Number(url.searchParams.get("startIndex") ?? 1);
    const all = [...users.values()];
    return send(200, list(all.slice(start - 1, start - 1 + Number(url.searchParams.get("count") ?? 100)), all.length, start));
  }
  if (type === "Users" && !id && method === "POST") {
    if (userByName.has(body.userName)) return send(409, { status: "409", detail: "User already exists." });
    const user = { ...body, password: undefined, id: randomUUID(), meta: { resourceType: "User" } };
    users.set(user.id, user);
    userByName.set(user.userName, user);
    return send(201, user);
  }
  if (type === "Groups" && !id && method === "POST") {
    const group = { ...body, id: randomUUID(), members: new Map<string, string>(), meta: { resourceType: "Group" } };
    groups.set(group.id, group);
    return send(201, groupJson(group, true));
  }
  const user = type === "Users" ? users.get(id) : undefined;
  const group = type === "Groups" ? groups.get(id) : undefined;
  if (!user && !group) return send(404, { status: "404", detail: "Not found." });
  if (method === "GET") return send(200, user ?? groupJson(group!, true));
  if (user && method === "PUT") {
    const updated = { ...body, password: undefined, id, meta: user.meta };
    users.set(id, updated);
    userByName.set(updated.userName, updated);
    return send(200, updated);
  }
  if (user && method === "PATCH") {
    for (const op of operations) Object.assign(user, op.value);
    return send(200, user);
  }
  if (group && method === "PATCH") {
    for (const op of operations) {
      if (op.op === "add") for (const m of op.value) group.members.set(m.value, users.get(m.value)?.userName);
      const removed = /^members\[value eq "(.*)"\]$/.exec(op.path ?? "");
      if (op.op === "remove" && removed) group.members.delete(removed[1]);
    }
    return send(200, groupJson(group, false));
  }
  send(405, { status: "405", detail: "Not supported." });
}

const sendJson = (res: ServerResponse): Send => (status, body) => {
  res.writeHead(status, { "content-type": "application/scim+json" }).end(body === undefined ? undefined : JSON.stringify(body));
};

async function handle(req: IncomingMessage, res: ServerResponse) {
  let text = "";
  for await (const chunk of req) text += chunk;
  respond(req.method!, req.url!, text ? JSON.parse(text) : undefined, sendJson(res));
}

function expressApp() {
  const app = express();
  app.use(pinoHttp({ logger: pino({ level: "warn" }) }));
  app.use(express.json({ type: () => true, strict: false }));
  app.use((req, res) => respond(req.method, req.originalUrl, req.body, (status, body) => res.status(status).type("application/scim+json").json(body)));
  return app;
}

const server = process.argv.includes("--express")
  ? createServer(expressApp())
  : createServer((req, res) => void handle(req, res).catch((error) => sendJson(res)(500, { detail: String(error) })));
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => console.log(JSON.stringify({ port: (server.address() as { port: number }).port })));
