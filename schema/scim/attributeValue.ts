import { ValidationError } from "../errors.js";
import type { AttributeDefinition } from "./resourceSchemas.js";
import { isJsonObject, sameName } from "./json.js";
import type { JsonObject } from "./types.js";

/**
 * Brings a value an IdP sent into the shape its attribute definition asks
 * for: canonical sub-attribute names, real booleans for "True"/"False"
 * strings (Entra without aadOptscim062020, Microsoft's Postman collection).
 * `field` names the attribute in error messages.
 */

/** null, "" and [] all mean "no value" (RFC 7643 §2.5; Entra clears attributes with "" and null). */
export function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  return isJsonObject(value) && Object.keys(value).length === 0;
}

export function findDefinition(
  definitions: readonly AttributeDefinition[] | undefined,
  name: string,
): AttributeDefinition | undefined {
  return definitions?.find((definition) => sameName(definition.name, name));
}

/** A value of a simple (string, boolean) or schema-less attribute or sub-attribute. */
export function normalizeSimple(definition: AttributeDefinition, value: unknown, field: string): unknown {
  if (value === undefined || value === null || definition.type === "unknown") return value ?? null;
  if (definition.type === "boolean") {
    if (typeof value === "boolean") return value;
    if (typeof value === "string" && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
    throw new ValidationError(`"${field}" takes true or false.`, field);
  }
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  throw new ValidationError(`"${field}" takes a string.`, field);
}

/**
 * A complex value. Empty sub-values stay as null so that merging can clear
 * them; sub-attributes outside the schema are kept as sent, readOnly ones dropped.
 */
export function normalizeComplex(definition: AttributeDefinition, value: unknown, field: string): JsonObject {
  if (!isJsonObject(value)) throw new ValidationError(`"${field}" takes an object.`, field);
  const result: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    const sub = findDefinition(definition.subAttributes, key);
    if (sub?.readOnly) continue;
    const normalized = sub ? normalizeSimple(sub, item, `${field}.${sub.name}`) : item;
    result[sub?.name ?? key] = isEmpty(normalized) ? null : normalized;
  }
  return result;
}

export function withoutNulls(object: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== null));
}

/**
 * A single-valued complex attribute. Entra sends manager as
 * [{"$ref": …, "value": …}] and some clients send only the id, so a
 * one-element array is unwrapped and a bare string becomes {value}.
 * null means "clear".
 */
export function normalizeSingleComplex(definition: AttributeDefinition, value: unknown, field: string): JsonObject | null {
  let single = value;
  if (Array.isArray(single)) {
    if (single.length > 1) throw new ValidationError(`"${field}" is single-valued.`, field);
    single = single[0];
  }
  if (isEmpty(single)) return null;
  if (typeof single === "string" && findDefinition(definition.subAttributes, "value")) single = { value: single };
  return normalizeComplex(definition, single, field);
}

/** One value of a multi-valued attribute. */
function normalizeElement(definition: AttributeDefinition, value: unknown, field: string): unknown {
  return definition.type === "complex"
    ? withoutNulls(normalizeComplex(definition, value, field))
    : normalizeSimple(definition, value, field);
}

/** The values for a multi-valued attribute; a lone value counts as a one-element array. */
export function normalizeMultiple(definition: AttributeDefinition, value: unknown, field: string): unknown[] {
  const items = Array.isArray(value) ? value : [value];
  return items
    .filter((item) => !isEmpty(item))
    .map((item) => normalizeElement(definition, item, field))
    .filter((item) => !isEmpty(item));
}
