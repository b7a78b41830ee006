import { builder } from "../builder.js";

builder.prismaNode("DirectoryGroup", {
  id: { field: "id" },
  authScopes: (group) => ({ directory: group.directoryId }),
  fields: (t) => ({
    scimId: t.exposeString("id", { description: "The id the IdP knows this group by." }),
    externalId: t.exposeString("externalId", { nullable: true }),
    displayName: t.exposeString("displayName"),
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
