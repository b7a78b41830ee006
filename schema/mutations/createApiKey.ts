import type { ApiKey } from "../../prisma/database.js";
import { builder } from "../builder.js";
import { ApiKeyType } from "../types/ApiKey.js";
import { OrganizationType } from "../types/Organization.js";
import { createApiKey } from "../services/apiKeys.js";
import { inOrmTransaction } from "../services/transaction.js";

const CreateApiKeyInput = builder.inputType("CreateApiKeyInput", {
  fields: (t) => ({
    organizationId: t.globalID({ required: true, for: OrganizationType }),
    name: t.string({ required: true }),
  }),
});

const CreateApiKeyPayload = builder.objectRef<{ apiKey: ApiKey; key: string }>("CreateApiKeyPayload").implement({
  fields: (t) => ({
    apiKey: t.expose("apiKey", { type: ApiKeyType }),
    key: t.exposeString("key", { description: "Shown once: Roster keeps only its hash. Send as `Authorization: Bearer <key>`." }),
  }),
});

builder.mutationField("createApiKey", (t) =>
  t.field({
    type: CreateApiKeyPayload,
    errors: {},
    args: { input: t.arg({ type: CreateApiKeyInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      inOrmTransaction(ctx.prisma, (tx) =>
        createApiKey(tx, ctx.actor, { organizationId: input.organizationId.id, name: input.name }),
      ),
  }),
);
