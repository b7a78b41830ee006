import { useSearchParams } from "react-router";
import { useQuery } from "urql";
import { graphql } from "../gql/index.ts";
import { useLiveInterrupted, useLiveRefetch } from "../live/LiveEvents.tsx";
import { useOrganization } from "../session/Session.tsx";
import { Badge, type BadgeTone } from "../ui/Badge.tsx";
import { JsonView } from "../ui/JsonView.tsx";
import { EmptyState, ErrorState, Loading } from "../ui/States.tsx";
import { Time } from "../ui/Time.tsx";
import { eventSummary } from "./eventSummary.ts";

const PAGE_SIZE = 50;

const EventLogDocument = graphql(`
  query EventLog($slug: String!, $last: Int!, $before: String) {
    organization(slug: $slug) {
      id
      events(last: $last, before: $before) {
        pageInfo {
          hasPreviousPage
          startCursor
        }
        edges {
          node {
            id
            sequence
            type
            createdAt
            payload
          }
        }
      }
    }
  }
`);

function tone(type: string): BadgeTone {
  if (/(deleted|deactivated|removed)$/.test(type)) return "warning";
  if (/(created|added|reactivated)$/.test(type)) return "success";
  return "info";
}

/** The organization's event log, newest first; the latest page follows the live stream. */
export function EventLog() {
  const organization = useOrganization();
  const [params, setParams] = useSearchParams();
  const before = params.get("before");
  const [{ data, error, fetching }, refetch] = useQuery({
    query: EventLogDocument,
    variables: { slug: organization.slug, last: PAGE_SIZE, before },
  });
  useLiveRefetch(refetch);
  const interrupted = useLiveInterrupted();
  const events = data?.organization?.events;
  const rows = events ? [...events.edges].reverse() : [];

  return (
    <section className="card" aria-labelledby="event-log-title">
      <div className="card-header">
        <div>
          <h2 id="event-log-title">Event log</h2>
          <p className="muted">Every change Roster made, in order. New events appear as they happen.</p>
        </div>
        <span role="status">
          {before ? <Badge>Older events</Badge> : interrupted ? <Badge tone="warning">Reconnecting…</Badge> : <Badge tone="success">Live</Badge>}
        </span>
      </div>
      {!data && fetching ? (
        <Loading label="Loading events…" />
      ) : error && !data ? (
        <ErrorState error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />
      ) : rows.length === 0 ? (
        <EmptyState title="No events yet">
          <p>Configuring Directory Sync, IdP pushes and team changes all show up here.</p>
        </EmptyState>
      ) : (
        <>
          <ol className="event-list" aria-label="Events, newest first">
            {rows.map(({ node }) => (
              <li key={node.id} className="event">
                <div className="event-line">
                  <Badge tone={tone(node.type)}>{node.type}</Badge>
                  <span className="event-summary">{eventSummary(node.payload)}</span>
                  <span className="muted small event-meta">
                    #{node.sequence} · <Time iso={node.createdAt} />
                  </span>
                </div>
                <details>
                  <summary>Payload</summary>
                  <JsonView value={node.payload} label={`Payload of event ${node.sequence}`} />
                </details>
              </li>
            ))}
          </ol>
          <nav className="pagination" aria-label="Event pages">
            <span />
            <div className="pagination-buttons">
              <button type="button" className="button button-small" disabled={!before} onClick={() => setParams({})}>
                Latest
              </button>
              <button
                type="button"
                className="button button-small"
                disabled={!events?.pageInfo.hasPreviousPage || !events.pageInfo.startCursor}
                onClick={() => events?.pageInfo.startCursor && setParams({ before: events.pageInfo.startCursor })}
              >
                Older
              </button>
            </div>
          </nav>
        </>
      )}
    </section>
  );
}
