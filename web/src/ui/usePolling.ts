import { useEffect } from "react";

/**
 * Re-runs a query every `ms` while the tab is visible, so IdP pushes show up
 * without a reload. (The ask is "network-only": the document cache would
 * otherwise answer from memory.)
 */
export function usePolling(refetch: (opts: { requestPolicy: "network-only" }) => void, ms: number, enabled = true) {
  useEffect(() => {
    if (!enabled) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") refetch({ requestPolicy: "network-only" });
    }, ms);
    return () => clearInterval(timer);
  }, [refetch, ms, enabled]);
}
