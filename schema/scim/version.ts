import { PreconditionFailedError } from "../errors.js";

/** Weak ETag for a resource version: equal versions are semantically equal (RFC 7644 §3.14). */
export function etag(version: number): string {
  return `W/"${version}"`;
}

/**
 * Honours If-Match: "*" or any listed ETag equal to the current version passes;
 * weak and strong forms compare alike.
 */
export function checkIfMatch(ifMatch: string | null | undefined, version: number): void {
  if (!ifMatch) return;
  const tags = ifMatch.split(",").map((tag) => tag.trim());
  if (tags.includes("*")) return;
  const current = String(version);
  if (tags.some((tag) => tag.replace(/^W\//, "").replace(/^"|"$/g, "") === current)) return;
  throw new PreconditionFailedError(`The resource is at version ${etag(version)}, not ${ifMatch}.`);
}
