import { useState } from "react";
import { useMutation } from "urql";
import { graphql } from "../gql/index.ts";
import { ConfirmDialog } from "../ui/ConfirmDialog.tsx";
import { CopyButton } from "../ui/CopyButton.tsx";
import { Time } from "../ui/Time.tsx";
import { unwrap } from "../ui/mutationResult.ts";

const RotateDirectoryTokenDocument = graphql(`
  mutation RotateDirectoryToken($input: RotateDirectoryTokenInput!) {
    rotateDirectoryToken(input: $input) {
      __typename
      ... on RotateDirectoryTokenPayload {
        bearerToken
        directory {
          id
          tokenPrefix
          tokenRotatedAt
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

/**
 * The SCIM bearer token: in full only right after it was issued (Roster keeps
 * only its hash), otherwise its prefix, with "Rotate token" to issue a new one.
 */
export function TokenField(props: {
  directoryId: string;
  idpName: string;
  tokenPrefix: string;
  issuedAt: string;
  freshToken: string | null;
  onRotated: (token: string) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [{ fetching }, rotate] = useMutation(RotateDirectoryTokenDocument);

  async function confirmRotate() {
    setError(null);
    const result = await rotate({ input: { directoryId: props.directoryId } });
    const outcome = unwrap(result.data?.rotateDirectoryToken, result.error, "RotateDirectoryTokenPayload");
    if (!outcome.ok) {
      setError(outcome.message);
      return;
    }
    setConfirming(false);
    props.onRotated(outcome.payload.bearerToken);
  }

  return (
    <div className="field">
      <label htmlFor="scim-token">SCIM Bearer Token</label>
      {props.freshToken ? (
        <>
          <div className="copy-row">
            <input id="scim-token" className="input input-mono" readOnly value={props.freshToken} onFocus={(e) => e.target.select()} />
            <CopyButton value={props.freshToken} label="Copy SCIM Bearer Token" />
          </div>
          <p className="callout callout-warning" role="note">
            Copy this token now and paste it into {props.idpName}. It is shown only once: Roster keeps just a hash of it.
          </p>
        </>
      ) : (
        <>
          <div className="copy-row">
            <input
              id="scim-token"
              className="input input-mono"
              readOnly
              value={`${props.tokenPrefix}••••••••••••••••`}
              aria-describedby="scim-token-hint"
            />
          </div>
          <p id="scim-token-hint" className="hint">
            Hidden since it was issued <Time iso={props.issuedAt} />. Lost it? Rotate to issue a new one.
          </p>
        </>
      )}
      <div>
        <button type="button" className="button" onClick={() => setConfirming(true)}>
          Rotate token
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title="Rotate the SCIM token?"
        confirmLabel="Rotate token"
        danger
        busy={fetching}
        error={error}
        onConfirm={confirmRotate}
        onCancel={() => {
          setConfirming(false);
          setError(null);
        }}
      >
        <p>
          The current token stops working immediately. Provisioning from {props.idpName} fails until you paste the new
          token there.
        </p>
      </ConfirmDialog>
    </div>
  );
}
