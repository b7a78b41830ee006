/**
 * Wakes live subscribers when an organization has new events. It carries only
 * "something new happened in organization X"; subscribers read the events
 * themselves from the outbox, so a lost notification delays, never loses.
 * The server swaps in a Redis-backed bus when several instances run.
 */
export interface EventBus {
  notify(organizationId: string): void;
  subscribe(organizationId: string, listener: () => void): () => void;
  close(): Promise<void>;
}

export function createLocalEventBus(): EventBus {
  const listeners = new Map<string, Set<() => void>>();
  return {
    notify(organizationId) {
      for (const listener of listeners.get(organizationId) ?? []) listener();
    },
    subscribe(organizationId, listener) {
      const set = listeners.get(organizationId) ?? new Set();
      set.add(listener);
      listeners.set(organizationId, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(organizationId);
      };
    },
    async close() {
      listeners.clear();
    },
  };
}
