import type { DirectoryUser } from "../../prisma/database.js";
import { InvalidSyntaxError, ValidationError } from "../errors.js";
import { deleteField, getField, isJsonObject } from "./json.js";
import { knownAttributes } from "./knownAttributes.js";
import { applyUserPatch } from "./patch.js";
import { userSchema } from "./resourceSchemas.js";
import { etag } from "./version.js";
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA, type JsonObject, type ScimMultiValue, type ScimUser } from "./types.js";

/** The columns Roster indexes and syncs from a SCIM User; the rest stays in `raw`. */
export interface DirectoryUserColumns {
  userName: string;
  userNameKey: string;
  externalId: string | null;
  active: boolean;
  givenName: string | null;
  familyName: string | null;
  displayName: string | null;
  email: string | null;
  emailKey: string | null;
}

/**
 * A User body from POST or PUT, normalized the way a PATCH replace of the
 * whole resource would be: canonical attribute names, "True"/"False" as
 * booleans, readOnly attributes (id, meta, groups, schemas) dropped rather
 * than rejected since Okta echoes them. Passwords are never kept.
 */
export function userResourceFromBody(body: unknown): ScimUser {
  if (!isJsonObject(body)) throw new InvalidSyntaxError("A User must be a JSON object.");
  const copy: JsonObject = knownAttributes(userSchema, liftEnterpriseAttributes({ ...body }));
  deleteField(copy, "password");
  const resource = applyUserPatch({}, [{ op: "replace", value: copy }]);
  requireUserName(resource);
  return resource;
}

const ENTERPRISE_ATTRIBUTES = ["employeeNumber", "costCenter", "organization", "division", "department", "manager"];

/**
 * Entra's older create body lists the enterprise schema with a typo
 * ("…:enterprise:2.0User") and sends its attributes at the top level; they
 * belong in the extension, where filters and PATCH look for them.
 */
function liftEnterpriseAttributes(body: JsonObject): JsonObject {
  const schemas = Array.isArray(body.schemas) ? body.schemas : [];
  if (!schemas.some((urn) => typeof urn === "string" && /:extension:enterprise:2\.0:?User$/i.test(urn))) return body;
  const extension: JsonObject = isJsonObject(getField(body, ENTERPRISE_USER_SCHEMA))
    ? { ...(getField(body, ENTERPRISE_USER_SCHEMA) as JsonObject) }
    : {};
  for (const name of ENTERPRISE_ATTRIBUTES) {
    const value = getField(body, name);
    if (value === undefined) continue;
    deleteField(body, name);
    if (value !== null && getField(extension, name) === undefined) extension[name] = value;
  }
  if (Object.keys(extension).length > 0) {
    deleteField(body, ENTERPRISE_USER_SCHEMA);
    body[ENTERPRISE_USER_SCHEMA] = extension;
  }
  return body;
}

export function requireUserName(resource: ScimUser): string {
  const userName = resource.userName;
  if (typeof userName !== "string" || userName.trim() === "") {
    throw new ValidationError("userName is required.", "userName");
  }
  return userName;
}

function primaryEmail(resource: ScimUser): string | null {
  const emails = (Array.isArray(resource.emails) ? resource.emails : []) as ScimMultiValue[];
  const chosen =
    emails.find((e) => e.primary === true && e.value) ??
    emails.find((e) => e.type === "work" && e.value) ??
    emails.find((e) => e.value);
  if (chosen?.value) return chosen.value;
  // Okta's unique identifier is the email, and it often is the userName too.
  const userName = resource.userName ?? "";
  return /^[^@\s]+@[^@\s]+$/.test(userName) ? userName : null;
}

export function userColumns(resource: ScimUser): DirectoryUserColumns {
  const userName = requireUserName(resource);
  const name = isJsonObject(resource.name) ? resource.name : {};
  const email = primaryEmail(resource);
  const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : null);
  return {
    userName,
    userNameKey: userName.toLowerCase(),
    externalId: text(resource.externalId),
    active: resource.active !== false,
    givenName: text(name.givenName),
    familyName: text(name.familyName),
    displayName: text(resource.displayName),
    email,
    emailKey: email?.toLowerCase() ?? null,
  };
}

/** What is stored as `raw`: the resource without what the columns and meta hold. */
export function storedUserAttributes(resource: ScimUser): JsonObject {
  const copy: JsonObject = { ...resource };
  for (const key of ["id", "meta", "schemas", "userName", "active", "externalId"]) deleteField(copy, key);
  return copy;
}

/** Extensions present in the stored attributes, enterprise first: they are listed in `schemas`. */
function extensionUrns(raw: JsonObject): string[] {
  const urns = Object.keys(raw).filter((key) => key.toLowerCase().startsWith("urn:") && isJsonObject(raw[key]));
  return urns.sort((a, b) => Number(b === ENTERPRISE_USER_SCHEMA) - Number(a === ENTERPRISE_USER_SCHEMA));
}

/** The SCIM representation of a stored user (RFC 7643 §4.1). */
export function userToScim(row: DirectoryUser, location: string): ScimUser {
  const raw = (isJsonObject(row.raw) ? row.raw : {}) as JsonObject;
  return {
    schemas: [USER_SCHEMA, ...extensionUrns(raw)],
    id: row.id,
    ...(row.externalId !== null ? { externalId: row.externalId } : {}),
    userName: row.userName,
    ...raw,
    active: row.active,
    meta: {
      resourceType: "User",
      created: row.createdAt.toISOString(),
      lastModified: row.updatedAt.toISOString(),
      location,
      version: etag(row.version),
    },
  };
}
