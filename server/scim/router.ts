import express, { type NextFunction, type Request, type Response, type Router } from "express";
import type { Logger } from "pino";
import type { PrismaClient } from "../../prisma/database.js";
import type { SqlDatabase } from "../../prisma/sql.js";
import type { Context } from "../../schema/context.js";
import type { EventBus } from "../../schema/services/eventBus.js";
import { scimBaseUrl } from "../../schema/types/Directory.js";
import { authenticateDirectory, type DirectoryActor } from "./authenticate.js";
import { listOf, resourceTypes, schemas, serviceProviderConfig } from "./discovery.js";
import { groupDocuments, userDocuments } from "./documents.js";
import { ScimHttpError, scimStatusFor, sendScimError } from "./errors.js";
import { resourceRoutes } from "./resourceRoutes.js";

export interface ScimOptions {
  prisma: PrismaClient;
  sql: SqlDatabase;
  events: EventBus;
  publicUrl: string;
  logger: Logger;
  maxBodyBytes: number;
}

const JSON_TYPES = ["application/json", "application/scim+json", "application/*+json"];

/**
 * Okta, Entra ID and the SPEC tests send application/json as often as
 * application/scim+json; a body without a content type is read as JSON too.
 * Anything else is refused with 415.
 */
function requireJsonBody(req: Request, _res: Response, next: NextFunction) {
  const hasBody = Number(req.headers["content-length"] ?? 0) > 0 || req.headers["transfer-encoding"] !== undefined;
  if (hasBody && req.headers["content-type"] && !req.is(JSON_TYPES)) {
    throw new ScimHttpError(415, "Send the body as application/scim+json or application/json.");
  }
  next();
}

/** The SCIM 2.0 service provider of one directory, under /scim/v2/:directoryId. */
export function scimRouter(options: ScimOptions): Router {
  const router = express.Router({ mergeParams: true });
  const contextFor = (res: Response): Context => ({
    prisma: options.prisma,
    sql: options.sql,
    events: options.events,
    publicUrl: options.publicUrl,
    actor: res.locals.actor as DirectoryActor,
  });
  const baseUrl = (res: Response) => scimBaseUrl(options.publicUrl, (res.locals.actor as DirectoryActor).directoryId);
  const sendJson = (res: Response, body: unknown) => res.status(200).type("application/scim+json").json(body);

  router.use(authenticateDirectory(options.sql));
  router.use(requireJsonBody);
  router.use(express.json({ type: () => true, limit: options.maxBodyBytes, strict: false }));

  router.get("/ServiceProviderConfig", (_req, res) => sendJson(res, serviceProviderConfig(baseUrl(res))));
  router.get("/ResourceTypes", (_req, res) => sendJson(res, listOf(resourceTypes(baseUrl(res)))));
  router.get("/ResourceTypes/:id", (req, res) => {
    const found = resourceTypes(baseUrl(res)).find((t) => t.id.toLowerCase() === String(req.params.id).toLowerCase());
    if (!found) throw new ScimHttpError(404, `No resource type "${req.params.id}".`);
    sendJson(res, found);
  });
  router.get("/Schemas", (_req, res) => sendJson(res, listOf(schemas(baseUrl(res)))));
  router.get("/Schemas/:id", (req, res) => {
    const found = schemas(baseUrl(res)).find((s) => s.id.toLowerCase() === String(req.params.id).toLowerCase());
    if (!found) throw new ScimHttpError(404, `No schema "${req.params.id}".`);
    sendJson(res, found);
  });

  router.use("/Users", resourceRoutes({ name: "User", type: "DirectoryUser", documents: userDocuments }, contextFor));
  router.use("/Groups", resourceRoutes({ name: "Group", type: "DirectoryGroup", documents: groupDocuments }, contextFor));
  router.all("/Bulk", () => {
    throw new ScimHttpError(501, "Bulk operations are not supported (see ServiceProviderConfig).");
  });
  router.all("/Me", () => {
    throw new ScimHttpError(501, "/Me is not supported: a bearer token names a directory, not a user.");
  });

  router.use((req) => {
    throw new ScimHttpError(404, `No SCIM endpoint at ${req.method} ${req.path}.`);
  });
  router.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const mapped = scimStatusFor(error) ?? bodyParserError(error);
    if (mapped) {
      req.log?.info({ status: mapped.status, scimType: mapped.scimType, detail: mapped.detail }, "SCIM request refused");
      sendScimError(res, mapped.status, mapped.detail, mapped.scimType);
      return;
    }
    options.logger.error({ err: error }, "SCIM request failed");
    sendScimError(res, 500, "Roster could not complete this request.");
  });
  return router;
}

/** express.json's own failures: malformed JSON and bodies over the limit. */
function bodyParserError(error: unknown): { status: number; scimType?: string; detail: string } | null {
  const type = (error as { type?: string } | null)?.type;
  if (type === "entity.parse.failed") return { status: 400, scimType: "invalidSyntax", detail: "The body is not valid JSON." };
  if (type === "entity.too.large") return { status: 413, detail: "The body is larger than this server accepts." };
  if (type === "charset.unsupported" || type === "encoding.unsupported") {
    return { status: 415, detail: "Send the body as UTF-8 JSON." };
  }
  return null;
}
