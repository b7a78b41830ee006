import type { DirectoryGroup } from "../../prisma/database.js";
import { InvalidSyntaxError, ValidationError } from "../errors.js";
import { deleteField, isJsonObject } from "./json.js";
import { knownAttributes } from "./knownAttributes.js";
import { applyGroupPatch, type MemberOperation } from "./patch.js";
import { groupSchema } from "./resourceSchemas.js";
import { etag } from "./version.js";
import { GROUP_SCHEMA, type JsonObject, type ScimGroup, type ScimMultiValue } from "./types.js";

export interface DirectoryGroupColumns {
  displayName: string;
  displayNameKey: string;
  externalId: string | null;
}

/**
 * A Group body from POST or PUT. Members come back as an operation for the
 * caller's set-based member table, or undefined when the body has no
 * `members` key (Entra creates groups without it; a PUT without it keeps them).
 */
export function groupResourceFromBody(body: unknown): { resource: ScimGroup; members?: MemberOperation } {
  if (!isJsonObject(body)) throw new InvalidSyntaxError("A Group must be a JSON object.");
  const { resource, memberOps } = applyGroupPatch({}, [{ op: "replace", value: knownAttributes(groupSchema, body) }]);
  groupColumns(resource);
  return { resource, members: memberOps.at(-1) };
}

export function groupColumns(resource: ScimGroup): DirectoryGroupColumns {
  const displayName = resource.displayName;
  if (typeof displayName !== "string" || displayName.trim() === "") {
    throw new ValidationError("displayName is required.", "displayName");
  }
  return {
    displayName,
    displayNameKey: displayName.toLowerCase(),
    externalId: typeof resource.externalId === "string" && resource.externalId !== "" ? resource.externalId : null,
  };
}

export function storedGroupAttributes(resource: ScimGroup): JsonObject {
  const copy: JsonObject = { ...resource };
  for (const key of ["id", "meta", "schemas", "displayName", "externalId", "members"]) deleteField(copy, key);
  return copy;
}

/** The SCIM representation of a stored group; members only when the caller loaded them. */
export function groupToScim(row: DirectoryGroup, location: string, members?: ScimMultiValue[]): ScimGroup {
  const raw = (isJsonObject(row.raw) ? row.raw : {}) as JsonObject;
  return {
    schemas: [GROUP_SCHEMA],
    id: row.id,
    ...(row.externalId !== null ? { externalId: row.externalId } : {}),
    displayName: row.displayName,
    ...raw,
    ...(members ? { members } : {}),
    meta: {
      resourceType: "Group",
      created: row.createdAt.toISOString(),
      lastModified: row.updatedAt.toISOString(),
      location,
      version: etag(row.version),
    },
  };
}
