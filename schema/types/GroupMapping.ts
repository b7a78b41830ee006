import { builder } from "../builder.js";

export const GroupMappingType = builder.prismaNode("GroupMapping", {
  id: { field: "id" },
  // A deleted or unknown id resolves node(id) to null instead of failing.
  nullable: true,
  authScopes: (mapping) => ({ organization: mapping.organizationId }),
  fields: (t) => ({
    groupName: t.exposeString("groupName", { description: "The IdP group name, matched exactly." }),
    team: t.relation("team"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});
