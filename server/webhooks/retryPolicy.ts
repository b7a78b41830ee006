/** Stated in the README ("Webhooks"); the dispatcher takes overrides for tests. */
export interface RetryPolicy {
  /** Attempts per delivery before it is marked FAILED. */
  maxAttempts: number;
  /** Delay before the second attempt; doubles with each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 5_000, maxDelayMs: 600_000 };

/**
 * Delay after the n-th failed attempt: exponential, capped, with "equal
 * jitter" (between half and all of it) so that receivers coming back are not
 * hit by every instance's retries at the same instant.
 */
export function retryDelayMs(policy: RetryPolicy, failedAttempts: number, random = Math.random()): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failedAttempts - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}
