import type { WebhookEndpoint } from "../../prisma/database.js";
import { builder } from "../builder.js";
import { inOrmTransaction } from "../services/transaction.js";
import { createWebhookEndpoint } from "../services/webhookEndpoints.js";
import { OrganizationType } from "../types/Organization.js";
import { WebhookEndpointType } from "../types/WebhookEndpoint.js";

const CreateWebhookEndpointInput = builder.inputType("CreateWebhookEndpointInput", {
  fields: (t) => ({
    organizationId: t.globalID({ required: true, for: OrganizationType }),
    url: t.string({ required: true, description: "Receives a POST per event." }),
    eventTypes: t.stringList({ description: "Event types to deliver; omitted or empty means all." }),
  }),
});

const CreateWebhookEndpointPayload = builder
  .objectRef<{ webhookEndpoint: WebhookEndpoint; secret: string }>("CreateWebhookEndpointPayload")
  .implement({
    fields: (t) => ({
      webhookEndpoint: t.expose("webhookEndpoint", { type: WebhookEndpointType }),
      secret: t.exposeString("secret", {
        description: "Shown once: the key of the Roster-Signature HMAC. Store it with the receiver.",
      }),
    }),
  });

builder.mutationField("createWebhookEndpoint", (t) =>
  t.field({
    type: CreateWebhookEndpointPayload,
    description: "Registers an endpoint for the organization's events from now on.",
    errors: {},
    args: { input: t.arg({ type: CreateWebhookEndpointInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      inOrmTransaction(ctx.prisma, (tx) =>
        createWebhookEndpoint(tx, ctx.actor, {
          organizationId: input.organizationId.id,
          url: input.url,
          eventTypes: input.eventTypes,
        }),
      ),
  }),
);
