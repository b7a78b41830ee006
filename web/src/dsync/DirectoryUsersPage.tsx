import { Link } from "react-router";
import { useQuery } from "urql";
import { graphql } from "../gql/index.ts";
import { useOrganization } from "../session/Session.tsx";
import { ActiveBadge } from "../ui/Badge.tsx";
import { Pagination } from "../ui/Pagination.tsx";
import { SearchInput } from "../ui/SearchInput.tsx";
import { EmptyState, ErrorState, Loading } from "../ui/States.tsx";
import { Time } from "../ui/Time.tsx";
import { useListParams } from "../ui/listParams.ts";
import { DsyncPage } from "./DsyncPage.tsx";
import { useLiveRefetch } from "../live/LiveEvents.tsx";

// Events that change what this page shows.
const LIVE_TYPES = ["user.", "group."] as const;
const DirectoryUsersDocument = graphql(`
  query DirectoryUsers($slug: String!, $search: String, $first: Int, $after: String, $last: Int, $before: String) {
    organization(slug: $slug) {
      id
      directories(first: 1) {
        edges {
          node {
            id
            users(search: $search, first: $first, after: $after, last: $last, before: $before) {
              totalCount
              pageInfo {
                hasNextPage
                hasPreviousPage
                startCursor
                endCursor
              }
              edges {
                node {
                  id
                  userName
                  displayName
                  email
                  active
                  updatedAt
                }
              }
            }
          }
        }
      }
    }
  }
`);

export function DirectoryUsersPage() {
  const organization = useOrganization();
  const list = useListParams();
  const [{ data, error, fetching }, refetch] = useQuery({
    query: DirectoryUsersDocument,
    variables: { slug: organization.slug, ...list.variables },
  });
  useLiveRefetch(refetch, LIVE_TYPES);
  const directory = data?.organization?.directories.edges[0]?.node;
  const users = directory?.users;

  return (
    <DsyncPage title="Users" hasDirectory={data ? Boolean(directory) : undefined}>
      <SearchInput label="Search users" placeholder="Search by user name, email or name" value={list.search} onSearch={list.setSearch} />
      {!data && fetching ? (
        <Loading label="Loading users…" />
      ) : error && !data ? (
        <ErrorState error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />
      ) : !users || users.edges.length === 0 ? (
        <EmptyState title={list.search ? `No users match “${list.search}”` : "No users yet"}>
          {!list.search && <p>Users appear here as soon as your identity provider pushes them.</p>}
        </EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table" aria-label="Directory users">
              <thead>
                <tr>
                  <th scope="col">User</th>
                  <th scope="col">Email</th>
                  <th scope="col">Status</th>
                  <th scope="col">Last sync</th>
                </tr>
              </thead>
              <tbody>
                {users.edges.map(({ node }) => (
                  <tr key={node.id}>
                    <th scope="row">
                      <Link to={`/settings/organization/dsync/users/${encodeURIComponent(node.id)}`}>
                        {node.displayName ?? node.userName}
                      </Link>
                      {node.displayName && <div className="muted small">{node.userName}</div>}
                    </th>
                    <td>{node.email ?? <span className="muted">—</span>}</td>
                    <td>
                      <ActiveBadge active={node.active} />
                    </td>
                    <td>
                      <Time iso={node.updatedAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination label="Users" connection={users} list={list} />
        </>
      )}
    </DsyncPage>
  );
}
