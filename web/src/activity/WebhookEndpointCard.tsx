import { useState } from "react";
import { useMutation } from "urql";
import { graphql, getFragmentData, type FragmentType } from "../gql/index.ts";
import type { WebhookDeliveryStatus } from "../gql/graphql.ts";
import { Badge, type BadgeTone } from "../ui/Badge.tsx";
import { ConfirmDialog } from "../ui/ConfirmDialog.tsx";
import { Time } from "../ui/Time.tsx";
import { unwrap } from "../ui/mutationResult.ts";

export const WebhookEndpointCardFragment = graphql(`
  fragment WebhookEndpointCard_endpoint on WebhookEndpoint {
    id
    url
    eventTypes
    active
    createdAt
    deliveries(first: 10) {
      totalCount
      edges {
        node {
          id
          status
          attemptCount
          lastError
          updatedAt
          event {
            id
            type
            sequence
          }
          attempts {
            attemptedAt
            responseStatus
            error
          }
        }
      }
    }
  }
`);

const RedeliverDocument = graphql(`
  mutation RedeliverWebhookDelivery($input: RedeliverWebhookDeliveryInput!) {
    redeliverWebhookDelivery(input: $input) {
      __typename
      ... on RedeliverWebhookDeliveryPayload {
        webhookDelivery {
          id
          status
          attemptCount
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

const DeleteEndpointDocument = graphql(`
  mutation DeleteWebhookEndpoint($input: DeleteWebhookEndpointInput!) {
    deleteWebhookEndpoint(input: $input) {
      __typename
      ... on DeleteWebhookEndpointPayload {
        deletedWebhookEndpointId
      }
      ... on Error {
        message
      }
    }
  }
`);

const STATUS: Record<WebhookDeliveryStatus, { label: string; tone: BadgeTone }> = {
  PENDING: { label: "Pending", tone: "info" },
  SUCCEEDED: { label: "Delivered", tone: "success" },
  FAILED: { label: "Failed", tone: "danger" },
};

/** One endpoint with its latest deliveries, each redeliverable once finished. */
export function WebhookEndpointCard(props: {
  endpoint: FragmentType<typeof WebhookEndpointCardFragment>;
  onChanged: () => void;
}) {
  const endpoint = getFragmentData(WebhookEndpointCardFragment, props.endpoint);
  const [message, setMessage] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [redelivering, redeliver] = useMutation(RedeliverDocument);
  const [deleting, deleteEndpoint] = useMutation(DeleteEndpointDocument);

  async function redeliverOne(webhookDeliveryId: string) {
    setMessage(null);
    const result = await redeliver({ input: { webhookDeliveryId } });
    const outcome = unwrap(result.data?.redeliverWebhookDelivery, result.error, "RedeliverWebhookDeliveryPayload");
    if (!outcome.ok) setMessage(outcome.message);
    props.onChanged();
  }

  async function confirmDelete() {
    const result = await deleteEndpoint({ input: { webhookEndpointId: endpoint.id } });
    const outcome = unwrap(result.data?.deleteWebhookEndpoint, result.error, "DeleteWebhookEndpointPayload");
    if (!outcome.ok) {
      setMessage(outcome.message);
      return;
    }
    setConfirming(false);
    props.onChanged();
  }

  return (
    <article className="endpoint" aria-label={`Webhook endpoint ${endpoint.url}`}>
      <div className="card-header">
        <div>
          <h3 className="mono endpoint-url">{endpoint.url}</h3>
          <p className="muted small">
            {endpoint.eventTypes.length === 0 ? "All events" : endpoint.eventTypes.join(", ")} · added{" "}
            <Time iso={endpoint.createdAt} />
          </p>
        </div>
        <button type="button" className="button button-small" onClick={() => setConfirming(true)}>
          Delete endpoint
        </button>
      </div>
      {message && (
        <p className="form-error" role="alert">
          {message}
        </p>
      )}
      {endpoint.deliveries.edges.length === 0 ? (
        <p className="muted">No deliveries yet: events after this endpoint was added are sent here.</p>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label={`Deliveries to ${endpoint.url}`}>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Last response</th>
                <th scope="col">Updated</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {endpoint.deliveries.edges.map(({ node }) => {
                const last = node.attempts[node.attempts.length - 1];
                return (
                  <tr key={node.id}>
                    <th scope="row">
                      {node.event.type} <span className="muted small">#{node.event.sequence}</span>
                    </th>
                    <td>
                      <Badge tone={STATUS[node.status].tone}>{STATUS[node.status].label}</Badge>{" "}
                      <span className="muted small">
                        {node.attemptCount} {node.attemptCount === 1 ? "attempt" : "attempts"}
                      </span>
                    </td>
                    <td className="small">
                      {last ? (last.responseStatus ? `HTTP ${last.responseStatus}` : (last.error ?? "No response")) : "—"}
                    </td>
                    <td>
                      <Time iso={node.updatedAt} />
                    </td>
                    <td>
                      <button
                        type="button"
                        className="button button-small"
                        disabled={node.status === "PENDING" || redelivering.fetching}
                        aria-label={`Redeliver event ${node.event.sequence} to ${endpoint.url}`}
                        onClick={() => void redeliverOne(node.id)}
                      >
                        Redeliver
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {endpoint.deliveries.totalCount > endpoint.deliveries.edges.length && (
            <p className="hint">
              The latest {endpoint.deliveries.edges.length} of {endpoint.deliveries.totalCount} deliveries.
            </p>
          )}
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title="Delete this webhook endpoint?"
        confirmLabel="Delete endpoint"
        danger
        busy={deleting.fetching}
        onConfirm={confirmDelete}
        onCancel={() => setConfirming(false)}
      >
        <p>
          <span className="mono">{endpoint.url}</span> stops receiving events, and its delivery history is deleted.
        </p>
      </ConfirmDialog>
    </article>
  );
}
