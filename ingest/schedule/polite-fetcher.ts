import { FetchError, type FetchedBody, safeFetch } from '../sources/safe-fetch.ts';
import { HostLimiter } from './host-limiter.ts';
import { defaultRetryPolicy, type RetryPolicy, withRetry } from './retry-policy.ts';

export const defaultUserAgent = 'matscout/0.1 (materials application discovery; scheduled ingestion)';

export interface PoliteFetcherOptions {
  /** Private/loopback hosts or addresses that may be fetched (URL_ALLOW_LIST). */
  allowList: string[];
  userAgent?: string;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  limiter?: HostLimiter;
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (url: string, error: unknown, attempt: number, delayMs: number) => void;
}

/** Fetches one URL; `maxBytes` overrides the default limit (bulk files are larger). */
export type PoliteFetcher = (url: string, options?: { maxBytes?: number }) => Promise<FetchedBody>;

/**
 * safeFetch (private addresses refused before connecting, timeouts, size and redirect limits,
 * content-type checks) behind a per-host limiter, with backoff for retryable failures only: network
 * errors, 5xx, and 429 (honouring Retry-After).
 */
export function createPoliteFetcher(options: PoliteFetcherOptions): PoliteFetcher {
  const limiter = options.limiter ?? new HostLimiter();
  const policy = options.retry ?? defaultRetryPolicy;
  return async (url, overrides = {}) => {
    let host = url;
    try {
      host = new URL(url).host;
    } catch {
      // safeFetch reports the invalid URL.
    }
    let attempts = 0;
    try {
      return await withRetry(
        (attempt) => {
          attempts = attempt;
          return limiter.run(host, () =>
            safeFetch(url, {
              allowList: options.allowList,
              userAgent: options.userAgent ?? defaultUserAgent,
              timeoutMs: options.timeoutMs,
              maxBytes: overrides.maxBytes ?? options.maxBytes,
              maxRedirects: options.maxRedirects,
            }),
          );
        },
        {
          policy,
          isRetryable: (error) => error instanceof FetchError && error.retryable,
          retryAfterMs: (error) => (error instanceof FetchError ? error.retryAfterMs : undefined),
          sleep: options.sleep,
          onRetry: (error, attempt, delay) => options.onRetry?.(url, error, attempt, delay),
        },
      );
    } catch (error) {
      if (error instanceof FetchError && attempts > 1) {
        throw new FetchError(error.url, `${error.message} (after ${attempts} attempts)`, {
          retryable: error.retryable,
          status: error.status,
          retryAfterMs: error.retryAfterMs,
          cause: error,
        });
      }
      throw error;
    }
  };
}
