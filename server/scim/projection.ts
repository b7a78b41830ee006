import { parseFilter, type Filter } from "../../schema/scim/filterParser.js";
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA, type JsonObject } from "../../schema/scim/types.js";
import { matchesValueFilter } from "../../schema/scim/valueFilter.js";

/**
 * attributes / excludedAttributes (RFC 7644 §3.4.2.5, §3.9): which attributes
 * a response carries. Names are case-insensitive, may be URN-qualified and may
 * name a sub-attribute. id, schemas and meta.resourceType are always returned.
 */
export interface Projection {
  attributes?: string[];
  excludedAttributes?: string[];
}

const ALWAYS = new Set(["id", "schemas"]);
const CORE = [USER_SCHEMA, GROUP_SCHEMA];

interface Path {
  /** A top-level key, or an extension URN. */
  top: string;
  sub?: string;
  /**
   * A value filter, as in emails[type eq "work"]: not RFC 7644 attribute
   * notation, but Microsoft's reference collection asks for attributes so.
   */
  filter?: Filter;
}

function parsePath(raw: string): Path {
  const name = raw.trim();
  const open = name.indexOf("[");
  const close = name.lastIndexOf("]");
  if (open > 0 && close > open) {
    const parsed = parseFilter(`value[${name.slice(open + 1, close)}]`);
    if (parsed.op === "valuePath") {
      return { ...parsePath(name.slice(0, open) + name.slice(close + 1)), filter: parsed.filter };
    }
  }
  for (const urn of [ENTERPRISE_USER_SCHEMA, ...CORE]) {
    if (name.toLowerCase() === urn.toLowerCase()) return { top: urn };
    if (name.toLowerCase().startsWith(`${urn.toLowerCase()}:`)) {
      const rest = name.slice(urn.length + 1);
      return CORE.includes(urn) ? splitDotted(rest) : { top: urn, sub: rest };
    }
  }
  return splitDotted(name);
}

function splitDotted(name: string): Path {
  const dot = name.indexOf(".");
  return dot === -1 ? { top: name } : { top: name.slice(0, dot), sub: name.slice(dot + 1) };
}

function keyOf(object: JsonObject, name: string): string | undefined {
  return Object.keys(object).find((key) => key.toLowerCase() === name.toLowerCase());
}

function pickSub(value: unknown, sub: string): unknown {
  if (Array.isArray(value)) return value.map((item) => pickSub(item, sub)).filter((item) => item !== undefined);
  if (value && typeof value === "object") {
    const key = keyOf(value as JsonObject, sub);
    return key === undefined ? undefined : { [key]: (value as JsonObject)[key] };
  }
  return undefined;
}

/** The values of a multi-valued attribute that match the path's filter, if it has one. */
function matching(value: unknown, filter?: Filter): unknown {
  if (!filter || !Array.isArray(value)) return value;
  const kept = value.filter((item) => matchesValueFilter(filter, item));
  return kept.length > 0 ? kept : undefined;
}

function merge(into: JsonObject, key: string, value: unknown): void {
  const existing = into[key];
  if (existing && typeof existing === "object" && !Array.isArray(existing) && value && typeof value === "object") {
    into[key] = { ...(existing as JsonObject), ...(value as JsonObject) };
  } else if (Array.isArray(existing) && Array.isArray(value)) {
    into[key] = existing.map((item, i) => ({ ...(item as JsonObject), ...(value[i] as JsonObject) }));
  } else {
    into[key] = value;
  }
}

export function project(resource: JsonObject, projection: Projection): JsonObject {
  if (projection.attributes?.length) {
    const result: JsonObject = {};
    for (const key of Object.keys(resource)) if (ALWAYS.has(key)) result[key] = resource[key];
    if (resource.meta && typeof resource.meta === "object") {
      result.meta = { resourceType: (resource.meta as JsonObject).resourceType };
    }
    for (const raw of projection.attributes) {
      const path = parsePath(raw);
      const key = keyOf(resource, path.top);
      if (key === undefined) continue;
      const values = matching(resource[key], path.filter);
      const value = path.sub === undefined ? values : pickSub(values, path.sub);
      if (value !== undefined) merge(result, key, value);
    }
    return result;
  }
  if (projection.excludedAttributes?.length) {
    const result: JsonObject = { ...resource };
    for (const raw of projection.excludedAttributes) {
      const path = parsePath(raw);
      const key = keyOf(result, path.top);
      if (key === undefined || ALWAYS.has(key)) continue;
      const filter = path.filter;
      if (path.sub === undefined && filter && Array.isArray(result[key])) {
        result[key] = (result[key] as unknown[]).filter((item) => !matchesValueFilter(filter, item));
      } else if (path.sub === undefined) {
        delete result[key];
      } else if (result[key] && typeof result[key] === "object" && !Array.isArray(result[key])) {
        const copy = { ...(result[key] as JsonObject) };
        const subKey = keyOf(copy, path.sub);
        if (subKey !== undefined) delete copy[subKey];
        result[key] = copy;
      } else if (Array.isArray(result[key])) {
        result[key] = (result[key] as JsonObject[]).map((item) => {
          if (filter && !matchesValueFilter(filter, item)) return item;
          const copy = { ...item };
          const subKey = keyOf(copy, path.sub!);
          if (subKey !== undefined) delete copy[subKey];
          return copy;
        });
      }
    }
    return result;
  }
  return resource;
}

/** Whether a group response needs its members loaded at all. */
export function wantsMembers(projection: Projection): boolean {
  const names = (list?: string[]) => (list ?? []).map((name) => parsePath(name).top.toLowerCase());
  if (projection.attributes?.length) return names(projection.attributes).includes("members");
  return !names(projection.excludedAttributes).includes("members");
}

export function parseAttributeList(value: unknown): string[] | undefined {
  if (typeof value !== "string" || value.trim() === "") return undefined;
  return value
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
}
