import { useState } from "react";
import { useMutation } from "urql";
import { graphql } from "../gql/index.ts";
import { ConfirmDialog } from "../ui/ConfirmDialog.tsx";
import { unwrap } from "../ui/mutationResult.ts";

const DeleteDirectoryDocument = graphql(`
  mutation DeleteDirectory($input: DeleteDirectoryInput!) {
    deleteDirectory(input: $input) {
      __typename
      ... on DeleteDirectoryPayload {
        deletedDirectoryId
      }
      ... on Error {
        message
      }
    }
  }
`);

export function DangerZone(props: { directoryId: string; directoryName: string; onDeleted: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [{ fetching }, deleteDirectory] = useMutation(DeleteDirectoryDocument);

  async function confirmDelete() {
    setError(null);
    const result = await deleteDirectory({ input: { directoryId: props.directoryId } });
    const outcome = unwrap(result.data?.deleteDirectory, result.error, "DeleteDirectoryPayload");
    if (!outcome.ok) {
      setError(outcome.message);
      return;
    }
    setConfirming(false);
    props.onDeleted();
  }

  return (
    <section className="card danger-zone" aria-labelledby="danger-zone-title">
      <h2 id="danger-zone-title">Danger zone</h2>
      <div className="danger-row">
        <div>
          <p>
            <strong>Delete directory</strong>
          </p>
          <p className="muted">
            Removes this directory with its synced users and groups. Team memberships that only its groups granted end.
          </p>
        </div>
        <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
          Delete directory
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={`Delete “${props.directoryName}”?`}
        confirmLabel="Delete directory"
        danger
        busy={fetching}
        error={error}
        onConfirm={confirmDelete}
        onCancel={() => {
          setConfirming(false);
          setError(null);
        }}
      >
        <p>This cannot be undone. Your identity provider's SCIM calls to this directory will fail.</p>
      </ConfirmDialog>
    </section>
  );
}
