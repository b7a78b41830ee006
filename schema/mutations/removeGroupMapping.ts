import type { Team } from "../../prisma/database.js";
import { builder } from "../builder.js";
import { TeamType } from "../types/Team.js";
import { GroupMappingType } from "../types/GroupMapping.js";
import { removeGroupMapping } from "../services/groupMappings.js";
import { inOrmTransaction } from "../services/transaction.js";

const RemoveGroupMappingInput = builder.inputType("RemoveGroupMappingInput", {
  fields: (t) => ({ groupMappingId: t.globalID({ required: true, for: GroupMappingType }) }),
});

const RemoveGroupMappingPayload = builder.objectRef<{ removedGroupMappingId: string; team: Team }>("RemoveGroupMappingPayload").implement({
  fields: (t) => ({
    removedGroupMappingId: t.exposeID("removedGroupMappingId"),
    team: t.expose("team", { type: TeamType }),
  }),
});

builder.mutationField("removeGroupMapping", (t) =>
  t.field({
    type: RemoveGroupMappingPayload,
    errors: {},
    args: { input: t.arg({ type: RemoveGroupMappingInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const mapping = await inOrmTransaction(ctx.prisma, (tx) =>
        removeGroupMapping(tx, ctx.actor, { groupMappingId: input.groupMappingId.id }),
      );
      const team = await ctx.prisma.team.findUniqueOrThrow({ where: { id: mapping.teamId } });
      return { removedGroupMappingId: input.groupMappingId.id, team };
    },
  }),
);
