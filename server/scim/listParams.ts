import type { Request } from "express";
import { ValidationError } from "../../schema/errors.js";
import { parseAttributeList, type Projection } from "./projection.js";

export interface ListParams extends Projection {
  filter?: string;
  startIndex?: number;
  count?: number;
  sortBy?: string;
  sortOrder?: "ascending" | "descending";
}

function integer(value: unknown, name: string): number | undefined {
  if (value === undefined || value === "") return undefined;
  const number = Number(value);
  if (typeof value !== "string" || !Number.isInteger(number)) {
    throw new ValidationError(`${name} must be an integer.`, name);
  }
  return number;
}

function single(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

/** Query parameters (GET) or a SearchRequest body (POST .search); parameter names are case-insensitive. */
export function listParams(source: Record<string, unknown>): ListParams {
  const get = (name: string) => {
    const key = Object.keys(source).find((k) => k.toLowerCase() === name.toLowerCase());
    const value = key === undefined ? undefined : single(source[key]);
    return typeof value === "number" || typeof value === "boolean" ? String(value) : value;
  };
  const sortOrder = get("sortOrder");
  if (sortOrder !== undefined && !/^(ascending|descending)$/i.test(String(sortOrder))) {
    throw new ValidationError(`sortOrder must be "ascending" or "descending".`, "sortOrder");
  }
  const list = (name: string) => {
    const value = get(name);
    return Array.isArray(source[name]) ? (source[name] as string[]) : parseAttributeList(value);
  };
  return {
    filter: typeof get("filter") === "string" ? (get("filter") as string) : undefined,
    startIndex: integer(get("startIndex"), "startIndex"),
    count: integer(get("count"), "count"),
    sortBy: typeof get("sortBy") === "string" ? (get("sortBy") as string) : undefined,
    sortOrder: sortOrder === undefined ? undefined : (String(sortOrder).toLowerCase() as ListParams["sortOrder"]),
    attributes: list("attributes"),
    excludedAttributes: list("excludedAttributes"),
  };
}

export function projectionOf(req: Request): Projection {
  return {
    attributes: parseAttributeList(single(req.query.attributes)),
    excludedAttributes: parseAttributeList(single(req.query.excludedAttributes)),
  };
}
