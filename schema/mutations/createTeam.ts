import type { Team } from "../../prisma/database.js";
import { builder } from "../builder.js";
import { TeamType } from "../types/Team.js";
import { OrganizationType } from "../types/Organization.js";
import { createTeam } from "../services/teams.js";
import { inOrmTransaction } from "../services/transaction.js";

const CreateTeamInput = builder.inputType("CreateTeamInput", {
  fields: (t) => ({
    organizationId: t.globalID({ required: true, for: OrganizationType }),
    name: t.string({ required: true }),
    slug: t.string({ description: "Defaults to one made from the name." }),
  }),
});

const CreateTeamPayload = builder.objectRef<{ team: Team }>("CreateTeamPayload").implement({
  fields: (t) => ({ team: t.expose("team", { type: TeamType }) }),
});

builder.mutationField("createTeam", (t) =>
  t.field({
    type: CreateTeamPayload,
    errors: {},
    args: { input: t.arg({ type: CreateTeamInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      team: await inOrmTransaction(ctx.prisma, (tx) =>
        createTeam(tx, ctx.actor, { organizationId: input.organizationId.id, name: input.name, slug: input.slug }),
      ),
    }),
  }),
);
