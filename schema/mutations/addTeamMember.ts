import type { TeamMember } from "../../prisma/database.js";
import { builder } from "../builder.js";
import { addTeamMember } from "../services/teamMembers.js";
import { inOrmTransaction } from "../services/transaction.js";
import { TeamType } from "../types/Team.js";
import { TeamMemberType } from "../types/TeamMember.js";

const AddTeamMemberInput = builder.inputType("AddTeamMemberInput", {
  fields: (t) => ({
    teamId: t.globalID({ required: true, for: TeamType }),
    userId: t.id({ required: true, description: "An active member of the team's organization." }),
  }),
});

const AddTeamMemberPayload = builder.objectRef<{ teamMember: TeamMember }>("AddTeamMemberPayload").implement({
  fields: (t) => ({ teamMember: t.expose("teamMember", { type: TeamMemberType }) }),
});

builder.mutationField("addTeamMember", (t) =>
  t.field({
    type: AddTeamMemberPayload,
    description: "Adds a user to a team by hand. Directory sync never removes a hand-made membership.",
    errors: {},
    args: { input: t.arg({ type: AddTeamMemberInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      teamMember: await inOrmTransaction(ctx.prisma, (tx) =>
        addTeamMember(tx, ctx.actor, { teamId: input.teamId.id, userId: String(input.userId) }),
      ),
    }),
  }),
);
