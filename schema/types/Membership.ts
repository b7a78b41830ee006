import { builder } from "../builder.js";

const MembershipRole = builder.enumType("MembershipRole", { values: ["OWNER", "ADMIN", "MEMBER"] as const });
const MembershipStatus = builder.enumType("MembershipStatus", { values: ["ACTIVE", "DEACTIVATED"] as const });
const MembershipSource = builder.enumType("MembershipSource", {
  values: {
    MANUAL: { description: "Added by hand." },
    DIRECTORY: { description: "Provisioned by a directory." },
  },
});

builder.prismaNode("Membership", {
  id: { field: "id" },
  // A deleted or unknown id resolves node(id) to null instead of failing.
  nullable: true,
  authScopes: (membership) => ({ organization: membership.organizationId }),
  fields: (t) => ({
    user: t.relation("user"),
    role: t.expose("role", { type: MembershipRole }),
    status: t.expose("status", { type: MembershipStatus }),
    source: t.expose("source", { type: MembershipSource }),
    directory: t.relation("directory", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});
