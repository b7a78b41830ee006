import { builder } from "../builder.js";

export const ApiKeyType = builder.prismaNode("ApiKey", {
  id: { field: "id" },
  // A deleted or unknown id resolves node(id) to null instead of failing.
  nullable: true,
  authScopes: (key) => ({ organization: key.organizationId }),
  fields: (t) => ({
    name: t.exposeString("name"),
    keyPrefix: t.exposeString("keyPrefix"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    lastUsedAt: t.expose("lastUsedAt", { type: "DateTime", nullable: true }),
  }),
});
