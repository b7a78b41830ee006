import { useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { graphql } from "../gql/index.ts";
import { CopyButton } from "../ui/CopyButton.tsx";
import { unwrap } from "../ui/mutationResult.ts";

const CreateWebhookEndpointDocument = graphql(`
  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      __typename
      ... on CreateWebhookEndpointPayload {
        secret
        webhookEndpoint {
          id
          url
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

/** Registers an endpoint; its signing secret is shown here once. */
export function AddWebhookEndpointForm(props: { organizationId: string; onCreated: () => void }) {
  const [url, setUrl] = useState("");
  const [types, setTypes] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const [{ fetching }, createEndpoint] = useMutation(CreateWebhookEndpointDocument);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const eventTypes = types
      .split(",")
      .map((type) => type.trim())
      .filter(Boolean);
    const result = await createEndpoint({ input: { organizationId: props.organizationId, url: url.trim(), eventTypes } });
    const outcome = unwrap(result.data?.createWebhookEndpoint, result.error, "CreateWebhookEndpointPayload");
    if (!outcome.ok) {
      setError(outcome.message);
      return;
    }
    setCreated({ url: outcome.payload.webhookEndpoint.url, secret: outcome.payload.secret });
    setUrl("");
    setTypes("");
    props.onCreated();
  }

  return (
    <form className="subform" onSubmit={submit} aria-labelledby="add-endpoint-title">
      <h3 id="add-endpoint-title">Add endpoint</h3>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="webhook-url">Endpoint URL</label>
          <input
            id="webhook-url"
            className="input"
            type="url"
            required
            placeholder="https://example.com/roster-webhooks"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="webhook-types">Event types</label>
          <input
            id="webhook-types"
            className="input"
            placeholder="All events"
            aria-describedby="webhook-types-hint"
            value={types}
            onChange={(e) => setTypes(e.target.value)}
          />
          <p id="webhook-types-hint" className="hint">
            Optional, comma-separated, e.g. <code>user.created, team.member_added</code>.
          </p>
        </div>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={fetching || !url.trim()}>
          {fetching ? "Adding…" : "Add endpoint"}
        </button>
      </div>
      {created && (
        <div className="callout callout-warning" role="note">
          <p>
            Signing secret for <strong>{created.url}</strong>. Store it with the receiver now: it is shown only once.
          </p>
          <div className="copy-row">
            <label htmlFor="webhook-secret" className="visually-hidden">
              Webhook signing secret
            </label>
            <input id="webhook-secret" className="input input-mono" readOnly value={created.secret} onFocus={(e) => e.target.select()} />
            <CopyButton value={created.secret} label="Copy webhook signing secret" />
          </div>
        </div>
      )}
    </form>
  );
}
