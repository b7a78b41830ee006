import { builder } from "../builder.js";

const GrantSource = builder.enumType("GrantSource", {
  values: {
    MANUAL: { description: "Added to the team by hand." },
    DIRECTORY_GROUP: { description: "Granted by membership of a directory group mapped to the team." },
  },
});

/** A user's place in a team, with every reason it exists. */
export const TeamMemberType = builder.prismaObject("TeamMember", {
  fields: (t) => ({
    id: t.exposeID("id"),
    user: t.relation("user"),
    grants: t.relation("grants", { query: { orderBy: [{ createdAt: "asc" }] } }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.prismaObject("TeamMemberGrant", {
  name: "TeamMemberGrant",
  fields: (t) => ({
    source: t.expose("source", { type: GrantSource }),
    directoryGroup: t.relation("directoryGroup", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});
