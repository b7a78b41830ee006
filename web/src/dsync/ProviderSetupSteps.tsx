import type { ReactNode } from "react";
import type { DirectoryProvider } from "../gql/graphql.ts";

const BASE = <strong>SCIM Base URL</strong>;
const TOKEN = <strong>SCIM Bearer Token</strong>;

const OKTA_ATTRIBUTES = ["username", "givenName", "familyName", "email", "displayName"];

/** Where each IdP wants the base URL and token, and what to switch on. */
const STEPS: Record<DirectoryProvider, ReactNode[]> = {
  OKTA_SCIM_V2: [
    <>In Okta, open your app integration, then <strong>General → App Settings</strong>, and enable <strong>SCIM provisioning</strong>.</>,
    <>
      Under <strong>Provisioning → Integration</strong>, set <strong>SCIM connector base URL</strong> to the {BASE} and{" "}
      <strong>Unique identifier field for users</strong> to <code>email</code>.
    </>,
    <>
      Tick the supported provisioning actions: <strong>Import New Users and Profile Updates</strong>,{" "}
      <strong>Push New Users</strong>, <strong>Push Profile Updates</strong> and <strong>Push Groups</strong>.
    </>,
    <>
      Set <strong>Authentication Mode</strong> to <strong>HTTP Header</strong> and paste the {TOKEN} as the
      Authorization bearer token. Click <strong>Test Connector Configuration</strong>, then <strong>Save</strong>.
    </>,
    <>
      Under <strong>Provisioning → To App</strong>, enable <strong>Create Users</strong>,{" "}
      <strong>Update User Attributes</strong> and <strong>Deactivate Users</strong>.
    </>,
    <>
      Keep the attribute mappings for{" "}
      {OKTA_ATTRIBUTES.map((name, index) => (
        <span key={name}>
          <code>{name}</code>
          {index < OKTA_ATTRIBUTES.length - 2 ? ", " : index === OKTA_ATTRIBUTES.length - 2 ? " and " : ""}
        </span>
      ))}
      . Assign people and groups, then push the groups under <strong>Push Groups</strong>.
    </>,
  ],
  AZURE_SCIM_V2: [
    <>In the Microsoft Entra admin center, open <strong>Enterprise applications</strong>, your app, then <strong>Provisioning</strong>.</>,
    <>Set <strong>Provisioning Mode</strong> to <strong>Automatic</strong>.</>,
    <>Paste the {BASE} as <strong>Tenant URL</strong> and the {TOKEN} as <strong>Secret Token</strong>, then <strong>Test Connection</strong> and save.</>,
    <>Under <strong>Mappings</strong>, keep user and group provisioning on; assign users and groups, and turn <strong>Provisioning Status</strong> on.</>,
  ],
  ONELOGIN_SCIM_V2: [
    <>In OneLogin, add the <strong>SCIM Provisioner with SAML (SCIM v2 Enterprise)</strong> app.</>,
    <>On <strong>Configuration</strong>, paste the {BASE} as <strong>SCIM Base URL</strong> and the {TOKEN} as <strong>SCIM Bearer Token</strong>, then <strong>Enable</strong> the API connection.</>,
    <>On <strong>Provisioning</strong>, tick <strong>Enable provisioning</strong> and choose what happens on deletion and suspension.</>,
    <>On <strong>Parameters</strong>, add <strong>Groups</strong> with <em>Include in User Provisioning</em>, then assign users and map groups with rules.</>,
  ],
  JUMPCLOUD_SCIM_V2: [
    <>In JumpCloud, open <strong>SSO Applications</strong>, your app, then <strong>Identity Management</strong>.</>,
    <>Choose <strong>SCIM 2.0</strong>, paste the {BASE} as <strong>Base URL</strong> and the {TOKEN} as <strong>Token Key</strong>.</>,
    <>Click <strong>Test Connection</strong>, then <strong>Activate</strong>, and bind user groups to the app to push them.</>,
  ],
  GENERIC_SCIM_V2: [
    <>In your identity provider's SCIM 2.0 provisioning settings, use the {BASE} as the base (tenant) URL.</>,
    <>Authenticate with an HTTP header <code>Authorization: Bearer &lt;SCIM Bearer Token&gt;</code>.</>,
    <>Enable creating, updating and deactivating users, and pushing groups with their members.</>,
  ],
};

export function ProviderSetupSteps({ provider, label }: { provider: DirectoryProvider; label: string }) {
  return (
    <section className="card" aria-labelledby="setup-steps-title">
      <h2 id="setup-steps-title">Set up {label}</h2>
      <ol className="steps">
        {STEPS[provider].map((step, index) => (
          <li key={index}>{step}</li>
        ))}
      </ol>
    </section>
  );
}
