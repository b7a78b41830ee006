import { useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { graphql } from "../gql/index.ts";
import type { DirectoryProvider } from "../gql/graphql.ts";
import { unwrap } from "../ui/mutationResult.ts";
import { PROVIDERS } from "./providers.ts";

const CreateDirectoryDocument = graphql(`
  mutation CreateDirectory($input: CreateDirectoryInput!) {
    createDirectory(input: $input) {
      __typename
      ... on CreateDirectoryPayload {
        bearerToken
        directory {
          id
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export function ConfigureDirectoryForm(props: {
  organizationId: string;
  onCreated: (directoryId: string, bearerToken: string) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState("");
  const [provider, setProvider] = useState<DirectoryProvider>("OKTA_SCIM_V2");
  const [error, setError] = useState<string | null>(null);
  const [{ fetching }, createDirectory] = useMutation(CreateDirectoryDocument);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const result = await createDirectory({ input: { organizationId: props.organizationId, name: name.trim(), provider } });
    const outcome = unwrap(result.data?.createDirectory, result.error, "CreateDirectoryPayload");
    if (outcome.ok) props.onCreated(outcome.payload.directory.id, outcome.payload.bearerToken);
    else setError(outcome.message);
  }

  return (
    <form className="card" onSubmit={submit} aria-labelledby="configure-title">
      <h2 id="configure-title">Configure Directory Sync</h2>
      <div className="field">
        <label htmlFor="directory-name">Directory name</label>
        <input
          id="directory-name"
          className="input"
          required
          maxLength={200}
          placeholder="e.g. Okta production"
          value={name}
          onChange={(e) => setName(e.target.value)}
          autoFocus
        />
      </div>
      <div className="field">
        <label htmlFor="directory-provider">Directory provider</label>
        <select
          id="directory-provider"
          className="input"
          value={provider}
          onChange={(e) => setProvider(e.target.value as DirectoryProvider)}
        >
          {PROVIDERS.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={fetching || !name.trim()}>
          {fetching ? "Saving…" : "Save"}
        </button>
      </div>
    </form>
  );
}
