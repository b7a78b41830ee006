import { useId, useState, type KeyboardEvent } from "react";
import { Link } from "react-router";
import { useMutation } from "urql";
import { graphql, getFragmentData, type FragmentType } from "../gql/index.ts";
import { unwrap } from "../ui/mutationResult.ts";

export const TeamMappingRowFragment = graphql(`
  fragment TeamMappingRow_team on Team {
    id
    name
    members {
      totalCount
    }
    groupMappings {
      id
      groupName
    }
  }
`);

const AddGroupMappingDocument = graphql(`
  mutation AddGroupMapping($input: AddGroupMappingInput!) {
    addGroupMapping(input: $input) {
      __typename
      ... on AddGroupMappingPayload {
        groupMapping {
          id
          groupName
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

const RemoveGroupMappingDocument = graphql(`
  mutation RemoveGroupMapping($input: RemoveGroupMappingInput!) {
    removeGroupMapping(input: $input) {
      __typename
      ... on RemoveGroupMappingPayload {
        removedGroupMappingId
        team {
          id
          groupMappings {
            id
            groupName
          }
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

/** Whether `name` is already among `existing`; group names match exactly, so does this. */
export function isDuplicateGroupName(name: string, existing: readonly string[]): boolean {
  return existing.includes(name);
}

export function TeamMappingRow(props: { team: FragmentType<typeof TeamMappingRowFragment> }) {
  const team = getFragmentData(TeamMappingRowFragment, props.team);
  const inputId = useId();
  const messageId = useId();
  const [value, setValue] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const [adding, addGroupMapping] = useMutation(AddGroupMappingDocument);
  const [removing, removeGroupMapping] = useMutation(RemoveGroupMappingDocument);

  async function add() {
    const groupName = value.trim();
    if (!groupName) return;
    if (isDuplicateGroupName(groupName, team.groupMappings.map((m) => m.groupName))) {
      setMessage(`“${groupName}” is already mapped to ${team.name}.`);
      return;
    }
    setMessage(null);
    const result = await addGroupMapping({ input: { teamId: team.id, groupName } });
    const outcome = unwrap(result.data?.addGroupMapping, result.error, "AddGroupMappingPayload");
    if (outcome.ok) setValue("");
    else setMessage(outcome.message);
  }

  async function remove(groupMappingId: string) {
    setMessage(null);
    const result = await removeGroupMapping({ input: { groupMappingId } });
    const outcome = unwrap(result.data?.removeGroupMapping, result.error, "RemoveGroupMappingPayload");
    if (!outcome.ok) setMessage(outcome.message);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter") {
      event.preventDefault();
      void add();
    }
  }

  return (
    <tr>
      <th scope="row">
        <Link to={`/settings/organization/teams/${encodeURIComponent(team.id)}`}>{team.name}</Link>
      </th>
      <td>
        <ul className="chips" aria-label={`IdP groups mapped to ${team.name}`}>
          {team.groupMappings.map((mapping) => (
            <li key={mapping.id} className="chip">
              <span>{mapping.groupName}</span>
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove group ${mapping.groupName} from ${team.name}`}
                disabled={removing.fetching}
                onClick={() => void remove(mapping.id)}
              >
                ×
              </button>
            </li>
          ))}
          <li className="chip-input-item">
            <label htmlFor={inputId} className="visually-hidden">
              Add group name to {team.name}
            </label>
            <input
              id={inputId}
              className="input input-inline"
              placeholder="Add group name"
              value={value}
              maxLength={256}
              disabled={adding.fetching}
              aria-describedby={message ? messageId : undefined}
              aria-invalid={message ? true : undefined}
              onChange={(e) => {
                setValue(e.target.value);
                setMessage(null);
              }}
              onKeyDown={onKeyDown}
            />
          </li>
        </ul>
        {message && (
          <p id={messageId} className="form-error" role="alert">
            {message}
          </p>
        )}
      </td>
      <td className="num">{team.members.totalCount}</td>
    </tr>
  );
}
