import { builder } from "../builder.js";
import { userToScim } from "../scim/userResource.js";
import { scimBaseUrl } from "./Directory.js";

export const DirectoryUserType = builder.prismaNode("DirectoryUser", {
  id: { field: "id" },
  // A deleted or unknown id resolves node(id) to null instead of failing.
  nullable: true,
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
    scimResource: t.field({
      type: "JSON",
      description: "The user as SCIM returns it (RFC 7643 User, with meta).",
      resolve: (user, _args, ctx) => userToScim(user, `${scimBaseUrl(ctx.publicUrl, user.directoryId)}/Users/${user.id}`),
    }),
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
