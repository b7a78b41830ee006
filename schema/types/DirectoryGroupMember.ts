import { builder } from "../builder.js";

/** A directory user's membership of a directory group, as the IdP pushed it. */
builder.prismaObject("DirectoryGroupMember", {
  fields: (t) => ({
    group: t.relation("group"),
    user: t.relation("directoryUser"),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the IdP added the user to the group." }),
  }),
});
