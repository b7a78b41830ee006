import { builder } from "../builder.js";

export const DirectoryProviderEnum = builder.enumType("DirectoryProvider", {
  values: {
    OKTA_SCIM_V2: { description: "Okta SCIM v2.0" },
    AZURE_SCIM_V2: { description: "Microsoft Entra ID SCIM v2.0" },
    ONELOGIN_SCIM_V2: { description: "OneLogin SCIM v2.0" },
    JUMPCLOUD_SCIM_V2: { description: "JumpCloud SCIM v2.0" },
    GENERIC_SCIM_V2: { description: "Generic SCIM v2.0" },
  },
});

export function scimBaseUrl(publicUrl: string, directoryId: string): string {
  return `${publicUrl}/scim/v2/${directoryId}`;
}

function searchWhere(search: string | null | undefined, fields: string[]) {
  if (!search) return {};
  return { OR: fields.map((field) => ({ [field]: { contains: search, mode: "insensitive" as const } })) };
}

export const DirectoryType = builder.prismaNode("Directory", {
  id: { field: "id" },
  // A deleted or unknown id resolves node(id) to null instead of failing.
  nullable: true,
  // The directory scope: its own SCIM token, or access to its organization.
  authScopes: (directory) => ({ directory: directory.id }),
  fields: (t) => ({
    name: t.exposeString("name"),
    provider: t.expose("provider", { type: DirectoryProviderEnum }),
    active: t.exposeBoolean("active"),
    scimBaseUrl: t.string({
      description: "Paste into the IdP as the SCIM connector base URL.",
      resolve: (directory, _args, ctx) => scimBaseUrl(ctx.publicUrl, directory.id),
    }),
    tokenPrefix: t.exposeString("tokenPrefix", { description: "The start of the current token, to recognise it by." }),
    tokenCreatedAt: t.expose("tokenCreatedAt", { type: "DateTime" }),
    tokenRotatedAt: t.expose("tokenRotatedAt", { type: "DateTime", nullable: true }),
    organization: t.relation("organization"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    users: t.relatedConnection("users", {
      cursor: "id",
      totalCount: true,
      args: { search: t.arg.string({ required: false, description: "Matches userName, email or displayName." }) },
      query: ({ search }) => ({
        where: searchWhere(search, ["userName", "email", "displayName"]),
        orderBy: [{ userNameKey: "asc" }, { id: "asc" }],
      }),
    }),
    groups: t.relatedConnection("groups", {
      cursor: "id",
      totalCount: true,
      args: { search: t.arg.string({ required: false, description: "Matches displayName." }) },
      query: ({ search }) => ({
        where: searchWhere(search, ["displayName"]),
        orderBy: [{ displayNameKey: "asc" }, { id: "asc" }],
      }),
    }),
  }),
});
