import { createContext, useCallback, useContext, useState, type ReactNode } from "react";
import { Provider } from "urql";
import { createClient } from "../client.ts";

const ResetClient = createContext<() => void>(() => {});

/** Owns the urql client; signing out swaps in a fresh one so nothing cached outlives the session. */
export function ClientProvider({ children }: { children: ReactNode }) {
  const [client, setClient] = useState(createClient);
  const reset = useCallback(() => setClient(createClient()), []);
  return (
    <ResetClient.Provider value={reset}>
      <Provider value={client}>{children}</Provider>
    </ResetClient.Provider>
  );
}

export function useResetClient(): () => void {
  return useContext(ResetClient);
}
