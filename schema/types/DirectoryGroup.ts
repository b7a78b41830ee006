import { builder } from "../builder.js";
import { groupToScim } from "../scim/groupResource.js";
import { scimBaseUrl } from "./Directory.js";

export const DirectoryGroupType = builder.prismaNode("DirectoryGroup", {
  id: { field: "id" },
  // A deleted or unknown id resolves node(id) to null instead of failing.
  nullable: true,
  authScopes: (group) => ({ directory: group.directoryId }),
  fields: (t) => ({
    scimId: t.exposeString("id", { description: "The id the IdP knows this group by." }),
    externalId: t.exposeString("externalId", { nullable: true }),
    displayName: t.exposeString("displayName"),
    scimResource: t.field({
      type: "JSON",
      description: "The group as SCIM returns it (RFC 7643 Group, with meta).",
      args: { includeMembers: t.arg.boolean({ defaultValue: true, description: "False skips loading members." }) },
      resolve: async (group, { includeMembers }, ctx) => {
        const location = `${scimBaseUrl(ctx.publicUrl, group.directoryId)}/Groups/${group.id}`;
        if (!includeMembers) return groupToScim(group, location);
        // One join, whatever the group's size (a relation include would send every member id back as parameters).
        const members = await ctx.sql.query<{ id: string; userName: string }>`
          SELECT gm."directoryUserId"::text AS id, u."userName"
          FROM "DirectoryGroupMember" gm JOIN "DirectoryUser" u ON u.id = gm."directoryUserId"
          WHERE gm."groupId" = ${group.id}::uuid
          ORDER BY gm."createdAt", gm."directoryUserId"`;
        const usersUrl = `${scimBaseUrl(ctx.publicUrl, group.directoryId)}/Users/`;
        return groupToScim(
          group,
          location,
          members.map((m) => ({ value: m.id, display: m.userName, $ref: usersUrl + m.id })),
        );
      },
    }),
    attributes: t.expose("raw", { type: "JSON", description: "The SCIM attributes as the IdP last sent them (without members)." }),
    version: t.exposeInt("version"),
    directory: t.relation("directory"),
    memberCount: t.relationCount("members"),
    members: t.relatedConnection("members", {
      cursor: "groupId_directoryUserId",
      totalCount: true,
      query: { orderBy: [{ createdAt: "asc" }, { directoryUserId: "asc" }] },
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});
