import { setTimeout as wait } from 'node:timers/promises';
import type { HostResolver } from '../sources/pinned-target.ts';
import { type DownloadedFile, downloadToFile } from '../sources/safe-download.ts';
import { FetchError, type FetchedBody, safeFetch } from '../sources/safe-fetch.ts';
import { HostLimiter } from './host-limiter.ts';
import { defaultRetryPolicy, type RetryPolicy, withRetry } from './retry-policy.ts';

export const defaultUserAgent = 'matscout/0.1 (materials application discovery; scheduled ingestion)';

export interface PoliteFetcherOptions {
  /** Non-public hosts, addresses or CIDR ranges that may be fetched (URL_ALLOW_LIST). */
  allowList: string[];
  /** Resolves host names (default: the system resolver). */
  resolve?: HostResolver;
  userAgent?: string;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  limiter?: HostLimiter;
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (url: string, error: unknown, attempt: number, delayMs: number) => void;
}

/** Where and how big a download may be; `limitSetting` names the setting that raises `maxBytes`. */
export interface DownloadLimits {
  directory: string;
  maxBytes: number;
  limitSetting?: string;
}

/**
 * Fetches one URL into memory (`maxBytes` overrides the default limit), or with `download` streams it
 * to a temporary file (bulk files), both politely.
 */
export interface PoliteFetcher {
  (url: string, options?: { maxBytes?: number; signal?: AbortSignal }): Promise<FetchedBody>;
  /** `signal` (a run being cancelled) stops the download, and any wait before another try. */
  download(url: string, limits: DownloadLimits, signal?: AbortSignal): Promise<DownloadedFile>;
}

/**
 * safeFetch (non-public addresses refused before connecting, the connection pinned to the checked
 * address, timeouts, size and redirect limits, content-type checks) behind a per-host limiter, with
 * backoff for retryable failures only: network errors, 5xx, and 429 (honouring Retry-After).
 */
export function createPoliteFetcher(options: PoliteFetcherOptions): PoliteFetcher {
  const limiter = options.limiter ?? new HostLimiter();
  const policy = options.retry ?? defaultRetryPolicy;
  const request = {
    allowList: options.allowList,
    resolve: options.resolve,
    userAgent: options.userAgent ?? defaultUserAgent,
    timeoutMs: options.timeoutMs,
    maxRedirects: options.maxRedirects,
  };

  // A stopped caller is not tried again, and stops waiting for the next try.
  const pause = (ms: number, signal: AbortSignal | undefined) =>
    options.sleep ? options.sleep(ms) : wait(ms, undefined, signal ? { signal } : {});
  const politely = async <T>(
    url: string,
    work: () => Promise<T>,
    signal: AbortSignal | undefined,
  ): Promise<T> => {
    let host = url;
    try {
      host = new URL(url).host;
    } catch {
      // The fetch reports the invalid URL.
    }
    let attempts = 0;
    try {
      return await withRetry(
        (attempt) => {
          attempts = attempt;
          return limiter.run(host, work);
        },
        {
          policy,
          isRetryable: (error) => !signal?.aborted && error instanceof FetchError && error.retryable,
          retryAfterMs: (error) => (error instanceof FetchError ? error.retryAfterMs : undefined),
          sleep: (ms) => pause(ms, signal),
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

  const fetcher = (url: string, overrides: { maxBytes?: number; signal?: AbortSignal } = {}) =>
    politely(
      url,
      () =>
        safeFetch(url, {
          ...request,
          maxBytes: overrides.maxBytes ?? options.maxBytes,
          signal: overrides.signal,
        }),
      overrides.signal,
    );
  return Object.assign(fetcher, {
    download: (url: string, limits: DownloadLimits, signal?: AbortSignal) =>
      politely(url, () => downloadToFile(url, { ...request, ...limits, signal }), signal),
  });
}
