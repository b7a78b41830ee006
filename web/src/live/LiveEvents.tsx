import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useClient } from "urql";
import { onEnd, pipe, subscribe } from "wonka";
import { graphql } from "../gql/index.ts";

const LiveEventsDocument = graphql(`
  subscription LiveEvents($organizationId: ID!, $after: String) {
    events(organizationId: $organizationId, after: $after) {
      id
      sequence
      type
    }
  }
`);

export interface LiveEvent {
  id: string;
  sequence: string;
  type: string;
}

type Listener = (event: LiveEvent) => void;

interface LiveEventsValue {
  /** True while the stream is down and being re-opened. */
  interrupted: boolean;
  listen(listener: Listener): () => void;
}

const LiveEventsContext = createContext<LiveEventsValue | null>(null);

/**
 * One event stream per signed-in page (Subscription.events over SSE). When it
 * drops, it re-opens after the last sequence seen, so the server replays what
 * was missed and no change goes unnoticed.
 */
export function LiveEventsProvider({ organizationId, children }: { organizationId: string; children: ReactNode }) {
  const client = useClient();
  const listeners = useRef(new Set<Listener>());
  const [interrupted, setInterrupted] = useState(false);

  useEffect(() => {
    let after: string | null = null;
    let stopped = false;
    let failures = 0;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let current: { unsubscribe(): void } | undefined;
    const connect = () => {
      current = pipe(
        client.subscription(LiveEventsDocument, { organizationId, after }),
        onEnd(() => {
          if (stopped) return;
          setInterrupted(true);
          failures += 1;
          retry = setTimeout(connect, Math.min(30_000, 1_000 * 2 ** Math.min(failures, 5)));
        }),
        subscribe((result) => {
          const event = result.data?.events;
          if (!event) return;
          failures = 0;
          setInterrupted(false);
          after = event.sequence;
          for (const listener of listeners.current) listener(event);
        }),
      );
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      current?.unsubscribe();
    };
  }, [client, organizationId]);

  const listen = useCallback((listener: Listener) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);
  const value = useMemo(() => ({ interrupted, listen }), [interrupted, listen]);
  return <LiveEventsContext.Provider value={value}>{children}</LiveEventsContext.Provider>;
}

function useLiveEvents(): LiveEventsValue {
  const live = useContext(LiveEventsContext);
  if (!live) throw new Error("useLiveEvents outside LiveEventsProvider");
  return live;
}

export function useLiveInterrupted(): boolean {
  return useLiveEvents().interrupted;
}

/**
 * Re-runs a query (from the network) shortly after events whose type starts
 * with one of `prefixes` (module-level constants; none means every event).
 * Bursts, such as an IdP pushing a group with its members, cause one refetch.
 */
export function useLiveRefetch(
  refetch: (opts: { requestPolicy: "network-only" }) => void,
  prefixes?: readonly string[],
): void {
  const { listen } = useLiveEvents();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = listen((event) => {
      if (prefixes && !prefixes.some((prefix) => event.type.startsWith(prefix))) return;
      clearTimeout(timer);
      timer = setTimeout(() => refetch({ requestPolicy: "network-only" }), 150);
    });
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [listen, refetch, prefixes]);
}
