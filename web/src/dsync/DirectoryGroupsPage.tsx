import { Link } from "react-router";
import { useQuery } from "urql";
import { graphql } from "../gql/index.ts";
import { useOrganization } from "../session/Session.tsx";
import { Pagination } from "../ui/Pagination.tsx";
import { SearchInput } from "../ui/SearchInput.tsx";
import { EmptyState, ErrorState, Loading } from "../ui/States.tsx";
import { Time } from "../ui/Time.tsx";
import { useListParams } from "../ui/listParams.ts";
import { DsyncPage } from "./DsyncPage.tsx";
import { useLiveRefetch } from "../live/LiveEvents.tsx";

// Events that change what this page shows.
const LIVE_TYPES = ["group."] as const;
const DirectoryGroupsDocument = graphql(`
  query DirectoryGroups($slug: String!, $search: String, $first: Int, $after: String, $last: Int, $before: String) {
    organization(slug: $slug) {
      id
      directories(first: 1) {
        edges {
          node {
            id
            groups(search: $search, first: $first, after: $after, last: $last, before: $before) {
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
                  displayName
                  memberCount
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

export function DirectoryGroupsPage() {
  const organization = useOrganization();
  const list = useListParams();
  const [{ data, error, fetching }, refetch] = useQuery({
    query: DirectoryGroupsDocument,
    variables: { slug: organization.slug, ...list.variables },
  });
  useLiveRefetch(refetch, LIVE_TYPES);
  const directory = data?.organization?.directories.edges[0]?.node;
  const groups = directory?.groups;

  return (
    <DsyncPage title="Groups" hasDirectory={data ? Boolean(directory) : undefined}>
      <SearchInput label="Search groups" placeholder="Search by group name" value={list.search} onSearch={list.setSearch} />
      {!data && fetching ? (
        <Loading label="Loading groups…" />
      ) : error && !data ? (
        <ErrorState error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />
      ) : !groups || groups.edges.length === 0 ? (
        <EmptyState title={list.search ? `No groups match “${list.search}”` : "No groups yet"}>
          {!list.search && <p>Groups appear here when your identity provider pushes them.</p>}
        </EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table" aria-label="Directory groups">
              <thead>
                <tr>
                  <th scope="col">Group</th>
                  <th scope="col" className="num">
                    Members
                  </th>
                  <th scope="col">Last sync</th>
                </tr>
              </thead>
              <tbody>
                {groups.edges.map(({ node }) => (
                  <tr key={node.id}>
                    <th scope="row">
                      <Link to={`/settings/organization/dsync/groups/${encodeURIComponent(node.id)}`}>{node.displayName}</Link>
                    </th>
                    <td className="num">{node.memberCount}</td>
                    <td>
                      <Time iso={node.updatedAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination label="Groups" connection={groups} list={list} />
        </>
      )}
    </DsyncPage>
  );
}
