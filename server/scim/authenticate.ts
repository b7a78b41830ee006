import type { NextFunction, Request, Response } from "express";
import type { SqlDatabase } from "../../prisma/sql.js";
import type { Actor } from "../../schema/context.js";
import { secretMatches } from "../../schema/services/secrets.js";
import { bearerToken } from "../auth.js";
import { ScimHttpError } from "./errors.js";

export type DirectoryActor = Extract<Actor, { kind: "directory" }>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Authenticates an IdP: the bearer token must be the current token of the
 * directory named in the URL, so one directory's token never reaches another's data.
 */
export function authenticateDirectory(sql: SqlDatabase) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const directoryId = String(req.params.directoryId);
    const token = bearerToken(req.headers.authorization);
    if (!token) throw new ScimHttpError(401, "Authorization: Bearer <token> is required.");
    const [directory] = UUID.test(directoryId)
      ? await sql.query<{ id: string; organizationId: string; tokenHash: string; active: boolean; provider: string }>`
          SELECT id::text, "organizationId"::text, "tokenHash", active, provider::text
          FROM "Directory" WHERE id = ${directoryId}::uuid`
      : [];
    // A wrong base URL and a wrong token are told apart to help admins set up
    // their IdP; directory ids are random UUIDs, so a 404 reveals nothing useful.
    if (!directory) throw new ScimHttpError(404, "No directory at this SCIM base URL.");
    if (!secretMatches(token, directory.tokenHash)) {
      throw new ScimHttpError(401, "The bearer token is not valid for this SCIM endpoint.");
    }
    if (!directory.active) throw new ScimHttpError(403, "This directory is deactivated in Roster.");
    const actor: DirectoryActor = {
      kind: "directory",
      directoryId: directory.id,
      organizationId: directory.organizationId,
      // The column holds the schema's @map names ("okta-scim-v2"); actors carry the enum's (OKTA_SCIM_V2).
      provider: directory.provider.toUpperCase().replace(/-/g, "_"),
    };
    res.locals.actor = actor;
    next();
  };
}
