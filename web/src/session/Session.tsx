import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { useQuery } from "urql";
import { graphql } from "../gql/index.ts";
import type { ViewerQuery } from "../gql/graphql.ts";
import { useResetClient } from "./ClientProvider.tsx";

const ViewerDocument = graphql(`
  query Viewer {
    viewer {
      user {
        id
        email
        displayName
      }
      organizations {
        id
        slug
        name
      }
    }
  }
`);

type Viewer = NonNullable<ViewerQuery["viewer"]>;
export type CurrentOrganization = Viewer["organizations"][number];

interface SessionValue {
  /** undefined while the first answer is pending; null when nobody is signed in. */
  viewer: Viewer | null | undefined;
  error: Error | undefined;
  organization: CurrentOrganization | null;
  selectOrganization(slug: string): void;
  refresh(): void;
  signIn(email: string, password: string): Promise<"ok" | "invalid" | "failed">;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);
const ORGANIZATION_KEY = "roster.organization";

export function SessionProvider({ children }: { children: ReactNode }) {
  const [{ data, error }, reexecute] = useQuery({ query: ViewerDocument });
  const resetClient = useResetClient();
  const [selected, setSelected] = useState(() => localStorage.getItem(ORGANIZATION_KEY));
  const refresh = useCallback(() => reexecute({ requestPolicy: "network-only" }), [reexecute]);

  const value = useMemo<SessionValue>(() => {
    const viewer = data ? data.viewer : undefined;
    const organizations = viewer?.organizations ?? [];
    return {
      viewer,
      error,
      organization: organizations.find((o) => o.slug === selected) ?? organizations[0] ?? null,
      selectOrganization(slug) {
        localStorage.setItem(ORGANIZATION_KEY, slug);
        setSelected(slug);
      },
      refresh,
      async signIn(email, password) {
        const response = await fetch("/auth/sign-in", {
          method: "POST",
          headers: { "content-type": "application/json" },
          credentials: "same-origin",
          body: JSON.stringify({ email, password }),
        });
        if (response.status === 401 || response.status === 400) return "invalid";
        if (!response.ok) return "failed";
        refresh();
        return "ok";
      },
      async signOut() {
        await fetch("/auth/sign-out", { method: "POST", credentials: "same-origin" });
        resetClient();
      },
    };
  }, [data, error, selected, refresh, resetClient]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside SessionProvider");
  return session;
}

/** The organization the signed-in admin is working in; pages under the app layout always have one. */
export function useOrganization(): CurrentOrganization {
  const { organization } = useSession();
  if (!organization) throw new Error("useOrganization without an organization");
  return organization;
}
