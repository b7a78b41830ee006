import type { ResourceSchema } from "./resourceSchemas.js";
import type { JsonObject } from "./types.js";

/**
 * A POST or PUT body without the top-level attributes its schema does not
 * define. Like the read-only ones IdPs echo, they are ignored rather than
 * refused (Microsoft's client sends misspellings such as "adreses"), while
 * extension objects (URN keys) are kept. An explicit PATCH path to an
 * unknown attribute is still an error: there the IdP named it on purpose.
 */
export function knownAttributes(schema: ResourceSchema, body: JsonObject): JsonObject {
  const known = new Set(schema.core.attributes.map((attribute) => attribute.name.toLowerCase()));
  return Object.fromEntries(Object.entries(body).filter(([key]) => key.includes(":") || known.has(key.toLowerCase())));
}
