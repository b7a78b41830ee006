import { builder } from "../builder.js";

builder.prismaObjectField("DirectoryUser", "teamMemberships", (t) =>
  t.prismaField({
    type: ["TeamMember"],
    description:
      "The linked Roster user's teams in this directory's organization, each with the grants that keep the user in it.",
    resolve: async (query, directoryUser, _args, ctx) => {
      if (!directoryUser.userId) return [];
      // Only this directory's organization: the same person may be in teams of organizations this caller cannot see.
      const { organizationId } = await ctx.prisma.directory.findUniqueOrThrow({
        where: { id: directoryUser.directoryId },
        select: { organizationId: true },
      });
      return ctx.prisma.teamMember.findMany({
        ...query,
        where: { userId: directoryUser.userId, team: { organizationId } },
        orderBy: [{ team: { name: "asc" } }, { id: "asc" }],
      });
    },
  }),
);
