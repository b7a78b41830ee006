import { Link, useParams } from "react-router";
import { useQuery } from "urql";
import { graphql } from "../gql/index.ts";
import { ActiveBadge } from "../ui/Badge.tsx";
import { JsonView } from "../ui/JsonView.tsx";
import { EmptyState, ErrorState, Loading } from "../ui/States.tsx";
import { Time } from "../ui/Time.tsx";
import { GrantReason } from "./GrantReason.tsx";
import { useLiveRefetch } from "../live/LiveEvents.tsx";

// Events that change what this page shows.
const LIVE_TYPES = ["user.", "group.", "team."] as const;
const DirectoryUserDetailDocument = graphql(`
  query DirectoryUserDetail($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on DirectoryUser {
        userName
        displayName
        givenName
        familyName
        email
        externalId
        scimId
        active
        createdAt
        updatedAt
        attributes
        user {
          id
          email
          displayName
        }
        groups(first: 100) {
          totalCount
          edges {
            node {
              createdAt
              group {
                id
                displayName
              }
            }
          }
        }
        teamMemberships {
          id
          team {
            id
            name
          }
          grants {
            source
            createdAt
            directoryGroup {
              id
              displayName
            }
          }
        }
      }
    }
  }
`);

export function DirectoryUserDetailPage() {
  const { id = "" } = useParams();
  const [{ data, error, fetching }, refetch] = useQuery({ query: DirectoryUserDetailDocument, variables: { id } });
  useLiveRefetch(refetch, LIVE_TYPES);
  const user = data?.node?.__typename === "DirectoryUser" ? data.node : null;

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/settings/organization/dsync/users">← Directory users</Link>
      </p>
      {!data && fetching ? (
        <Loading label="Loading user…" />
      ) : error && !data ? (
        <ErrorState error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />
      ) : !user ? (
        <EmptyState title="User not found">
          <p>It may have been deleted by your identity provider.</p>
        </EmptyState>
      ) : (
        <>
          <header className="page-header">
            <h1>{user.displayName ?? user.userName}</h1>
            <p className="muted">
              <ActiveBadge active={user.active} /> · last sync <Time iso={user.updatedAt} />
            </p>
          </header>
          <section className="card" aria-labelledby="user-profile-title">
            <h2 id="user-profile-title">Profile</h2>
            <dl className="details">
              <dt>User name</dt>
              <dd>{user.userName}</dd>
              <dt>Email</dt>
              <dd>{user.email ?? "—"}</dd>
              <dt>Given name</dt>
              <dd>{user.givenName ?? "—"}</dd>
              <dt>Family name</dt>
              <dd>{user.familyName ?? "—"}</dd>
              <dt>SCIM id</dt>
              <dd className="mono">{user.scimId}</dd>
              <dt>External id</dt>
              <dd className="mono">{user.externalId ?? "—"}</dd>
              <dt>Roster member</dt>
              <dd>{user.user ? `${user.user.displayName} (${user.user.email})` : "Not linked"}</dd>
              <dt>First synced</dt>
              <dd>
                <Time iso={user.createdAt} />
              </dd>
            </dl>
          </section>
          <section className="card" aria-labelledby="user-teams-title">
            <h2 id="user-teams-title">Teams</h2>
            {user.teamMemberships.length === 0 ? (
              <p className="muted">Not in any team. Map one of this user's IdP groups to a team to add them.</p>
            ) : (
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">Team</th>
                      <th scope="col">Why</th>
                    </tr>
                  </thead>
                  <tbody>
                    {user.teamMemberships.map((membership) => (
                      <tr key={membership.id}>
                        <th scope="row">
                          <Link to={`/settings/organization/teams/${encodeURIComponent(membership.team.id)}`}>{membership.team.name}</Link>
                        </th>
                        <td>
                          <ul className="plain-list">
                            {membership.grants.map((grant, index) => (
                              <li key={index}>
                                <GrantReason source={grant.source} directoryGroup={grant.directoryGroup} />
                              </li>
                            ))}
                          </ul>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <section className="card" aria-labelledby="user-groups-title">
            <h2 id="user-groups-title">IdP groups ({user.groups.totalCount})</h2>
            {user.groups.edges.length === 0 ? (
              <p className="muted">In no group.</p>
            ) : (
              <ul className="plain-list">
                {user.groups.edges.map(({ node }) => (
                  <li key={node.group.id}>
                    <Link to={`/settings/organization/dsync/groups/${encodeURIComponent(node.group.id)}`}>{node.group.displayName}</Link>{" "}
                    <span className="muted small">
                      since <Time iso={node.createdAt} />
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="card" aria-labelledby="user-attributes-title">
            <h2 id="user-attributes-title">SCIM attributes</h2>
            <JsonView value={user.attributes} label="Raw SCIM attributes" />
          </section>
        </>
      )}
    </div>
  );
}
