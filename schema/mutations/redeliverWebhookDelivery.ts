import type { WebhookDelivery } from "../../prisma/database.js";
import { builder } from "../builder.js";
import { inOrmTransaction } from "../services/transaction.js";
import { redeliverWebhookDelivery } from "../services/webhookEndpoints.js";
import { WebhookDeliveryType } from "../types/WebhookDelivery.js";

const RedeliverWebhookDeliveryInput = builder.inputType("RedeliverWebhookDeliveryInput", {
  fields: (t) => ({ webhookDeliveryId: t.globalID({ required: true, for: WebhookDeliveryType }) }),
});

const RedeliverWebhookDeliveryPayload = builder
  .objectRef<{ webhookDelivery: WebhookDelivery & { endpoint: { organizationId: string } } }>("RedeliverWebhookDeliveryPayload")
  .implement({
    fields: (t) => ({
      webhookDelivery: t.expose("webhookDelivery", { type: WebhookDeliveryType }),
    }),
  });

builder.mutationField("redeliverWebhookDelivery", (t) =>
  t.field({
    type: RedeliverWebhookDeliveryPayload,
    description: "Queues a failed (or succeeded) delivery again, with a fresh attempt budget.",
    errors: {},
    args: { input: t.arg({ type: RedeliverWebhookDeliveryInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      webhookDelivery: await inOrmTransaction(ctx.prisma, (tx) =>
        redeliverWebhookDelivery(tx, ctx.actor, { webhookDeliveryId: input.webhookDeliveryId.id }),
      ),
    }),
  }),
);
