import { builder } from "../builder.js";

// Not a Node: a person may belong to several organizations, so users are only
// reached through an organization the credential can see.
builder.prismaObject("User", {
  fields: (t) => ({
    id: t.exposeID("id"),
    email: t.exposeString("email"),
    displayName: t.string({
      resolve: (user) =>
        user.displayName ?? ([user.givenName, user.familyName].filter(Boolean).join(" ") || user.email),
    }),
    givenName: t.exposeString("givenName", { nullable: true }),
    familyName: t.exposeString("familyName", { nullable: true }),
  }),
});
