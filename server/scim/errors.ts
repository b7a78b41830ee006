import type { Response } from "express";
import {
  ConflictError,
  ForbiddenError,
  InvalidFilterError,
  InvalidPathError,
  InvalidSyntaxError,
  MutabilityError,
  NoTargetError,
  NotFoundError,
  PreconditionFailedError,
  RosterError,
  ValidationError,
} from "../../schema/errors.js";

export const SCIM_ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

/** An HTTP-level SCIM failure raised by the adapter itself (auth, media type, size, method). */
export class ScimHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly scimType?: string,
  ) {
    super(message);
  }
}

// The one place domain errors become SCIM statuses (RFC 7644 §3.12).
const STATUS: [new (...args: never[]) => RosterError, number, string?][] = [
  [NotFoundError, 404],
  [ForbiddenError, 403],
  [ConflictError, 409, "uniqueness"],
  [PreconditionFailedError, 412],
  [InvalidFilterError, 400, "invalidFilter"],
  [InvalidPathError, 400, "invalidPath"],
  [NoTargetError, 400, "noTarget"],
  [MutabilityError, 400, "mutability"],
  [InvalidSyntaxError, 400, "invalidSyntax"],
  [ValidationError, 400, "invalidValue"],
];

export function scimStatusFor(error: unknown): { status: number; scimType?: string; detail: string } | null {
  if (error instanceof ScimHttpError) return { status: error.status, scimType: error.scimType, detail: error.message };
  for (const [ErrorClass, status, scimType] of STATUS) {
    if (error instanceof ErrorClass) return { status, scimType, detail: error.message };
  }
  return null;
}

/** Rebuilds the domain error a GraphQL error result stands for (its `code` is the class name). */
export function errorFromCode(code: string, message: string): Error {
  const entry = STATUS.find(([ErrorClass]) => ErrorClass.name === code);
  if (!entry) return new Error(`${code}: ${message}`);
  const ErrorClass = entry[0] as unknown as new (message: string) => RosterError;
  return new ErrorClass(message);
}

export function sendScimError(res: Response, status: number, detail: string, scimType?: string): void {
  res
    .status(status)
    .type("application/scim+json")
    .json({ schemas: [SCIM_ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail });
}
