import { InvalidSyntaxError, NoTargetError } from "../errors.js";
import { getField, isJsonObject, sameName } from "./json.js";
import { parsePatchPath, type PatchPath } from "./path.js";

export const PATCH_OP_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

/** One PATCH operation, checked and normalized; `value` is still as sent. */
export type PatchOperation =
  | { readonly op: "add" | "replace"; readonly path?: PatchPath; readonly value: unknown }
  | { readonly op: "remove"; readonly path: PatchPath; readonly value?: unknown };

const OPS = ["add", "replace", "remove"] as const;

function parseOperation(operation: unknown, index: number): PatchOperation {
  const where = `Operations[${index}]`;
  if (!isJsonObject(operation)) throw new InvalidSyntaxError(`${where} must be an object.`);
  // Entra sends "Add"/"Replace"/"Remove".
  const opName = getField(operation, "op");
  const op = typeof opName === "string" ? OPS.find((candidate) => sameName(candidate, opName)) : undefined;
  if (op === undefined) throw new InvalidSyntaxError(`${where}.op must be "add", "replace" or "remove".`);

  const rawPath = getField(operation, "path");
  if (rawPath !== undefined && rawPath !== null && typeof rawPath !== "string") {
    throw new InvalidSyntaxError(`${where}.path must be a string.`);
  }
  const path = typeof rawPath === "string" && rawPath.trim() !== "" ? parsePatchPath(rawPath) : undefined;
  // Present-but-null is a value: Entra's null-update test clears attributes with it.
  const value = getField(operation, "value");
  const hasValue = value !== undefined;

  if (op === "remove") {
    // RFC 7644 §3.5.2.2: a remove without a path fails with scimType noTarget.
    if (path === undefined) throw new NoTargetError(`${where}: "remove" needs a path.`);
    return hasValue ? { op, path, value } : { op, path };
  }
  if (!hasValue) throw new InvalidSyntaxError(`${where}: "${op}" needs a value.`);
  return path === undefined ? { op, value } : { op, path, value };
}

/**
 * Checks a PatchOp message (RFC 7644 §3.5.2) and returns its operations.
 * Member names are matched case-insensitively like every SCIM attribute name.
 */
export function parsePatchRequest(body: unknown): PatchOperation[] {
  if (!isJsonObject(body)) throw new InvalidSyntaxError("A PATCH body must be a JSON object.");
  const schemas = getField(body, "schemas");
  if (!Array.isArray(schemas) || !schemas.some((schema) => typeof schema === "string" && sameName(schema, PATCH_OP_SCHEMA))) {
    throw new InvalidSyntaxError(`A PATCH body must list "${PATCH_OP_SCHEMA}" in schemas.`);
  }
  const operations = getField(body, "Operations");
  if (!Array.isArray(operations) || operations.length === 0) {
    throw new InvalidSyntaxError("A PATCH body needs a non-empty Operations array.");
  }
  return operations.map(parseOperation);
}
