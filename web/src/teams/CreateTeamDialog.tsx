import { useEffect, useRef, useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { graphql } from "../gql/index.ts";
import { unwrap } from "../ui/mutationResult.ts";

const CreateTeamDocument = graphql(`
  mutation CreateTeam($input: CreateTeamInput!) {
    createTeam(input: $input) {
      __typename
      ... on CreateTeamPayload {
        team {
          id
          name
          slug
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export function CreateTeamDialog(props: {
  open: boolean;
  organizationId: string;
  onClose: () => void;
  onCreated: (team: { id: string; name: string }) => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [{ fetching }, createTeam] = useMutation(CreateTeamDocument);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) {
      setName("");
      setError(null);
      dialog.showModal();
    }
    if (!props.open && dialog.open) dialog.close();
  }, [props.open]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const result = await createTeam({ input: { organizationId: props.organizationId, name: name.trim() } });
    const outcome = unwrap(result.data?.createTeam, result.error, "CreateTeamPayload");
    if (outcome.ok) props.onCreated(outcome.payload.team);
    else setError(outcome.message);
  }

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="create-team-title"
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
    >
      <form onSubmit={submit}>
        <h2 id="create-team-title">Create team</h2>
        <div className="field">
          <label htmlFor="team-name">Team name</label>
          <input
            id="team-name"
            className="input"
            required
            maxLength={200}
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoFocus
          />
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={props.onClose} disabled={fetching}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={fetching || !name.trim()}>
            {fetching ? "Creating…" : "Create team"}
          </button>
        </div>
      </form>
    </dialog>
  );
}
