/** How often, and how patiently, a retryable failure (network, 5xx, 429) is tried again. */
export interface RetryPolicy {
  /** Total tries, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A server's Retry-After is honoured up to this long; longer waits fail the item (retry later). */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  attempts: 4,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

/** Exponential backoff with full jitter for `attempt` (1 = the wait after the first failure). */
export function backoffDelay(
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export interface RetryOptions {
  policy: RetryPolicy;
  isRetryable(error: unknown): boolean;
  /** A wait the failure asked for (Retry-After). */
  retryAfterMs?(error: unknown): number | undefined;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls `work` until it succeeds, fails with a non-retryable error, or runs out of attempts. */
export async function withRetry<T>(work: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const wait = options.sleep ?? sleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work(attempt);
    } catch (error) {
      if (attempt >= options.policy.attempts || !options.isRetryable(error)) throw error;
      const asked = options.retryAfterMs?.(error);
      if (asked !== undefined && asked > options.policy.maxRetryAfterMs) throw error;
      const delay = Math.max(backoffDelay(attempt, options.policy), asked ?? 0);
      options.onRetry?.(error, attempt, delay);
      await wait(delay);
    }
  }
}
