import type { JsonObject } from "./types.js";

/**
 * SCIM attribute names are case-insensitive (RFC 7643 §2.1) while JSON keys
 * are not, so every read and write of an attribute goes through these.
 * Writes store the canonical spelling and drop other spellings of the key.
 */

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The key under which `object` holds `name`, in whatever case it was sent. */
export function findKey(object: JsonObject, name: string): string | undefined {
  if (Object.hasOwn(object, name)) return name;
  return Object.keys(object).find((key) => sameName(key, name));
}

export function getField(object: JsonObject, name: string): unknown {
  const key = findKey(object, name);
  return key === undefined ? undefined : object[key];
}

export function deleteField(object: JsonObject, name: string): void {
  for (const key of Object.keys(object)) if (sameName(key, name)) delete object[key];
}

export function setField(object: JsonObject, name: string, value: unknown): void {
  deleteField(object, name);
  object[name] = value;
}
