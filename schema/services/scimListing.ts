import { Prisma, type DirectoryGroup, type DirectoryUser } from "../../prisma/database.js";
import type { Sql } from "../../prisma/sql.js";
import { groupFilterSql, userFilterSql } from "../scim/filter.js";
import { groupSortSql, userSortSql } from "../scim/sort.js";

/** The most resources one page returns; advertised in ServiceProviderConfig as filter.maxResults. */
export const MAX_PAGE_SIZE = 1000;

export interface ListQuery {
  filter?: string | null;
  /** 1-based (RFC 7644 §3.4.2.4); values below 1 count as 1. */
  startIndex?: number | null;
  /** Page size; capped at MAX_PAGE_SIZE, 0 asks only for totalResults. */
  count?: number | null;
  sortBy?: string | null;
  sortOrder?: "ascending" | "descending" | null;
}

interface Table {
  name: "DirectoryUser" | "DirectoryGroup";
  filter: (filter: string) => Prisma.Sql;
  sort: (sortBy: string) => Prisma.Sql;
}

const USERS: Table = { name: "DirectoryUser", filter: userFilterSql, sort: userSortSql };
const GROUPS: Table = { name: "DirectoryGroup", filter: groupFilterSql, sort: groupSortSql };

/**
 * One page plus the total, both computed by the database: the filter
 * becomes SQL and the page is LIMIT/OFFSET over a stable order (the sort
 * key, then creation time and id as tiebreakers).
 * - A first page is read directly, and when it is not full it is the whole
 *   result, so nothing is counted: the userName lookup IdPs make before
 *   every create is one plain index read.
 * - A deeper page takes its offset over ids alone, which the
 *   (directoryId, createdAt, id) index answers without reading rows, and
 *   reads only the page's rows, so it costs little more than the first.
 * The total is `count(*)` whenever the page does not already tell it.
 */
async function page<Row>(sql: Sql, table: Table, directoryId: string, query: ListQuery) {
  const tableSql = Prisma.raw(`"${table.name}"`);
  const where = Prisma.sql`${tableSql}."directoryId" = ${directoryId}::uuid${
    query.filter?.trim() ? Prisma.sql` AND (${table.filter(query.filter)})` : Prisma.empty
  }`;
  const direction = Prisma.raw(query.sortOrder === "descending" ? "DESC" : "ASC");
  const order = query.sortBy?.trim()
    ? Prisma.sql`${table.sort(query.sortBy)} ${direction} NULLS LAST, ${tableSql}."createdAt", ${tableSql}."id"`
    : Prisma.sql`${tableSql}."createdAt" ${direction}, ${tableSql}."id" ${direction}`;
  const startIndex = Math.max(1, Math.floor(query.startIndex ?? 1));
  const count = Math.min(MAX_PAGE_SIZE, Math.max(0, Math.floor(query.count ?? 100)));
  const total = async () =>
    Number((await sql.query<{ total: bigint }>`SELECT count(*) AS total FROM ${tableSql} WHERE ${where}`)[0].total);

  if (count === 0) return { totalResults: await total(), startIndex, resources: [] as Row[] };
  if (startIndex === 1) {
    const resources = await sql.query<Row>`SELECT * FROM ${tableSql} WHERE ${where} ORDER BY ${order} LIMIT ${count}`;
    return { totalResults: resources.length < count ? resources.length : await total(), startIndex, resources };
  }
  const [totalResults, resources] = await Promise.all([
    total(),
    sql.query<Row>`
      SELECT r.* FROM unnest(ARRAY(
        SELECT ${tableSql}."id" FROM ${tableSql} WHERE ${where}
        ORDER BY ${order} LIMIT ${count} OFFSET ${startIndex - 1}
      )) WITH ORDINALITY AS p(id, position)
      JOIN ${tableSql} r ON r.id = p.id
      ORDER BY p.position`,
  ]);
  return { totalResults, startIndex, resources };
}

export function listDirectoryUsers(sql: Sql, directoryId: string, query: ListQuery) {
  return page<DirectoryUser>(sql, USERS, directoryId, query);
}

export function listDirectoryGroups(sql: Sql, directoryId: string, query: ListQuery) {
  return page<DirectoryGroup>(sql, GROUPS, directoryId, query);
}
