import { deleteField, isJsonObject, sameName } from "./json.js";
import { isMembersPath, membersFromOperation, membersFromValue, type MemberOperation } from "./groupMembers.js";
import type { PatchOperation } from "./patchRequest.js";
import { applyPatchOperations } from "./patchResource.js";
import { groupSchema, userSchema } from "./resourceSchemas.js";
import type { JsonObject, ScimGroup, ScimUser } from "./types.js";

/**
 * SCIM PATCH (RFC 7644 §3.5.2) for Users and Groups, including the forms Okta
 * and Entra ID really send (see docs: idp-requests.md). Pure: no database.
 *
 * Hand-written rather than built on npm `scim-patch`: that library knows no
 * schema, so it cannot tell single- from multi-valued attributes, match names
 * case-insensitively, coerce "False", skip readOnly attributes or unwrap
 * Entra's manager array, and its path splitting breaks on ":" inside filter
 * values; wrapping it would have left little of it in use.
 */
export { parsePatchRequest, PATCH_OP_SCHEMA, type PatchOperation } from "./patchRequest.js";
export type { MemberOperation } from "./groupMembers.js";
export type { PatchPath } from "./path.js";

/** A new user with the operations applied, or a throw with the input untouched. */
export function applyUserPatch(resource: ScimUser, operations: readonly PatchOperation[]): ScimUser {
  return applyPatchOperations(userSchema, resource, operations);
}

export interface GroupPatchResult {
  /** The group with its other attributes patched, without `members`. */
  readonly resource: ScimGroup;
  /** Membership changes, in request order, for the caller to apply to its member table. */
  readonly memberOps: MemberOperation[];
}

function withoutMembers<T extends JsonObject>(object: T): T {
  const copy = { ...object };
  deleteField(copy, "members");
  return copy;
}

export function applyGroupPatch(resource: ScimGroup, operations: readonly PatchOperation[]): GroupPatchResult {
  const memberOps: MemberOperation[] = [];
  const attributeOps: PatchOperation[] = [];
  const collect = (change: MemberOperation | undefined) => {
    if (change) memberOps.push(change);
  };
  for (const operation of operations) {
    if (operation.path && isMembersPath(operation.path)) {
      collect(membersFromOperation({ ...operation, path: operation.path }));
    } else if (operation.op !== "remove" && !operation.path && isJsonObject(operation.value)) {
      // Path-less values may carry members next to displayName.
      const members = Object.keys(operation.value).find((key) => sameName(key, "members"));
      if (members !== undefined) collect(membersFromValue(operation.op, operation.value[members]));
      attributeOps.push({ ...operation, value: withoutMembers(operation.value) });
    } else {
      attributeOps.push(operation);
    }
  }
  return { resource: applyPatchOperations(groupSchema, withoutMembers(resource), attributeOps), memberOps };
}
