import type { GroupMapping } from "../../prisma/database.js";
import { builder } from "../builder.js";
import { GroupMappingType } from "../types/GroupMapping.js";
import { TeamType } from "../types/Team.js";
import { addGroupMapping } from "../services/groupMappings.js";
import { inOrmTransaction } from "../services/transaction.js";

const AddGroupMappingInput = builder.inputType("AddGroupMappingInput", {
  fields: (t) => ({
    teamId: t.globalID({ required: true, for: TeamType }),
    groupName: t.string({ required: true, description: "The IdP's group name, exactly as the IdP shows it." }),
  }),
});

const AddGroupMappingPayload = builder.objectRef<{ groupMapping: GroupMapping }>("AddGroupMappingPayload").implement({
  fields: (t) => ({ groupMapping: t.expose("groupMapping", { type: GroupMappingType }) }),
});

builder.mutationField("addGroupMapping", (t) =>
  t.field({
    type: AddGroupMappingPayload,
    errors: {},
    args: { input: t.arg({ type: AddGroupMappingInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      groupMapping: await inOrmTransaction(ctx.prisma, (tx) =>
        addGroupMapping(tx, ctx.actor, { teamId: input.teamId.id, groupName: input.groupName }),
      ),
    }),
  }),
);
