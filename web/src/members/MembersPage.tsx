import { useQuery } from "urql";
import { graphql } from "../gql/index.ts";
import type { MembershipRole } from "../gql/graphql.ts";
import { useOrganization } from "../session/Session.tsx";
import { Badge } from "../ui/Badge.tsx";
import { Pagination } from "../ui/Pagination.tsx";
import { EmptyState, ErrorState, Loading } from "../ui/States.tsx";
import { Time } from "../ui/Time.tsx";
import { useListParams } from "../ui/listParams.ts";
import { useLiveRefetch } from "../live/LiveEvents.tsx";

const MembersDocument = graphql(`
  query Members($slug: String!, $first: Int, $after: String, $last: Int, $before: String) {
    organization(slug: $slug) {
      id
      members(first: $first, after: $after, last: $last, before: $before) {
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
            role
            status
            source
            createdAt
            directory {
              id
              name
            }
            user {
              id
              email
              displayName
            }
          }
        }
      }
    }
  }
`);

// Events that change what this page shows.
const LIVE_TYPES = ["membership.", "user."] as const;

const ROLE_LABEL: Record<MembershipRole, string> = { OWNER: "Owner", ADMIN: "Admin", MEMBER: "Member" };

export function MembersPage() {
  const organization = useOrganization();
  const list = useListParams();
  const { search: _search, ...page } = list.variables;
  const [{ data, error, fetching }, refetch] = useQuery({
    query: MembersDocument,
    variables: { slug: organization.slug, ...page },
  });
  useLiveRefetch(refetch, LIVE_TYPES);
  const members = data?.organization?.members;

  return (
    <div className="page">
      <header className="page-header">
        <h1>Members</h1>
        <p className="muted">People in {organization.name}, added by hand or provisioned by a directory.</p>
      </header>
      <section className="card" aria-label="Members">
        {!data && fetching ? (
          <Loading label="Loading members…" />
        ) : error && !data ? (
          <ErrorState error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />
        ) : !members || members.edges.length === 0 ? (
          <EmptyState title="No members yet" />
        ) : (
          <>
            <div className="table-wrap">
              <table className="table" aria-label="Organization members">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Role</th>
                    <th scope="col">Status</th>
                    <th scope="col">Source</th>
                    <th scope="col">Joined</th>
                  </tr>
                </thead>
                <tbody>
                  {members.edges.map(({ node }) => (
                    <tr key={node.id}>
                      <th scope="row">
                        {node.user.displayName}
                        <div className="muted small">{node.user.email}</div>
                      </th>
                      <td>{ROLE_LABEL[node.role]}</td>
                      <td>
                        <Badge tone={node.status === "ACTIVE" ? "success" : "neutral"}>
                          {node.status === "ACTIVE" ? "Active" : "Deactivated"}
                        </Badge>
                      </td>
                      <td>
                        {node.source === "DIRECTORY" ? (
                          <Badge tone="info">Directory{node.directory ? `: ${node.directory.name}` : ""}</Badge>
                        ) : (
                          <Badge>Manual</Badge>
                        )}
                      </td>
                      <td>
                        <Time iso={node.createdAt} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination label="Members" connection={members} list={list} />
          </>
        )}
      </section>
    </div>
  );
}
