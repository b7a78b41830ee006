import { InvalidPathError, ValidationError } from "../errors.js";
import { getField, isJsonObject, sameName } from "./json.js";
import type { PatchPath } from "./path.js";
import type { PatchOperation } from "./patchRequest.js";
import { GROUP_SCHEMA } from "./types.js";
import type { Filter } from "./filterParser.js";

/**
 * Group membership changes from PATCH operations. A group can have tens of
 * thousands of members, so they are not applied to an in-memory array: the
 * caller applies them in order with set-based SQL on member ids. Removing
 * an id that is not a member is the caller's no-op, which keeps Okta's
 * remove-then-add batches idempotent.
 */
export type MemberOperation =
  | { readonly kind: "add"; readonly ids: readonly string[] }
  | { readonly kind: "remove"; readonly ids: readonly string[] }
  | { readonly kind: "replace"; readonly ids: readonly string[] }
  | { readonly kind: "removeAll" };

export function isMembersPath(path: PatchPath): boolean {
  return sameName(path.attribute, "members") && (path.schema === undefined || sameName(path.schema, GROUP_SCHEMA));
}

/**
 * Member ids from a value: an array of {value, …} entries (extra keys such as
 * display, $ref: null, name, and a capitalized "Value" are tolerated), one such
 * entry on its own, or a bare id string (Microsoft's Postman collection sends
 * "value": "string id 1").
 */
function memberIds(value: unknown, field: string): string[] {
  const entries = value === null || value === undefined ? [] : Array.isArray(value) ? value : [value];
  const ids = entries.map((entry) => {
    const id = isJsonObject(entry) ? getField(entry, "value") : entry;
    if (typeof id !== "string" || id.trim() === "") {
      throw new ValidationError(`"${field}" takes members as {"value": "<id>"}.`, field);
    }
    return id;
  });
  return [...new Set(ids)];
}

/** Ids named by `value eq "id" [or value eq "id" …]`, the only member filters IdPs send. */
function filterIds(filter: Filter, path: PatchPath): string[] {
  if (filter.op === "or") return filter.filters.flatMap((part) => filterIds(part, path));
  if (filter.op === "eq" && sameName(filter.path.name, "value") && filter.value.type === "string") {
    return [filter.value.value];
  }
  throw new InvalidPathError(`"${path.text}": members can be selected only by value eq "<id>".`);
}

/** The change a path-less add/replace makes with its `members` key. */
export function membersFromValue(op: "add" | "replace", value: unknown): MemberOperation | undefined {
  const ids = memberIds(value, "members");
  if (op === "replace") return ids.length === 0 ? { kind: "removeAll" } : { kind: "replace", ids };
  return ids.length === 0 ? undefined : { kind: "add", ids };
}

/** The change an operation whose path is `members…` makes; undefined when it changes nothing. */
export function membersFromOperation(
  operation: PatchOperation & { readonly path: PatchPath },
): MemberOperation | undefined {
  const { op, path, value } = operation;
  if (path.subAttribute !== undefined) {
    throw new InvalidPathError(`"${path.text}": member values cannot be changed, only added or removed.`);
  }
  if (path.filter) {
    if (op !== "remove") throw new InvalidPathError(`"${path.text}": a member filter only works with "remove".`);
    return { kind: "remove", ids: [...new Set(filterIds(path.filter, path))] };
  }
  if (op !== "remove") return membersFromValue(op, value);
  // Entra's default removal: {"op":"Remove","path":"members","value":[{"value":"<id>"}]}.
  if (value === undefined || value === null) return { kind: "removeAll" };
  const ids = memberIds(value, "members");
  return ids.length === 0 ? undefined : { kind: "remove", ids };
}
