import { useState } from "react";
import { useQuery } from "urql";
import { graphql } from "../gql/index.ts";
import { useOrganization } from "../session/Session.tsx";
import { EmptyState, ErrorState, Loading } from "../ui/States.tsx";
import { ConfigureDirectoryForm } from "./ConfigureDirectoryForm.tsx";
import { DangerZone } from "./DangerZone.tsx";
import { DirectoryConnection } from "./DirectoryConnection.tsx";
import { DsyncTabs } from "./DsyncTabs.tsx";
import { TeamMapping } from "./TeamMapping.tsx";

const DirectorySyncPageDocument = graphql(`
  query DirectorySyncPage($slug: String!) {
    organization(slug: $slug) {
      id
      directories(first: 1) {
        edges {
          node {
            id
            name
            ...DirectoryConnection_directory
          }
        }
      }
    }
  }
`);

/** /settings/organization/dsync: configure the organization's directory and map its groups to teams. */
export function DirectorySyncPage() {
  const organization = useOrganization();
  const [{ data, error, fetching }, refetch] = useQuery({
    query: DirectorySyncPageDocument,
    variables: { slug: organization.slug },
  });
  const [configuring, setConfiguring] = useState(false);
  // The token exists in the browser only between its issue and leaving this page.
  const [issued, setIssued] = useState<{ directoryId: string; token: string } | null>(null);
  const reload = () => refetch({ requestPolicy: "network-only" });
  const directory = data?.organization?.directories.edges[0]?.node;

  let body;
  if (!data && fetching) body = <Loading label="Loading Directory Sync…" />;
  else if (error && !data) body = <ErrorState error={error} onRetry={reload} />;
  else if (!data?.organization) body = <ErrorState error="This organization is not available to you." />;
  else if (!directory) {
    body = configuring ? (
      <ConfigureDirectoryForm
        organizationId={data.organization.id}
        onCancel={() => setConfiguring(false)}
        onCreated={(directoryId, token) => {
          setIssued({ directoryId, token });
          setConfiguring(false);
          reload();
        }}
      />
    ) : (
      <EmptyState title="Directory Sync is not configured">
        <p>Connect Okta, Microsoft Entra ID, OneLogin, JumpCloud or any SCIM 2.0 identity provider to keep members and teams in sync.</p>
        <button type="button" className="button button-primary" onClick={() => setConfiguring(true)}>
          Configure
        </button>
      </EmptyState>
    );
  } else {
    body = (
      <>
        <DirectoryConnection
          directory={directory}
          freshToken={issued?.directoryId === directory.id ? issued.token : null}
          onToken={(token) => setIssued({ directoryId: directory.id, token })}
        />
        <TeamMapping />
        <DangerZone
          directoryId={directory.id}
          directoryName={directory.name}
          onDeleted={() => {
            setIssued(null);
            reload();
          }}
        />
      </>
    );
  }

  return (
    <div className="page">
      <header className="page-header">
        <h1>Directory Sync</h1>
        <p className="muted">Provision members and teams from your identity provider over SCIM 2.0.</p>
      </header>
      {directory && <DsyncTabs />}
      {body}
    </div>
  );
}
