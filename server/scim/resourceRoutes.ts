import express, { type Request, type Response, type Router } from "express";
import { encodeGlobalID } from "@pothos/plugin-relay";
import type { Context } from "../../schema/context.js";
import { ForbiddenError, NotFoundError } from "../../schema/errors.js";
import type { JsonObject } from "../../schema/scim/types.js";
import { isResourceId } from "../../schema/services/directoryAccess.js";
import type { ResourceDocuments } from "./documents.js";
import { ScimHttpError } from "./errors.js";
import { run, unwrap } from "./execute.js";
import { listParams, projectionOf, type ListParams } from "./listParams.js";
import { project, wantsMembers, type Projection } from "./projection.js";
import type { DirectoryActor } from "./authenticate.js";

const LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

export interface ResourceKind {
  /** "User" or "Group": the SCIM resource type. */
  name: "User" | "Group";
  /** The GraphQL node type. */
  type: "DirectoryUser" | "DirectoryGroup";
  documents: ResourceDocuments;
}

type ContextFor = (res: Response) => Context;

interface Resource extends JsonObject {
  meta: { version: string; location: string };
}

function send(res: Response, status: number, resource: JsonObject, projection: Projection = {}) {
  const meta = resource.meta as Resource["meta"] | undefined;
  if (meta?.version) res.setHeader("ETag", meta.version);
  res.status(status).type("application/scim+json").json(project(resource, projection));
}

/** Routes for one resource type: /Users or /Groups and /<type>/:id, each a GraphQL operation in-process. */
export function resourceRoutes(kind: ResourceKind, contextFor: ContextFor): Router {
  const router = express.Router({ mergeParams: true });
  const { documents } = kind;
  const nodeId = (id: string) => encodeGlobalID(kind.type, id);
  const members = (projection: Projection) => (kind.name === "Group" ? { members: wantsMembers(projection) } : {});
  const input = (extra: Record<string, unknown>, withMembers = true) => ({
    input: extra,
    ...(kind.name === "Group" ? { members: withMembers } : {}),
  });
  const ifMatch = (req: Request) => req.headers["if-match"] ?? null;

  async function list(req: Request, res: Response, params: ListParams) {
    const ctx = contextFor(res);
    const actor = ctx.actor as DirectoryActor;
    const data = await run<{ result: { __typename: string; totalResults: number; startIndex: number; resources: { scimResource: JsonObject }[] } }>(
      ctx,
      documents.list,
      {
        directory: encodeGlobalID("Directory", actor.directoryId),
        filter: params.filter,
        startIndex: params.startIndex,
        count: params.count,
        sortBy: params.sortBy,
        sortOrder: params.sortOrder,
        ...members(params),
      },
    );
    const page = unwrap(data.result);
    res
      .status(200)
      .type("application/scim+json")
      .json({
        schemas: [LIST_RESPONSE],
        totalResults: page.totalResults,
        startIndex: page.startIndex,
        itemsPerPage: page.resources.length,
        Resources: page.resources.map((r) => project(r.scimResource, params)),
      });
  }

  router.get("/", (req, res) => list(req, res, listParams(req.query as Record<string, unknown>)));
  router.post("/.search", (req, res) => list(req, res, listParams((req.body ?? {}) as Record<string, unknown>)));

  router.post("/", async (req, res) => {
    const ctx = contextFor(res);
    const actor = ctx.actor as DirectoryActor;
    const resource = payloadResource(
      await run<MutationData>(
        ctx,
        documents.create,
        input({ directoryId: encodeGlobalID("Directory", actor.directoryId), resource: req.body }),
      ),
    );
    res.setHeader("Location", resource.meta.location);
    send(res, 201, resource, projectionOf(req));
  });

  router.get("/:id", async (req, res) => {
    const ctx = contextFor(res);
    const projection = projectionOf(req);
    if (!isResourceId(String(req.params.id))) throw new NotFoundError(`No ${kind.name.toLowerCase()} with id "${req.params.id}".`);
    const data = await run<{ node: { __typename: string; scimResource: Resource } | null }>(ctx, documents.get, {
      id: nodeId(String(req.params.id)),
      ...members(projection),
    }).catch((error) => {
      // A resource of another directory is, for this directory's token, not there.
      if (error instanceof ForbiddenError) return { node: null };
      throw error;
    });
    if (!data.node || data.node.__typename !== kind.type) {
      throw new NotFoundError(`No ${kind.name.toLowerCase()} with id "${req.params.id}".`);
    }
    const resource = data.node.scimResource;
    if (req.headers["if-none-match"] && req.headers["if-none-match"] === resource.meta.version) {
      res.setHeader("ETag", resource.meta.version);
      res.status(304).end();
      return;
    }
    send(res, 200, resource, projection);
  });

  async function update(req: Request, res: Response, verb: "replace" | "patch") {
    const ctx = contextFor(res);
    const body = verb === "replace" ? { resource: req.body } : { operations: req.body };
    // A PATCH answers with the group's members only when asked (attributes=members): IdPs
    // push large groups 100 members at a time, and echoing every member each time
    // would make each push cost as much as the whole group (RFC 7644 §3.5.2 lets
    // the response follow `attributes`; Okta and Entra ignore the members in it).
    const projection = projectionOf(req);
    const withMembers = verb === "replace" || Boolean(projection.attributes?.length && wantsMembers(projection));
    const resource = await run<MutationData>(
      ctx,
      verb === "replace" ? documents.replace : documents.patch,
      input({ id: nodeId(String(req.params.id)), ifMatch: ifMatch(req), ...body }, withMembers),
    )
      .then(payloadResource)
      .catch(notFoundForOtherDirectories(kind, String(req.params.id)));
    const actor = ctx.actor as DirectoryActor;
    // Microsoft's reference collection expects 204 from PATCH; other IdPs read the resource back.
    if (verb === "patch" && actor.provider === "AZURE_SCIM_V2") {
      res.setHeader("ETag", resource.meta.version);
      res.status(204).end();
      return;
    }
    send(res, 200, resource, projection);
  }

  router.put("/:id", (req, res) => update(req, res, "replace"));
  router.patch("/:id", (req, res) => update(req, res, "patch"));

  router.delete("/:id", async (req, res) => {
    const ctx = contextFor(res);
    await run<{ result: { __typename: string } }>(ctx, documents.remove, {
      input: { id: nodeId(String(req.params.id)), ifMatch: ifMatch(req) },
    })
      .then((data) => unwrap(data.result))
      .catch(notFoundForOtherDirectories(kind, String(req.params.id)));
    res.status(204).end();
  });

  router.all("/", methodNotAllowed);
  router.all("/:id", methodNotAllowed);
  return router;
}

type MutationData = { result: { __typename: string } & Record<string, unknown> };

/** The scimResource inside a mutation payload ({directoryUser: {...}} or {directoryGroup: {...}}). */
function payloadResource(data: MutationData): Resource {
  const payload = unwrap(data.result) as Record<string, unknown>;
  const holder = Object.values(payload).find((value) => typeof value === "object" && value !== null);
  return (holder as { scimResource: Resource }).scimResource;
}

function notFoundForOtherDirectories(kind: ResourceKind, id: string) {
  return (error: unknown): never => {
    if (error instanceof ForbiddenError) throw new NotFoundError(`No ${kind.name.toLowerCase()} with id "${id}".`);
    throw error;
  };
}

function methodNotAllowed(req: Request): never {
  throw new ScimHttpError(405, `${req.method} is not supported here.`);
}
