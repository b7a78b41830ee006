import { builder } from "../builder.js";

interface ViewerShape {
  userId: string;
  organizationIds: string[];
}

/** The signed-in admin: who they are and which organizations they may manage. */
const ViewerType = builder.objectRef<ViewerShape>("Viewer").implement({
  fields: (t) => ({
    user: t.prismaField({
      type: "User",
      resolve: (query, viewer, _args, ctx) => ctx.prisma.user.findUniqueOrThrow({ ...query, where: { id: viewer.userId } }),
    }),
    organizations: t.prismaField({
      type: ["Organization"],
      description: "Organizations this admin owns or administers.",
      resolve: (query, viewer, _args, ctx) =>
        ctx.prisma.organization.findMany({
          ...query,
          where: { id: { in: viewer.organizationIds } },
          orderBy: [{ name: "asc" }, { slug: "asc" }],
        }),
    }),
  }),
});

builder.queryField("viewer", (t) =>
  t.field({
    type: ViewerType,
    nullable: true,
    description: "The admin signed in to the web UI; null for API keys and anonymous callers.",
    resolve: (_root, _args, ctx) =>
      ctx.actor.kind === "admin" ? { userId: ctx.actor.userId, organizationIds: ctx.actor.organizationIds } : null,
  }),
);
