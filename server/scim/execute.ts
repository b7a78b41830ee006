import { execute, parse, validate, type DocumentNode } from "graphql";
import type { Context } from "../../schema/context.js";
import { RosterError } from "../../schema/errors.js";
import { schema } from "../../schema/schema.js";
import { errorFromCode } from "./errors.js";

/** Parses and validates an adapter operation once, at start-up. */
export function operation(source: string): DocumentNode {
  const document = parse(source);
  const errors = validate(schema, document);
  if (errors.length > 0) throw new Error(`Invalid SCIM adapter operation: ${errors.map((e) => e.message).join("; ")}`);
  return document;
}

/**
 * Runs a GraphQL operation in-process against Roster's schema. Domain errors,
 * whether thrown or returned as a union member ({__typename, code, message}),
 * come back out as the typed error they started as.
 */
export async function run<T>(ctx: Context, document: DocumentNode, variables: Record<string, unknown>): Promise<T> {
  const result = await execute({ schema, document, contextValue: ctx, variableValues: variables });
  if (result.errors?.length) {
    const domain = result.errors.map((e) => e.originalError).find((e) => e instanceof RosterError);
    throw domain ?? result.errors[0].originalError ?? new Error(result.errors[0].message);
  }
  return result.data as T;
}

/** A union result that is an error type becomes a thrown domain error. */
export function unwrap<T extends { __typename: string }>(value: T | { __typename: string; code: string; message: string }): T {
  if ("code" in value && typeof value.code === "string") throw errorFromCode(value.code, value.message);
  return value as T;
}
