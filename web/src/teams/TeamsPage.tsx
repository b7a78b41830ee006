import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { useQuery } from "urql";
import { graphql } from "../gql/index.ts";
import { useOrganization } from "../session/Session.tsx";
import { Pagination } from "../ui/Pagination.tsx";
import { EmptyState, ErrorState, Loading } from "../ui/States.tsx";
import { useListParams } from "../ui/listParams.ts";
import { CreateTeamDialog } from "./CreateTeamDialog.tsx";

const TeamsDocument = graphql(`
  query Teams($slug: String!, $first: Int, $after: String, $last: Int, $before: String) {
    organization(slug: $slug) {
      id
      teams(first: $first, after: $after, last: $last, before: $before) {
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
            name
            slug
            members {
              totalCount
            }
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

export function TeamsPage() {
  const organization = useOrganization();
  const navigate = useNavigate();
  const list = useListParams();
  const { search: _search, ...page } = list.variables;
  const [{ data, error, fetching }, refetch] = useQuery({
    query: TeamsDocument,
    variables: { slug: organization.slug, ...page },
  });
  const [creating, setCreating] = useState(false);
  const teams = data?.organization?.teams;

  return (
    <div className="page">
      <header className="page-header page-header-row">
        <div>
          <h1>Teams</h1>
          <p className="muted">Teams in {organization.name} and the IdP groups that fill them.</p>
        </div>
        <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
          Create team
        </button>
      </header>
      <section className="card" aria-label="Teams">
        {!data && fetching ? (
          <Loading label="Loading teams…" />
        ) : error && !data ? (
          <ErrorState error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />
        ) : !teams || teams.edges.length === 0 ? (
          <EmptyState title="No teams yet">
            <p>Create a team to group members; map IdP groups to it on the Directory Sync page.</p>
          </EmptyState>
        ) : (
          <>
            <div className="table-wrap">
              <table className="table" aria-label="Teams">
                <thead>
                  <tr>
                    <th scope="col">Team</th>
                    <th scope="col">Mapped IdP groups</th>
                    <th scope="col" className="num">
                      Members
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {teams.edges.map(({ node }) => (
                    <tr key={node.id}>
                      <th scope="row">
                        <Link to={`/settings/organization/teams/${encodeURIComponent(node.id)}`}>{node.name}</Link>
                        <div className="muted small">{node.slug}</div>
                      </th>
                      <td>
                        {node.groupMappings.length === 0 ? (
                          <span className="muted">None</span>
                        ) : (
                          <ul className="chips">
                            {node.groupMappings.map((m) => (
                              <li key={m.id} className="chip">
                                {m.groupName}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      <td className="num">{node.members.totalCount}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination label="Teams" connection={teams} list={list} />
          </>
        )}
      </section>
      <CreateTeamDialog
        open={creating}
        organizationId={organization.id}
        onClose={() => setCreating(false)}
        onCreated={(team) => navigate(`/settings/organization/teams/${encodeURIComponent(team.id)}`)}
      />
    </div>
  );
}
