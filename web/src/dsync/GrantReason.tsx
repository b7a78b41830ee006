import { Link } from "react-router";
import type { GrantSource } from "../gql/graphql.ts";

/** Why a user is in a team: a mapped IdP group, or an admin's hand. */
export function GrantReason(props: { source: GrantSource; directoryGroup?: { id: string; displayName: string } | null }) {
  if (props.source === "DIRECTORY_GROUP" && props.directoryGroup) {
    return (
      <>
        Via IdP group{" "}
        <Link to={`/settings/organization/dsync/groups/${encodeURIComponent(props.directoryGroup.id)}`}>
          {props.directoryGroup.displayName}
        </Link>
      </>
    );
  }
  if (props.source === "DIRECTORY_GROUP") return <>Via an IdP group</>;
  return <>Added by hand</>;
}
