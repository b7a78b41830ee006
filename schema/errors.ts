/**
 * Domain errors. Services throw these; the GraphQL layer exposes each as an
 * error type (schema/types/errors.ts) and the SCIM adapter maps each to a
 * status once (server/scim/errors.ts).
 */
export class RosterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends RosterError {}

export class ForbiddenError extends RosterError {}

/** A value that breaks a uniqueness rule (e.g. a userName already in the directory). */
export class ConflictError extends RosterError {}

/** Input that is well-formed but not acceptable. `field` names the attribute when known. */
export class ValidationError extends RosterError {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The resource changed since the version the caller based its change on. */
export class PreconditionFailedError extends RosterError {}

/** A SCIM filter expression that cannot be parsed or is not supported. */
export class InvalidFilterError extends RosterError {}

/** A SCIM attribute path that cannot be parsed or names no attribute. */
export class InvalidPathError extends RosterError {}

/** A SCIM PATCH path whose filter matched nothing it may change. */
export class NoTargetError extends RosterError {}

/** An attempt to change an attribute that may not be changed. */
export class MutabilityError extends RosterError {}

/** A request body or value with the wrong shape. */
export class InvalidSyntaxError extends RosterError {}
