import express, { type NextFunction, type Request, type Response, type Router } from "express";
import type { Logger } from "pino";
import type { PrismaClient } from "../../prisma/database.js";
import { authenticateDirectory } from "./authenticate.js";
import { ScimHttpError, scimStatusFor, sendScimError } from "./errors.js";

const LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

/** The SCIM 2.0 endpoints of one directory, under /scim/v2/:directoryId. */
export function scimRouter(options: { prisma: PrismaClient; logger: Logger; maxBodyBytes: number }): Router {
  const router = express.Router({ mergeParams: true });
  router.use(authenticateDirectory(options.prisma));

  router.get("/Users", (_req, res) => {
    res.type("application/scim+json").json({ schemas: [LIST_RESPONSE], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });
  });

  router.use((req, _res, next) => next(new ScimHttpError(404, `No SCIM endpoint at ${req.method} ${req.path}.`)));
  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const mapped = scimStatusFor(error);
    if (mapped) {
      sendScimError(res, mapped.status, mapped.detail, mapped.scimType);
      return;
    }
    options.logger.error({ err: error }, "SCIM request failed");
    sendScimError(res, 500, "Roster could not complete this request.");
  });
  return router;
}
