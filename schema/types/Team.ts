import { builder } from "../builder.js";

export const TeamType = builder.prismaNode("Team", {
  id: { field: "id" },
  // A deleted or unknown id resolves node(id) to null instead of failing.
  nullable: true,
  authScopes: (team) => ({ organization: team.organizationId }),
  fields: (t) => ({
    slug: t.exposeString("slug"),
    name: t.exposeString("name"),
    organization: t.relation("organization"),
    members: t.relatedConnection("members", {
      cursor: "id",
      totalCount: true,
      query: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
    }),
    groupMappings: t.relation("groupMappings", { query: { orderBy: [{ groupName: "asc" }] } }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});
