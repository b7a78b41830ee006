import { useEffect } from "react";

/**
 * Re-runs a query every `ms` while the tab is visible, for state that changes
 * without an event to announce it (webhook delivery attempts). "network-only":
 * the document cache would otherwise answer from memory.
 */
export function usePolling(refetch: (opts: { requestPolicy: "network-only" }) => void, ms: number) {
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") refetch({ requestPolicy: "network-only" });
    }, ms);
    return () => clearInterval(timer);
  }, [refetch, ms]);
}
