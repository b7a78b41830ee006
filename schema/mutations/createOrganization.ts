import type { Organization } from "../../prisma/database.js";
import { builder } from "../builder.js";
import { OrganizationType } from "../types/Organization.js";
import { createOrganization } from "../services/organizations.js";
import { inOrmTransaction } from "../services/transaction.js";

const CreateOrganizationInput = builder.inputType("CreateOrganizationInput", {
  fields: (t) => ({
    slug: t.string({ required: true, description: "Lower-case letters, digits and dashes; unique." }),
    name: t.string({ required: true }),
  }),
});

const CreateOrganizationPayload = builder.objectRef<{ organization: Organization }>("CreateOrganizationPayload").implement({
  fields: (t) => ({ organization: t.expose("organization", { type: OrganizationType }) }),
});

builder.mutationField("createOrganization", (t) =>
  t.field({
    type: CreateOrganizationPayload,
    description: "Operator keys only.",
    errors: {},
    args: { input: t.arg({ type: CreateOrganizationInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      organization: await inOrmTransaction(ctx.prisma, (tx) => createOrganization(tx, ctx.actor, input)),
    }),
  }),
);
