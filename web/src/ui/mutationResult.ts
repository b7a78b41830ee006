import type { CombinedError } from "urql";
import { describeError } from "./States.tsx";

export type Outcome<P> = { ok: true; payload: P } | { ok: false; message: string };

/**
 * Unwraps a `Mutation<Name>Result` union: the payload when it is `typename`,
 * otherwise a message to show (a transport error, a GraphQL error, or the
 * Error member's own message).
 */
export function unwrap<R extends { __typename: string }, N extends R["__typename"]>(
  result: R | null | undefined,
  error: CombinedError | undefined,
  typename: N,
): Outcome<Extract<R, { __typename: N }>> {
  if (error) return { ok: false, message: describeError(error) };
  if (!result) return { ok: false, message: "Roster gave no answer. Try again." };
  if (result.__typename === typename) return { ok: true, payload: result as Extract<R, { __typename: N }> };
  const message = "message" in result && typeof result.message === "string" ? result.message : null;
  return { ok: false, message: message ?? "Roster refused the change." };
}
