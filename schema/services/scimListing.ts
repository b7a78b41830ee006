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
 * - A deeper page is one statement: it counts, then takes its offset over
 *   ids alone from whichever end of the order is nearer, so a page near the
 *   end costs what one near the start does and a full listing skips half
 *   the rows it used to. Only the page's rows are read.
 * The total is `count(*)` whenever the page does not already tell it.
 */
async function page<Row>(sql: Sql, table: Table, directoryId: string, query: ListQuery) {
  const tableSql = Prisma.raw(`"${table.name}"`);
  const where = Prisma.sql`${tableSql}."directoryId" = ${directoryId}::uuid${
    query.filter?.trim() ? Prisma.sql` AND (${table.filter(query.filter)})` : Prisma.empty
  }`;
  const direction = query.sortOrder === "descending" ? "DESC" : "ASC";
  const orderBy = (forward: boolean) => {
    const [main, tiebreak] = forward ? [direction, "ASC"] : [direction === "ASC" ? "DESC" : "ASC", "DESC"];
    const nulls = Prisma.raw(forward ? "NULLS LAST" : "NULLS FIRST");
    return query.sortBy?.trim()
      ? Prisma.sql`${table.sort(query.sortBy)} ${Prisma.raw(main)} ${nulls}, ${tableSql}."createdAt" ${Prisma.raw(tiebreak)}, ${tableSql}."id" ${Prisma.raw(tiebreak)}`
      : Prisma.sql`${tableSql}."createdAt" ${Prisma.raw(main)}, ${tableSql}."id" ${Prisma.raw(main)}`;
  };
  const startIndex = Math.max(1, Math.floor(query.startIndex ?? 1));
  const count = Math.min(MAX_PAGE_SIZE, Math.max(0, Math.floor(query.count ?? 100)));
  const countAll = Prisma.sql`SELECT count(*) AS total FROM ${tableSql} WHERE ${where}`;
  const total = async () => Number((await sql.query<{ total: bigint }>(countAll))[0].total);

  if (count === 0) return { totalResults: await total(), startIndex, resources: [] as Row[] };
  if (startIndex === 1) {
    const resources = await sql.query<Row>`SELECT * FROM ${tableSql} WHERE ${where} ORDER BY ${orderBy(true)} LIMIT ${count}`;
    return { totalResults: resources.length < count ? resources.length : await total(), startIndex, resources };
  }
  const offset = startIndex - 1;
  // Backwards, the page starts `total - offset - count` rows from the end and
  // may be cut short by it; the position puts its rows back in order.
  const ids = (forward: boolean) => Prisma.sql`
    SELECT ${tableSql}."id" FROM ${tableSql}
    WHERE ${where} AND (SELECT total FROM counted) ${Prisma.raw(forward ? ">=" : "<")} ${2 * offset + count}
    ORDER BY ${orderBy(forward)}
    LIMIT ${forward ? Prisma.sql`${count}` : Prisma.sql`least(${count}, greatest((SELECT total FROM counted) - ${offset}, 0))`}
    OFFSET ${forward ? Prisma.sql`${offset}` : Prisma.sql`greatest((SELECT total FROM counted) - ${offset} - ${count}, 0)`}`;
  const rows = await sql.query<Row & { total: bigint; position: bigint | null }>`
    WITH counted AS MATERIALIZED (${countAll}),
    page AS (
      SELECT id, position FROM unnest(ARRAY(${ids(true)})) WITH ORDINALITY AS f(id, position)
      UNION ALL
      SELECT id, -position FROM unnest(ARRAY(${ids(false)})) WITH ORDINALITY AS b(id, position)
    )
    SELECT r.*, counted.total, page.position
    FROM counted LEFT JOIN (page JOIN ${tableSql} r ON r.id = page.id) ON true
    ORDER BY page.position`;
  const resources = rows
    .filter((row) => row.position !== null)
    .map(({ total: _total, position: _position, ...row }) => row as unknown as Row);
  return { totalResults: Number(rows[0].total), startIndex, resources };
}

export function listDirectoryUsers(sql: Sql, directoryId: string, query: ListQuery) {
  return page<DirectoryUser>(sql, USERS, directoryId, query);
}

export function listDirectoryGroups(sql: Sql, directoryId: string, query: ListQuery) {
  return page<DirectoryGroup>(sql, GROUPS, directoryId, query);
}
