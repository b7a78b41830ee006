import type { ReactNode } from "react";
import type { CombinedError } from "urql";

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

/** A failed load, with a retry that reruns the query. */
export function ErrorState({ error, onRetry }: { error: CombinedError | Error | string; onRetry?: () => void }) {
  const message = typeof error === "string" ? error : describeError(error);
  return (
    <div className="state state-error" role="alert">
      <p>
        <strong>Something went wrong.</strong> {message}
      </p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      {children}
    </div>
  );
}

export function describeError(error: CombinedError | Error): string {
  if ("networkError" in error && error.networkError) return "Roster could not be reached. Check your connection.";
  if ("graphQLErrors" in error && error.graphQLErrors.length > 0) return error.graphQLErrors.map((e) => e.message).join(" ");
  return error.message;
}
