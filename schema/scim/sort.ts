/**
 * sortBy (RFC 7644 §3.4.2.3) as the SQL expression to order by; the caller
 * adds the direction and a tiebreaker. Text sorts in byte order ("C") so that
 * pages come out the same on PGlite and on any PostgreSQL server.
 */
import { Prisma } from "../../prisma/database.js";
import { InvalidPathError } from "../errors.js";
import { readAttributePath } from "./filterParser.js";
import { GROUP_SCHEMA, USER_SCHEMA } from "./types.js";

const USER_COLUMNS = new Map(Object.entries({
  id: `"DirectoryUser"."id"`,
  externalid: `"DirectoryUser"."externalId" COLLATE "C"`,
  username: `"DirectoryUser"."userNameKey" COLLATE "C"`,
  displayname: `lower("DirectoryUser"."displayName") COLLATE "C"`,
  "name.familyname": `lower("DirectoryUser"."familyName") COLLATE "C"`,
  "name.givenname": `lower("DirectoryUser"."givenName") COLLATE "C"`,
  // A multi-valued attribute sorts by its primary value (RFC 7644 §3.4.2.3).
  emails: `"DirectoryUser"."emailKey" COLLATE "C"`,
  "emails.value": `"DirectoryUser"."emailKey" COLLATE "C"`,
  "meta.created": `"DirectoryUser"."createdAt"`,
  "meta.lastmodified": `"DirectoryUser"."updatedAt"`,
}));

const GROUP_COLUMNS = new Map(Object.entries({
  id: `"DirectoryGroup"."id"`,
  externalid: `"DirectoryGroup"."externalId" COLLATE "C"`,
  displayname: `"DirectoryGroup"."displayNameKey" COLLATE "C"`,
  "meta.created": `"DirectoryGroup"."createdAt"`,
  "meta.lastmodified": `"DirectoryGroup"."updatedAt"`,
}));

/** ORDER BY expression over "DirectoryUser"; throws InvalidPathError for attributes it cannot sort by. */
export function userSortSql(sortBy: string): Prisma.Sql {
  return sortSql(sortBy, USER_SCHEMA, USER_COLUMNS);
}

/** ORDER BY expression over "DirectoryGroup"; throws InvalidPathError for attributes it cannot sort by. */
export function groupSortSql(sortBy: string): Prisma.Sql {
  return sortSql(sortBy, GROUP_SCHEMA, GROUP_COLUMNS);
}

function sortSql(sortBy: string, schema: string, columns: Map<string, string>): Prisma.Sql {
  const path = readAttributePath(sortBy.trim());
  const key = path && `${path.name}${path.subAttribute === undefined ? "" : `.${path.subAttribute}`}`.toLowerCase();
  const sameSchema = path?.uri === undefined || path.uri.toLowerCase() === schema.toLowerCase();
  const column = key !== undefined && sameSchema ? columns.get(key) : undefined;
  if (column === undefined) throw new InvalidPathError(`Cannot sort by "${sortBy}"`);
  return Prisma.raw(column);
}
