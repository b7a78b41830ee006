import { builder } from "../builder.js";
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
} from "../errors.js";

/** Every error type a mutation can return; `code` is stable for clients to switch on. */
export const ErrorInterface = builder.interfaceRef<RosterError>("Error").implement({
  fields: (t) => ({
    message: t.exposeString("message"),
    code: t.string({ resolve: (error) => error.name }),
  }),
});

for (const ErrorClass of [
  NotFoundError,
  ForbiddenError,
  ConflictError,
  PreconditionFailedError,
  InvalidFilterError,
  InvalidPathError,
  InvalidSyntaxError,
  MutabilityError,
  NoTargetError,
]) {
  builder.objectType(ErrorClass, { name: ErrorClass.name, interfaces: [ErrorInterface] });
}

builder.objectType(ValidationError, {
  name: "ValidationError",
  interfaces: [ErrorInterface],
  fields: (t) => ({ field: t.exposeString("field", { nullable: true }) }),
});

/** What a SCIM PATCH can fail with besides the default errors. */
export const PATCH_ERRORS = [InvalidSyntaxError, InvalidPathError, NoTargetError, MutabilityError];
