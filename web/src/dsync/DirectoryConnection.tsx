import { graphql, getFragmentData, type FragmentType } from "../gql/index.ts";
import { Badge } from "../ui/Badge.tsx";
import { CopyButton } from "../ui/CopyButton.tsx";
import { Time } from "../ui/Time.tsx";
import { providerInfo } from "./providers.ts";
import { ProviderSetupSteps } from "./ProviderSetupSteps.tsx";
import { TokenField } from "./TokenField.tsx";

export const DirectoryConnectionFragment = graphql(`
  fragment DirectoryConnection_directory on Directory {
    id
    name
    provider
    active
    scimBaseUrl
    tokenPrefix
    tokenCreatedAt
    tokenRotatedAt
    createdAt
  }
`);

/** What the admin pastes into the IdP, and how. */
export function DirectoryConnection(props: {
  directory: FragmentType<typeof DirectoryConnectionFragment>;
  freshToken: string | null;
  onToken: (token: string) => void;
}) {
  const directory = getFragmentData(DirectoryConnectionFragment, props.directory);
  const provider = providerInfo(directory.provider);
  return (
    <>
      <section className="card" aria-labelledby="connection-title">
        <div className="card-header">
          <div>
            <h2 id="connection-title">{directory.name}</h2>
            <p className="muted">
              {provider.label} · configured <Time iso={directory.createdAt} />
            </p>
          </div>
          <Badge tone={directory.active ? "success" : "neutral"}>{directory.active ? "Active" : "Inactive"}</Badge>
        </div>
        <div className="field">
          <label htmlFor="scim-base-url">SCIM Base URL</label>
          <div className="copy-row">
            <input id="scim-base-url" className="input input-mono" readOnly value={directory.scimBaseUrl} onFocus={(e) => e.target.select()} />
            <CopyButton value={directory.scimBaseUrl} label="Copy SCIM Base URL" />
          </div>
        </div>
        <TokenField
          directoryId={directory.id}
          idpName={provider.idp}
          tokenPrefix={directory.tokenPrefix}
          issuedAt={directory.tokenRotatedAt ?? directory.tokenCreatedAt}
          freshToken={props.freshToken}
          onRotated={props.onToken}
        />
      </section>
      <ProviderSetupSteps provider={directory.provider} label={provider.label} />
    </>
  );
}
