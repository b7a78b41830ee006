import { z } from "zod";
import type { Actor } from "../context.js";
import { ConflictError, NotFoundError } from "../errors.js";
import { requireOrganizationAccess } from "./access.js";
import { checkEventTypes } from "./eventLog.js";
import { issueSecret } from "./secrets.js";
import type { OrmTx } from "./transaction.js";
import { parseInput } from "./validation.js";

const createWebhookEndpointInput = z.object({
  organizationId: z.string().uuid(),
  url: z
    .string()
    .trim()
    .max(2048)
    .url("Must be an absolute URL.")
    .refine((url) => /^https?:\/\//i.test(url), "Must be an http or https URL."),
  eventTypes: z.array(z.string()).max(100),
});

/**
 * Registers an endpoint for the organization's events from now on. The
 * signing secret is returned here once; it is kept in clear because signing
 * needs it.
 */
export async function createWebhookEndpoint(
  tx: OrmTx,
  actor: Actor,
  input: { organizationId: string; url: string; eventTypes?: string[] | null },
) {
  const data = parseInput(createWebhookEndpointInput, { ...input, eventTypes: input.eventTypes ?? [] });
  requireOrganizationAccess(actor, data.organizationId);
  checkEventTypes(data.eventTypes, "eventTypes");
  const organization = await tx.orm.organization.findUnique({ where: { id: data.organizationId } });
  if (!organization) throw new NotFoundError("No such organization.");
  const secret = issueSecret("whsec").value;
  const webhookEndpoint = await tx.orm.webhookEndpoint.create({
    data: {
      organizationId: organization.id,
      url: data.url,
      eventTypes: [...new Set(data.eventTypes)],
      secret,
      cursor: organization.lastEventSeq,
    },
  });
  return { webhookEndpoint, secret };
}

async function endpointFor(tx: OrmTx, actor: Actor, webhookEndpointId: string) {
  const endpoint = await tx.orm.webhookEndpoint.findUnique({ where: { id: webhookEndpointId } });
  if (!endpoint) throw new NotFoundError("No such webhook endpoint.");
  requireOrganizationAccess(actor, endpoint.organizationId);
  return endpoint;
}

/** Deletes an endpoint with its deliveries and their attempts. */
export async function deleteWebhookEndpoint(tx: OrmTx, actor: Actor, input: { webhookEndpointId: string }) {
  const endpoint = await endpointFor(tx, actor, input.webhookEndpointId);
  await tx.orm.webhookEndpoint.delete({ where: { id: endpoint.id } });
  return endpoint;
}

/** Queues a finished delivery again, with a fresh attempt budget; earlier attempts stay on record. */
export async function redeliverWebhookDelivery(tx: OrmTx, actor: Actor, input: { webhookDeliveryId: string }) {
  const delivery = await tx.orm.webhookDelivery.findUnique({ where: { id: input.webhookDeliveryId } });
  if (!delivery) throw new NotFoundError("No such webhook delivery.");
  await endpointFor(tx, actor, delivery.endpointId);
  if (delivery.status === "PENDING") throw new ConflictError("This delivery is still pending.");
  return tx.orm.webhookDelivery.update({
    where: { id: delivery.id },
    data: { status: "PENDING", attemptCount: 0, nextAttemptAt: new Date(), lastError: null },
    // The GraphQL type checks access by the endpoint's organization.
    include: { endpoint: { select: { organizationId: true } } },
  });
}
