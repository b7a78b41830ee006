import type { Logger } from "pino";
import type { PrismaClient } from "../../prisma/database.js";
import { UTC_NOW } from "../../schema/services/sync/sql.js";
import { inOrmTransaction } from "../../schema/services/transaction.js";
import { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from "./retryPolicy.js";
import { SIGNATURE_HEADER, signWebhook } from "./signature.js";

export interface DispatcherOptions {
  prisma: PrismaClient;
  logger: Logger;
  retry?: Partial<RetryPolicy>;
  /** How often to look for new events and due retries when idle. */
  pollIntervalMs?: number;
  requestTimeoutMs?: number;
  /** Deliveries in flight at once (to different endpoints; one endpoint gets one at a time). */
  concurrency?: number;
}

export interface Dispatcher {
  /** Stops claiming work and aborts requests in flight (recorded as failed attempts, so they are retried). */
  stop(): Promise<void>;
}

interface ClaimedDelivery {
  id: string;
  attemptCount: number;
  url: string;
  secret: string;
  eventId: string;
  type: string;
  sequence: bigint;
  organizationId: string;
  directoryId: string | null;
  payload: unknown;
  createdAt: Date;
}

interface AttemptResult {
  attemptedAt: Date;
  durationMs: number;
  responseStatus: number | null;
  error: string | null;
}

const FANOUT_BATCH = 1_000;

/**
 * Delivers the outbox to webhook endpoints, at least once and in sequence
 * order per endpoint. Several dispatchers (one per server instance) may run
 * on one database: endpoints and deliveries are claimed with FOR UPDATE SKIP
 * LOCKED, and a claimed delivery is leased (its nextAttemptAt pushed past the
 * request timeout) so no transaction stays open during HTTP calls. An
 * instance that dies mid-request loses only the lease; another retries.
 */
export function startWebhookDispatcher(options: DispatcherOptions): Dispatcher {
  const { prisma, logger } = options;
  const retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const timeoutMs = options.requestTimeoutMs ?? 10_000;
  const leaseMs = timeoutMs + 30_000;
  const concurrency = options.concurrency ?? 16;
  const inFlight = new Set<Promise<void>>();
  const stopping = new AbortController();
  let stopped = false;
  let wake = () => {};

  async function deliver(delivery: ClaimedDelivery) {
    const result = await post(delivery, timeoutMs, stopping.signal);
    const failedFinally = result.error !== null && delivery.attemptCount >= retry.maxAttempts;
    await inOrmTransaction(prisma, async (tx) => {
      // The endpoint may have been deleted meanwhile, and its deliveries with it.
      if (!(await tx.orm.webhookDelivery.findUnique({ where: { id: delivery.id }, select: { id: true } }))) return;
      await tx.orm.webhookAttempt.create({ data: { deliveryId: delivery.id, ...result } });
      // attemptCount fences the update: if the lease ran out and another dispatcher took over, it is theirs now.
      await tx.orm.webhookDelivery.updateMany({
        where: { id: delivery.id, status: "PENDING", attemptCount: delivery.attemptCount },
        data:
          result.error === null
            ? { status: "SUCCEEDED", lastError: null }
            : failedFinally
              ? { status: "FAILED", lastError: result.error }
              : {
                  lastError: result.error,
                  nextAttemptAt: new Date(Date.now() + retryDelayMs(retry, delivery.attemptCount)),
                },
      });
    });
    if (result.error !== null) {
      logger[failedFinally ? "warn" : "debug"](
        { deliveryId: delivery.id, attempt: delivery.attemptCount, error: result.error },
        failedFinally ? "webhook delivery failed for good" : "webhook delivery attempt failed",
      );
    }
  }

  function start(delivery: ClaimedDelivery) {
    const running: Promise<void> = deliver(delivery)
      .catch((error: unknown) => logger.error({ err: error, deliveryId: delivery.id }, "could not record a webhook attempt"))
      .finally(() => {
        inFlight.delete(running);
        // The endpoint's next delivery may be due now.
        wake();
      });
    inFlight.add(running);
  }

  const loop = (async () => {
    while (!stopped) {
      let claimed: ClaimedDelivery[] = [];
      try {
        await fanOut(prisma);
        if (inFlight.size < concurrency) claimed = await claim(prisma, concurrency - inFlight.size, leaseMs);
        claimed.forEach(start);
      } catch (error) {
        logger.error({ err: error }, "webhook dispatcher pass failed");
      }
      if (stopped || (claimed.length > 0 && inFlight.size < concurrency)) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollIntervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    await Promise.allSettled([...inFlight]);
  })();

  return {
    async stop() {
      stopped = true;
      stopping.abort();
      wake();
      await loop;
    },
  };
}

/** Turns new events into deliveries for every active endpoint that wants them, advancing each endpoint's cursor. */
async function fanOut(prisma: PrismaClient): Promise<void> {
  await inOrmTransaction(prisma, async (tx) => {
    const endpoints = await tx.query<{ id: string; organizationId: string; cursor: bigint; eventTypes: string[] }>`
      SELECT w.id, w."organizationId", w.cursor, w."eventTypes"
      FROM "WebhookEndpoint" w JOIN "Organization" o ON o.id = w."organizationId"
      WHERE w.active AND w.cursor < o."lastEventSeq"
      ORDER BY w.id
      LIMIT 100
      FOR UPDATE OF w SKIP LOCKED`;
    for (const endpoint of endpoints) {
      // Sequences commit in order per organization, so everything up to the newest one seen is visible.
      const [{ last }] = await tx.query<{ last: bigint | null }>`
        WITH batch AS (
          SELECT id, sequence, type FROM "Event"
          WHERE "organizationId" = ${endpoint.organizationId}::uuid AND sequence > ${endpoint.cursor}
          ORDER BY sequence
          LIMIT ${FANOUT_BATCH}
        ), queued AS (
          INSERT INTO "WebhookDelivery" (id, "endpointId", "eventId", sequence, status, "attemptCount", "nextAttemptAt", "createdAt", "updatedAt")
          SELECT gen_random_uuid(), ${endpoint.id}::uuid, b.id, b.sequence, 'PENDING', 0, ${UTC_NOW}, ${UTC_NOW}, ${UTC_NOW}
          FROM batch b
          WHERE cardinality(${endpoint.eventTypes}::text[]) = 0 OR b.type = ANY(${endpoint.eventTypes}::text[])
          ON CONFLICT ("endpointId", "eventId") DO NOTHING
        )
        SELECT max(sequence) AS last FROM batch`;
      if (last !== null) {
        await tx.execute`UPDATE "WebhookEndpoint" SET cursor = ${last} WHERE id = ${endpoint.id}::uuid`;
      }
    }
  });
}

/**
 * Claims due deliveries that are the oldest pending one of their endpoint (so
 * each endpoint gets events in order), counts the attempt and leases them.
 */
function claim(prisma: PrismaClient, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
  return prisma.$queryRaw<ClaimedDelivery[]>`
    WITH heads AS (
      SELECT DISTINCT ON ("endpointId") id FROM "WebhookDelivery"
      WHERE status = 'PENDING'
      ORDER BY "endpointId", sequence
    ), due AS (
      SELECT d.id FROM "WebhookDelivery" d JOIN "WebhookEndpoint" w ON w.id = d."endpointId"
      WHERE d.id IN (SELECT id FROM heads) AND w.active AND d.status = 'PENDING' AND d."nextAttemptAt" <= ${UTC_NOW}
      ORDER BY d."nextAttemptAt"
      LIMIT ${limit}
      FOR UPDATE OF d SKIP LOCKED
    )
    UPDATE "WebhookDelivery" d
    SET "attemptCount" = d."attemptCount" + 1,
        "nextAttemptAt" = ${UTC_NOW} + ${leaseMs} * interval '1 millisecond',
        "updatedAt" = ${UTC_NOW}
    FROM due, "WebhookEndpoint" w, "Event" e
    WHERE d.id = due.id AND w.id = d."endpointId" AND e.id = d."eventId"
    RETURNING d.id, d."attemptCount", w.url, w.secret, e.id AS "eventId", e.type, e.sequence,
              e."organizationId", e."directoryId", e.payload, e."createdAt"`;
}

/** One signed POST; any 2xx is success, anything else (redirects included) a failure to retry. */
async function post(delivery: ClaimedDelivery, timeoutMs: number, stopSignal: AbortSignal): Promise<AttemptResult> {
  const body = JSON.stringify({
    id: delivery.eventId,
    type: delivery.type,
    sequence: String(delivery.sequence),
    organizationId: delivery.organizationId,
    directoryId: delivery.directoryId,
    createdAt: delivery.createdAt.toISOString(),
    data: delivery.payload,
  });
  const attemptedAt = new Date();
  let responseStatus: number | null = null;
  let error: string | null = null;
  try {
    const response = await fetch(delivery.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Roster-Webhooks/1",
        "roster-event-id": delivery.eventId,
        "roster-event-type": delivery.type,
        "roster-delivery-id": delivery.id,
        [SIGNATURE_HEADER]: signWebhook(delivery.secret, body),
      },
      body,
      redirect: "manual",
      signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), stopSignal]),
    });
    responseStatus = response.status;
    await response.body?.cancel();
    if (response.status < 200 || response.status > 299) error = `HTTP ${response.status}`;
  } catch (cause) {
    error = describeFailure(cause, timeoutMs);
  }
  return { attemptedAt, durationMs: Date.now() - attemptedAt.getTime(), responseStatus, error };
}

function describeFailure(cause: unknown, timeoutMs: number): string {
  if (!(cause instanceof Error)) return String(cause);
  if (cause.name === "TimeoutError") return `No response within ${timeoutMs} ms.`;
  if (cause.name === "AbortError") return "Roster stopped during the request.";
  const code = (cause.cause as { code?: string } | undefined)?.code;
  return code ? `${cause.message} (${code})` : cause.message;
}
