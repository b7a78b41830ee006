import { Navigate, Outlet, useLocation } from "react-router";
import { LiveEventsProvider } from "../live/LiveEvents.tsx";
import { useSession } from "../session/Session.tsx";
import { EmptyState, ErrorState, Loading } from "../ui/States.tsx";
import { AppLayout } from "./AppLayout.tsx";

/** Everything but the sign-in page: needs a signed-in admin with at least one organization. */
export function RequireSignIn() {
  const { viewer, error, organization, refresh } = useSession();
  const location = useLocation();
  if (viewer === undefined) {
    return <main className="page-center">{error ? <ErrorState error={error} onRetry={refresh} /> : <Loading />}</main>;
  }
  if (viewer === null) return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  return (
    <AppLayout>
      {organization ? (
        <LiveEventsProvider organizationId={organization.id}>
          <Outlet />
        </LiveEventsProvider>
      ) : (
        <EmptyState title="No organization yet">
          <p>You are not an owner or admin of any organization. Ask an operator to add you to one.</p>
        </EmptyState>
      )}
    </AppLayout>
  );
}
