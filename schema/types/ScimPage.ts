import type { DirectoryGroup, DirectoryUser } from "../../prisma/database.js";
import { builder } from "../builder.js";
import type { Context } from "../context.js";
import { InvalidFilterError, InvalidPathError } from "../errors.js";
import { requireDirectoryAccess } from "../services/access.js";
import { listDirectoryGroups, listDirectoryUsers, MAX_PAGE_SIZE } from "../services/scimListing.js";
import { DirectoryType } from "./Directory.js";
import { DirectoryGroupType } from "./DirectoryGroup.js";
import { DirectoryUserType } from "./DirectoryUser.js";

export const SortOrderEnum = builder.enumType("SortOrder", { values: ["ascending", "descending"] as const });

/** A page of a SCIM listing: 1-based startIndex and a total the database counted. */
export const ScimUserPage = builder.objectRef<{ totalResults: number; startIndex: number; resources: DirectoryUser[] }>(
  "ScimUserPage",
);
export const ScimGroupPage = builder.objectRef<{ totalResults: number; startIndex: number; resources: DirectoryGroup[] }>(
  "ScimGroupPage",
);

ScimUserPage.implement({
  fields: (t) => ({
    totalResults: t.exposeInt("totalResults"),
    startIndex: t.exposeInt("startIndex"),
    resources: t.field({ type: [DirectoryUserType], resolve: (page) => page.resources }),
  }),
});

ScimGroupPage.implement({
  fields: (t) => ({
    totalResults: t.exposeInt("totalResults"),
    startIndex: t.exposeInt("startIndex"),
    resources: t.field({ type: [DirectoryGroupType], resolve: (page) => page.resources }),
  }),
});

const listArgs = (t: Parameters<Parameters<typeof builder.queryFields>[0]>[0]) => ({
  filter: t.arg.string({ description: "A SCIM filter (RFC 7644 §3.4.2.2), run by the database." }),
  startIndex: t.arg.int({ description: "1-based." }),
  count: t.arg.int({ description: `At most ${MAX_PAGE_SIZE}; 0 returns only totalResults.` }),
  sortBy: t.arg.string(),
  sortOrder: t.arg({ type: SortOrderEnum }),
});

/** The directory a listing is of, once the caller may read it (an IdP's own token needs no lookup). */
async function listedDirectory(directory: { id: string }, ctx: Context): Promise<string> {
  // The argument's `for: DirectoryType` has already refused ids of other types.
  await requireDirectoryAccess(ctx.prisma, ctx.actor, directory.id);
  return directory.id;
}

builder.queryFields((t) => ({
  scimUsers: t.field({
    type: ScimUserPage,
    description: "A directory's users as a SCIM listing (what GET /Users returns).",
    errors: { types: [InvalidFilterError, InvalidPathError], union: { name: "ScimUserPageResult" } },
    args: { directory: t.arg.globalID({ required: true, for: DirectoryType }), ...listArgs(t) },
    resolve: async (_root, { directory, ...args }, ctx) => listDirectoryUsers(ctx.sql, await listedDirectory(directory, ctx), args),
  }),
  scimGroups: t.field({
    type: ScimGroupPage,
    description: "A directory's groups as a SCIM listing (what GET /Groups returns).",
    errors: { types: [InvalidFilterError, InvalidPathError], union: { name: "ScimGroupPageResult" } },
    args: { directory: t.arg.globalID({ required: true, for: DirectoryType }), ...listArgs(t) },
    resolve: async (_root, { directory, ...args }, ctx) => listDirectoryGroups(ctx.sql, await listedDirectory(directory, ctx), args),
  }),
}));
