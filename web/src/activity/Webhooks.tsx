import { useQuery } from "urql";
import { graphql } from "../gql/index.ts";
import { useLiveRefetch } from "../live/LiveEvents.tsx";
import { useOrganization } from "../session/Session.tsx";
import { EmptyState, ErrorState, Loading } from "../ui/States.tsx";
import { usePolling } from "../ui/usePolling.ts";
import { AddWebhookEndpointForm } from "./AddWebhookEndpointForm.tsx";
import { WebhookEndpointCard } from "./WebhookEndpointCard.tsx";

const WebhooksDocument = graphql(`
  query Webhooks($slug: String!) {
    organization(slug: $slug) {
      id
      webhookEndpoints {
        id
        ...WebhookEndpointCard_endpoint
      }
    }
  }
`);

export function Webhooks() {
  const organization = useOrganization();
  const [{ data, error, fetching }, refetch] = useQuery({
    query: WebhooksDocument,
    variables: { slug: organization.slug },
  });
  // New events add deliveries; attempts change their status without an event, hence the polling too.
  useLiveRefetch(refetch);
  usePolling(refetch, 3000);
  const reload = () => refetch({ requestPolicy: "network-only" });
  const endpoints = data?.organization?.webhookEndpoints;

  return (
    <section className="card" aria-labelledby="webhooks-title">
      <div>
        <h2 id="webhooks-title">Webhooks</h2>
        <p className="muted">
          Roster POSTs each event to every endpoint, signed with the endpoint's secret, in order and at least once.
        </p>
      </div>
      {!data && fetching ? (
        <Loading label="Loading webhook endpoints…" />
      ) : error && !data ? (
        <ErrorState error={error} onRetry={reload} />
      ) : !endpoints || endpoints.length === 0 ? (
        <EmptyState title="No webhook endpoints">
          <p>Add one below to receive events as they happen.</p>
        </EmptyState>
      ) : (
        endpoints.map((endpoint) => <WebhookEndpointCard key={endpoint.id} endpoint={endpoint} onChanged={reload} />)
      )}
      <AddWebhookEndpointForm organizationId={organization.id} onCreated={reload} />
    </section>
  );
}
