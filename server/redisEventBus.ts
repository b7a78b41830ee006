import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import { createLocalEventBus, type EventBus } from "../schema/services/eventBus.js";

const CHANNEL = "roster:events";

export interface RedisEventBus extends EventBus {
  /** Resolves once this instance listens, so notifications from others reach it. */
  ready: Promise<void>;
}

/**
 * The event bus for several instances: notifications go through one Redis
 * pub/sub channel to every instance, which wakes its own subscribers. Redis
 * carries only "organization X has new events"; if it is down, subscribers
 * still catch up from the outbox when they next poll.
 */
export function createRedisEventBus(url: string, logger: Logger): RedisEventBus {
  const local = createLocalEventBus();
  const instanceId = randomUUID();
  const publisher = new Redis(url, { lazyConnect: false });
  const subscriber = new Redis(url, { lazyConnect: false });
  for (const client of [publisher, subscriber]) {
    client.on("error", (error: Error) => logger.warn({ err: error }, "Redis event bus connection error"));
  }
  subscriber.on("message", (_channel: string, message: string) => {
    const separator = message.indexOf(" ");
    // This instance already woke its own subscribers when it published.
    if (message.slice(0, separator) !== instanceId) local.notify(message.slice(separator + 1));
  });
  const ready = subscriber.subscribe(CHANNEL).then(() => undefined);
  ready.catch((error: unknown) => logger.warn({ err: error }, "Redis event bus could not subscribe"));
  return {
    ready,
    notify(organizationId) {
      local.notify(organizationId);
      publisher
        .publish(CHANNEL, `${instanceId} ${organizationId}`)
        .catch((error: unknown) => logger.warn({ err: error }, "Redis event bus could not publish"));
    },
    subscribe: local.subscribe,
    async close() {
      await local.close();
      subscriber.disconnect();
      publisher.disconnect();
    },
  };
}
