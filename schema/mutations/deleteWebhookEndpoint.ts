import { builder } from "../builder.js";
import { inOrmTransaction } from "../services/transaction.js";
import { deleteWebhookEndpoint } from "../services/webhookEndpoints.js";
import { WebhookEndpointType } from "../types/WebhookEndpoint.js";

const DeleteWebhookEndpointInput = builder.inputType("DeleteWebhookEndpointInput", {
  fields: (t) => ({ webhookEndpointId: t.globalID({ required: true, for: WebhookEndpointType }) }),
});

const DeleteWebhookEndpointPayload = builder
  .objectRef<{ id: string }>("DeleteWebhookEndpointPayload")
  .implement({
    fields: (t) => ({
      deletedWebhookEndpointId: t.globalID({ resolve: ({ id }) => ({ type: "WebhookEndpoint", id }) }),
    }),
  });

builder.mutationField("deleteWebhookEndpoint", (t) =>
  t.field({
    type: DeleteWebhookEndpointPayload,
    description: "Stops deliveries to an endpoint and deletes its delivery history.",
    errors: {},
    args: { input: t.arg({ type: DeleteWebhookEndpointInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      inOrmTransaction(ctx.prisma, (tx) =>
        deleteWebhookEndpoint(tx, ctx.actor, { webhookEndpointId: input.webhookEndpointId.id }),
      ),
  }),
);
