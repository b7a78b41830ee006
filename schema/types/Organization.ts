import { builder } from "../builder.js";

export const OrganizationType = builder.prismaNode("Organization", {
  id: { field: "id" },
  // A deleted or unknown id resolves node(id) to null instead of failing.
  nullable: true,
  authScopes: (organization) => ({ organization: organization.id }),
  fields: (t) => ({
    slug: t.exposeString("slug"),
    name: t.exposeString("name"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    teams: t.relatedConnection("teams", {
      cursor: "id",
      totalCount: true,
      query: { orderBy: [{ name: "asc" }, { id: "asc" }] },
    }),
    members: t.relatedConnection("memberships", {
      cursor: "id",
      totalCount: true,
      query: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
    }),
    directories: t.relatedConnection("directories", {
      cursor: "id",
      totalCount: true,
      query: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
    }),
  }),
});

builder.queryFields((t) => ({
  organization: t.prismaField({
    type: "Organization",
    nullable: true,
    description: "An organization by slug; null when it does not exist or this credential cannot see it.",
    args: { slug: t.arg.string({ required: true }) },
    resolve: async (query, _root, { slug }, ctx) => {
      const organization = await ctx.prisma.organization.findUnique({ ...query, where: { slug } });
      return organization;
    },
  }),
  organizations: t.prismaConnection({
    type: "Organization",
    cursor: "id",
    description: "Organizations this credential can see.",
    resolve: (query, _root, _args, ctx) => {
      const actor = ctx.actor;
      const where =
        actor.kind === "operator"
          ? {}
          : actor.kind === "apiKey"
            ? { id: actor.organizationId }
            : actor.kind === "admin"
              ? { id: { in: actor.organizationIds } }
              : { id: { in: [] as string[] } };
      return ctx.prisma.organization.findMany({ ...query, where, orderBy: [{ slug: "asc" }] });
    },
    totalCount: (_root, _args, ctx) => {
      const actor = ctx.actor;
      if (actor.kind === "operator") return ctx.prisma.organization.count();
      if (actor.kind === "apiKey") return 1;
      if (actor.kind === "admin") return actor.organizationIds.length;
      return 0;
    },
  }),
}));
