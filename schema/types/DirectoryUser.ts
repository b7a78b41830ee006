import { builder } from "../builder.js";

builder.prismaNode("DirectoryUser", {
  id: { field: "id" },
  authScopes: (user) => ({ directory: user.directoryId }),
  fields: (t) => ({
    scimId: t.exposeString("id", { description: "The id the IdP knows this user by." }),
    externalId: t.exposeString("externalId", { nullable: true }),
    userName: t.exposeString("userName"),
    active: t.exposeBoolean("active"),
    displayName: t.exposeString("displayName", { nullable: true }),
    givenName: t.exposeString("givenName", { nullable: true }),
    familyName: t.exposeString("familyName", { nullable: true }),
    email: t.exposeString("email", { nullable: true }),
    attributes: t.expose("raw", { type: "JSON", description: "The SCIM attributes as the IdP last sent them." }),
    version: t.exposeInt("version"),
    directory: t.relation("directory"),
    user: t.relation("user", { nullable: true, description: "The Roster user this directory user is linked to." }),
    groups: t.relatedConnection("groups", {
      cursor: "groupId_directoryUserId",
      totalCount: true,
      query: { orderBy: [{ createdAt: "asc" }, { groupId: "asc" }] },
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When the IdP last changed this user." }),
  }),
});
