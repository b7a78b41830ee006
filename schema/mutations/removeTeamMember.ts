import type { TeamMember } from "../../prisma/database.js";
import { builder } from "../builder.js";
import { removeTeamMember } from "../services/teamMembers.js";
import { inOrmTransaction } from "../services/transaction.js";
import { TeamType } from "../types/Team.js";
import { TeamMemberType } from "../types/TeamMember.js";

const RemoveTeamMemberInput = builder.inputType("RemoveTeamMemberInput", {
  fields: (t) => ({
    teamId: t.globalID({ required: true, for: TeamType }),
    userId: t.id({ required: true }),
  }),
});

const RemoveTeamMemberPayload = builder
  .objectRef<{ teamMember: TeamMember | null }>("RemoveTeamMemberPayload")
  .implement({
    fields: (t) => ({
      teamMember: t.expose("teamMember", {
        type: TeamMemberType,
        nullable: true,
        description: "The membership that remains because directory groups still grant it; null when it ended.",
      }),
    }),
  });

builder.mutationField("removeTeamMember", (t) =>
  t.field({
    type: RemoveTeamMemberPayload,
    description: "Takes back a hand-made team membership. Memberships granted by directory groups follow the IdP.",
    errors: {},
    args: { input: t.arg({ type: RemoveTeamMemberInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      teamMember: await inOrmTransaction(ctx.prisma, (tx) =>
        removeTeamMember(tx, ctx.actor, { teamId: input.teamId.id, userId: String(input.userId) }),
      ),
    }),
  }),
);
