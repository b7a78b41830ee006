import { builder } from "../builder.js";

export const DeliveryStatusEnum = builder.enumType("WebhookDeliveryStatus", {
  values: {
    PENDING: { description: "Waiting for its first attempt or a retry." },
    SUCCEEDED: { description: "The receiver answered 2xx." },
    FAILED: { description: "Every allowed attempt failed; redeliverWebhookDelivery queues it again." },
  },
});

export const WebhookEndpointType = builder.prismaNode("WebhookEndpoint", {
  id: { field: "id" },
  nullable: true,
  authScopes: (endpoint) => ({ organization: endpoint.organizationId }),
  fields: (t) => ({
    url: t.exposeString("url"),
    eventTypes: t.exposeStringList("eventTypes", { description: "Event types delivered; empty means all." }),
    active: t.exposeBoolean("active"),
    organization: t.relation("organization"),
    deliveries: t.relatedConnection("deliveries", {
      cursor: "id",
      totalCount: true,
      description: "Newest first.",
      args: { status: t.arg({ type: DeliveryStatusEnum }) },
      query: ({ status }) => ({
        where: status ? { status } : {},
        orderBy: [{ sequence: "desc" }, { id: "asc" }],
      }),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.prismaObjectField("Organization", "webhookEndpoints", (t) =>
  t.relation("webhookEndpoints", { query: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } }),
);
