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
 * One page plus the total in one statement, both computed by the database:
 * the filter becomes SQL and the page is LIMIT/OFFSET over a stable order
 * (the sort key, then creation time and id as tiebreakers). The offset is
 * taken over ids alone, which the (directoryId, createdAt, id) index answers
 * without reading rows, so a deep page costs little more than the first;
 * only the page's rows are read. A first page that is not full is the whole
 * result, so the total is counted only otherwise: the userName lookup IdPs
 * make before every create reads one index entry. The total is joined to the
 * page, so an empty page still reports it.
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
  const wholeResult =
    startIndex === 1 && count > 0 ? Prisma.sql`(SELECT count(*) FROM page) < ${count}::int` : Prisma.sql`false`;

  const rows = await sql.query<Row & { totalResults: bigint; position: bigint | null }>`
    WITH page AS MATERIALIZED (
      SELECT p.id, p.position FROM unnest(ARRAY(
        SELECT ${tableSql}."id" FROM ${tableSql} WHERE ${where}
        ORDER BY ${order} LIMIT ${count} OFFSET ${startIndex - 1}
      )) WITH ORDINALITY AS p(id, position)
    ),
    total AS (
      SELECT CASE WHEN ${wholeResult} THEN (SELECT count(*) FROM page)
                  ELSE (SELECT count(*) FROM ${tableSql} WHERE ${where}) END AS "totalResults"
    )
    SELECT total."totalResults", r.*, page.position
    FROM total LEFT JOIN (page JOIN ${tableSql} r ON r.id = page.id) ON true
    ORDER BY page.position`;
  const resources = rows
    .filter((row) => row.position !== null)
    .map(({ totalResults: _total, position: _position, ...row }) => row as unknown as Row);
  return { totalResults: Number(rows[0].totalResults), startIndex, resources };
}

export function listDirectoryUsers(sql: Sql, directoryId: string, query: ListQuery) {
  return page<DirectoryUser>(sql, USERS, directoryId, query);
}

export function listDirectoryGroups(sql: Sql, directoryId: string, query: ListQuery) {
  return page<DirectoryGroup>(sql, GROUPS, directoryId, query);
}
