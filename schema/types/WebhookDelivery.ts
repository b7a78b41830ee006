import { builder } from "../builder.js";
import { DeliveryStatusEnum } from "./WebhookEndpoint.js";

/** One event on its way to one endpoint, with every attempt made. */
export const WebhookDeliveryType = builder.prismaNode("WebhookDelivery", {
  id: { field: "id" },
  nullable: true,
  include: { endpoint: { select: { organizationId: true } } },
  authScopes: (delivery) => ({ organization: delivery.endpoint.organizationId }),
  fields: (t) => ({
    event: t.relation("event"),
    endpoint: t.relation("endpoint"),
    status: t.expose("status", { type: DeliveryStatusEnum }),
    attemptCount: t.exposeInt("attemptCount", { description: "Attempts started since it was (re)queued." }),
    nextAttemptAt: t.expose("nextAttemptAt", { type: "DateTime", description: "When a pending delivery is tried next." }),
    lastError: t.exposeString("lastError", { nullable: true }),
    attempts: t.relation("attempts", { query: { orderBy: [{ attemptedAt: "asc" }, { id: "asc" }] } }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});
