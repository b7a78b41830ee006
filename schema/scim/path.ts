import { InvalidFilterError, InvalidPathError } from "../errors.js";
import { parseFilter, type Filter } from "./filterParser.js";

/**
 * A PATCH attribute path (RFC 7644 §3.5.2 PATH):
 *   [schemaURN ":"] attribute ["." subAttribute]
 *   [schemaURN ":"] attribute "[" valueFilter "]" ["." subAttribute]
 * Parsing is syntax only; which attributes exist is the resource schema's business.
 */
export interface PatchPath {
  /** The path as sent, for messages. */
  readonly text: string;
  readonly schema?: string;
  readonly attribute: string;
  /** The value filter; its attribute paths name sub-attributes of one value. */
  readonly filter?: Filter;
  readonly subAttribute?: string;
}

const ATTRIBUTE_NAME = /^(?:\$ref|[A-Za-z][A-Za-z0-9_-]*)$/;
const SCHEMA_URN = /^[A-Za-z][^\s"[\]]*$/;

function invalid(text: string, why: string): never {
  throw new InvalidPathError(`Invalid path "${text}": ${why}.`);
}

/** Index of the "]" closing the filter that opens at `open`, skipping quoted strings. */
function closingBracket(text: string, open: number): number {
  let inString = false;
  for (let index = open + 1; index < text.length; index += 1) {
    const char = text[index];
    if (inString) {
      if (char === "\\") index += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "]") return index;
  }
  return -1;
}

function name(text: string, candidate: string): string {
  if (!ATTRIBUTE_NAME.test(candidate)) invalid(text, `"${candidate}" is not an attribute name`);
  return candidate;
}

export function parsePatchPath(raw: string): PatchPath {
  const text = raw.trim();
  const open = text.indexOf("[");
  const head = open < 0 ? text : text.slice(0, open);
  // Attribute names never contain ":", so the last one ends the schema URN ("…:2.0:User:manager").
  const colon = head.lastIndexOf(":");
  const schema = colon < 0 ? undefined : head.slice(0, colon);
  if (schema !== undefined && !SCHEMA_URN.test(schema)) invalid(text, `"${schema}" is not a schema URN`);
  const attributePart = head.slice(colon + 1);

  if (open < 0) {
    const [attribute, subAttribute, ...rest] = attributePart.split(".");
    if (rest.length > 0) invalid(text, "attributes nest only one level");
    return {
      text,
      ...(schema === undefined ? {} : { schema }),
      attribute: name(text, attribute),
      ...(subAttribute === undefined ? {} : { subAttribute: name(text, subAttribute) }),
    };
  }

  const close = closingBracket(text, open);
  if (close < 0) invalid(text, 'missing "]"');
  const tail = text.slice(close + 1);
  if (tail !== "" && !tail.startsWith(".")) invalid(text, 'only ".subAttribute" may follow "]"');
  const attribute = name(text, attributePart);
  let filter: Filter;
  try {
    // Parsed as a whole value path so that filterParser applies its rules for brackets.
    const parsed = parseFilter(`${attribute}[${text.slice(open + 1, close)}]`);
    if (parsed.op !== "valuePath") invalid(text, "the brackets hold no value filter");
    filter = parsed.filter;
  } catch (error) {
    // A bad filter inside a PATCH path is an invalid path (RFC 7644 §3.5.2, scimType invalidPath).
    if (error instanceof InvalidFilterError) invalid(text, error.message);
    throw error;
  }
  return {
    text,
    ...(schema === undefined ? {} : { schema }),
    attribute,
    filter,
    ...(tail === "" ? {} : { subAttribute: name(text, tail.slice(1)) }),
  };
}
