import { Link, useParams } from "react-router";
import { useQuery } from "urql";
import { graphql } from "../gql/index.ts";
import { useOrganization } from "../session/Session.tsx";
import { ActiveBadge } from "../ui/Badge.tsx";
import { JsonView } from "../ui/JsonView.tsx";
import { EmptyState, ErrorState, Loading } from "../ui/States.tsx";
import { Time } from "../ui/Time.tsx";
import { useLiveRefetch } from "../live/LiveEvents.tsx";

// Events that change what this page shows.
const LIVE_TYPES = ["group.", "group_mapping.", "user."] as const;
const DirectoryGroupDetailDocument = graphql(`
  query DirectoryGroupDetail($id: ID!, $slug: String!) {
    node(id: $id) {
      __typename
      id
      ... on DirectoryGroup {
        displayName
        scimId
        externalId
        memberCount
        createdAt
        updatedAt
        attributes
        members(first: 100) {
          totalCount
          edges {
            node {
              createdAt
              user {
                id
                userName
                displayName
                email
                active
              }
            }
          }
        }
      }
    }
    organization(slug: $slug) {
      id
      teams(first: 100) {
        edges {
          node {
            id
            name
            groupMappings {
              id
              groupName
            }
          }
        }
      }
    }
  }
`);

export function DirectoryGroupDetailPage() {
  const { id = "" } = useParams();
  const organization = useOrganization();
  const [{ data, error, fetching }, refetch] = useQuery({
    query: DirectoryGroupDetailDocument,
    variables: { id, slug: organization.slug },
  });
  useLiveRefetch(refetch, LIVE_TYPES);
  const group = data?.node?.__typename === "DirectoryGroup" ? data.node : null;
  // Mapping is by exact name, as the sync itself matches.
  const mappedTeams =
    group && data?.organization
      ? data.organization.teams.edges
          .map((e) => e.node)
          .filter((team) => team.groupMappings.some((m) => m.groupName === group.displayName))
      : [];

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/settings/organization/dsync/groups">← Directory groups</Link>
      </p>
      {!data && fetching ? (
        <Loading label="Loading group…" />
      ) : error && !data ? (
        <ErrorState error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />
      ) : !group ? (
        <EmptyState title="Group not found">
          <p>It may have been deleted by your identity provider.</p>
        </EmptyState>
      ) : (
        <>
          <header className="page-header">
            <h1>{group.displayName}</h1>
            <p className="muted">
              {group.memberCount} {group.memberCount === 1 ? "member" : "members"} · last sync <Time iso={group.updatedAt} />
            </p>
          </header>
          <section className="card" aria-labelledby="group-teams-title">
            <h2 id="group-teams-title">Mapped teams</h2>
            {mappedTeams.length === 0 ? (
              <p className="muted">
                No team maps “{group.displayName}”. Add it on a team in <Link to="/settings/organization/dsync">Team mapping</Link>.
              </p>
            ) : (
              <ul className="plain-list">
                {mappedTeams.map((team) => (
                  <li key={team.id}>
                    <Link to={`/settings/organization/teams/${encodeURIComponent(team.id)}`}>{team.name}</Link>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="card" aria-labelledby="group-members-title">
            <h2 id="group-members-title">Members ({group.members.totalCount})</h2>
            {group.members.edges.length === 0 ? (
              <p className="muted">No members.</p>
            ) : (
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">User</th>
                      <th scope="col">Email</th>
                      <th scope="col">Status</th>
                      <th scope="col">Added</th>
                    </tr>
                  </thead>
                  <tbody>
                    {group.members.edges.map(({ node }) => (
                      <tr key={node.user.id}>
                        <th scope="row">
                          <Link to={`/settings/organization/dsync/users/${encodeURIComponent(node.user.id)}`}>
                            {node.user.displayName ?? node.user.userName}
                          </Link>
                        </th>
                        <td>{node.user.email ?? "—"}</td>
                        <td>
                          <ActiveBadge active={node.user.active} />
                        </td>
                        <td>
                          <Time iso={node.createdAt} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {group.members.totalCount > group.members.edges.length && (
              <p className="hint">Showing the first {group.members.edges.length} members.</p>
            )}
          </section>
          <section className="card" aria-labelledby="group-details-title">
            <h2 id="group-details-title">Details</h2>
            <dl className="details">
              <dt>SCIM id</dt>
              <dd className="mono">{group.scimId}</dd>
              <dt>External id</dt>
              <dd className="mono">{group.externalId ?? "—"}</dd>
              <dt>First synced</dt>
              <dd>
                <Time iso={group.createdAt} />
              </dd>
            </dl>
            <h3>SCIM attributes</h3>
            <JsonView value={group.attributes} label="Raw SCIM attributes" />
          </section>
        </>
      )}
    </div>
  );
}
