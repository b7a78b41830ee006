import { useState } from "react";
import { useQuery } from "urql";
import { graphql } from "../gql/index.ts";
import { useOrganization } from "../session/Session.tsx";
import { CreateTeamDialog } from "../teams/CreateTeamDialog.tsx";
import { EmptyState, ErrorState, Loading } from "../ui/States.tsx";
import { TeamMappingRow } from "./TeamMappingRow.tsx";
import { useLiveRefetch } from "../live/LiveEvents.tsx";

// Events that change what this page shows.
const LIVE_TYPES = ["team.", "group_mapping.", "group."] as const;
const TEAM_LIMIT = 100;
// Constant: urql restarts a query whose context object changes between renders.
const CONTEXT = { additionalTypenames: ["GroupMapping", "Team"] };

const TeamMappingDocument = graphql(`
  query TeamMapping($slug: String!, $first: Int!) {
    organization(slug: $slug) {
      id
      teams(first: $first) {
        totalCount
        edges {
          node {
            id
            ...TeamMappingRow_team
          }
        }
      }
    }
  }
`);

/** Teams with the IdP group names that feed them. */
export function TeamMapping() {
  const organization = useOrganization();
  const [{ data, error, fetching }, refetch] = useQuery({
    query: TeamMappingDocument,
    variables: { slug: organization.slug, first: TEAM_LIMIT },
    context: CONTEXT,
  });
  useLiveRefetch(refetch, LIVE_TYPES);
  const [creating, setCreating] = useState(false);
  const teams = data?.organization?.teams;

  return (
    <section className="card" aria-labelledby="team-mapping-title">
      <div className="card-header">
        <div>
          <h2 id="team-mapping-title">Team mapping</h2>
          <p className="muted">
            Members of a mapped IdP group join the team. The group name must match the IdP's group name exactly,
            including case and spaces.
          </p>
        </div>
        <button type="button" className="button" onClick={() => setCreating(true)}>
          Create team
        </button>
      </div>
      {!data && fetching ? (
        <Loading label="Loading teams…" />
      ) : error && !data ? (
        <ErrorState error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />
      ) : !teams || teams.edges.length === 0 ? (
        <EmptyState title="No teams yet">
          <p>Create a team, then add the IdP group names whose members should be in it.</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
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
                <TeamMappingRow key={node.id} team={node} />
              ))}
            </tbody>
          </table>
          {teams.totalCount > TEAM_LIMIT && (
            <p className="hint">
              Showing the first {TEAM_LIMIT} of {teams.totalCount} teams by name.
            </p>
          )}
        </div>
      )}
      <CreateTeamDialog
        open={creating}
        organizationId={organization.id}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          refetch({ requestPolicy: "network-only" });
        }}
      />
    </section>
  );
}
