import { Link, useParams } from "react-router";
import { useQuery } from "urql";
import { GrantReason } from "../dsync/GrantReason.tsx";
import { graphql } from "../gql/index.ts";
import { EmptyState, ErrorState, Loading } from "../ui/States.tsx";
import { Time } from "../ui/Time.tsx";
import { useLiveRefetch } from "../live/LiveEvents.tsx";

// Events that change what this page shows.
const LIVE_TYPES = ["team.", "group_mapping."] as const;
const TeamDetailDocument = graphql(`
  query TeamDetail($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Team {
        name
        slug
        groupMappings {
          id
          groupName
        }
        members(first: 100) {
          totalCount
          edges {
            node {
              id
              createdAt
              user {
                id
                email
                displayName
              }
              grants {
                source
                directoryGroup {
                  id
                  displayName
                }
              }
            }
          }
        }
      }
    }
  }
`);

export function TeamDetailPage() {
  const { id = "" } = useParams();
  const [{ data, error, fetching }, refetch] = useQuery({ query: TeamDetailDocument, variables: { id } });
  useLiveRefetch(refetch, LIVE_TYPES);
  const team = data?.node?.__typename === "Team" ? data.node : null;

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/settings/organization/teams">← Teams</Link>
      </p>
      {!data && fetching ? (
        <Loading label="Loading team…" />
      ) : error && !data ? (
        <ErrorState error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />
      ) : !team ? (
        <EmptyState title="Team not found" />
      ) : (
        <>
          <header className="page-header">
            <h1>{team.name}</h1>
            <p className="muted">
              {team.members.totalCount} {team.members.totalCount === 1 ? "member" : "members"} · mapped IdP groups:{" "}
              {team.groupMappings.length === 0 ? "none" : team.groupMappings.map((m) => m.groupName).join(", ")} ·{" "}
              <Link to="/settings/organization/dsync">Edit mapping</Link>
            </p>
          </header>
          <section className="card" aria-labelledby="team-members-title">
            <h2 id="team-members-title">Members</h2>
            {team.members.edges.length === 0 ? (
              <EmptyState title="No members yet">
                <p>Map an IdP group to this team and its members join when the IdP pushes the group.</p>
              </EmptyState>
            ) : (
              <div className="table-wrap">
                <table className="table" aria-label={`Members of ${team.name}`}>
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Why</th>
                      <th scope="col">Since</th>
                    </tr>
                  </thead>
                  <tbody>
                    {team.members.edges.map(({ node }) => (
                      <tr key={node.id}>
                        <th scope="row">
                          {node.user.displayName}
                          <div className="muted small">{node.user.email}</div>
                        </th>
                        <td>
                          <ul className="plain-list">
                            {node.grants.map((grant, index) => (
                              <li key={index}>
                                <GrantReason source={grant.source} directoryGroup={grant.directoryGroup} />
                              </li>
                            ))}
                          </ul>
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
            {team.members.totalCount > team.members.edges.length && (
              <p className="hint">Showing the first {team.members.edges.length} members.</p>
            )}
          </section>
        </>
      )}
    </div>
  );
}
