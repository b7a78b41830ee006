/**
 * SQL for reading SCIM resources stored as jsonb ("raw"). Each helper uses its
 * jsonb argument once, so nested reads grow linearly, and none can raise a
 * SQL error whatever shape the stored JSON has.
 */
import { Prisma } from "../../prisma/database.js";

/**
 * The member `key` of `object` (SQL NULL when absent or not an object).
 * Matched case-insensitively because IdPs send "Primary", "Manager"… (an exact
 * spelling wins if both exist).
 */
export function jsonMember(object: Prisma.Sql, key: string): Prisma.Sql {
  return Prisma.sql`(SELECT "kv"."value" FROM jsonb_each(jsonb_path_query_first(${object}, 'strict $ ? (@.type() == "object")')) AS "kv" WHERE lower("kv"."key") = ${key.toLowerCase()}::text ORDER BY "kv"."key" = ${key}::text DESC LIMIT 1)`;
}

/**
 * FROM item yielding the values of a multi-valued attribute as "element"."value";
 * a lone value counts as a one-element list, JSON nulls as none.
 */
export function jsonElements(value: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`jsonb_path_query(${value}, 'lax $[*] ? (@.type() != "null")') AS "element"("value")`;
}

export const ELEMENT = Prisma.raw(`"element"."value"`);

/** A JSON scalar as text (strings unquoted); NULL for JSON null. */
export function jsonText(value: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(${value} #>> '{}')`;
}

/** RFC 7644 "pr": present and not null, "", [] or {}. */
export function jsonPresent(value: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(${value} NOT IN ('null'::jsonb, '""'::jsonb, '[]'::jsonb, '{}'::jsonb))`;
}
