import { FetchError } from './fetch-error.ts';
import { openSafeResponse, type SafeRequestOptions, type SafeResponse } from './safe-request.ts';

export { isPrivateAddress } from './address-policy.ts';
export { FetchError } from './fetch-error.ts';

export interface SafeFetchOptions extends SafeRequestOptions {
  maxBytes?: number;
  /** Accepted content types (prefix match); anything else is refused. */
  acceptTypes?: string[];
}

export interface FetchedBody {
  url: string;
  contentType: string;
  bytes: Buffer;
  etag?: string;
  lastModified?: string;
}

const defaultAccept = [
  'text/html',
  'application/xhtml',
  'application/xml',
  'text/xml',
  'application/rss',
  'application/atom',
  'text/plain',
  'text/markdown',
  'application/json',
  'application/x-ndjson',
  'application/pdf',
  'application/gzip',
  'application/x-gzip',
  // USPTO's weekly bulk files are ZIP archives.
  'application/zip',
  'application/x-zip-compressed',
  'application/octet-stream',
];

function retryAfter(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  const seconds = Number(text);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(text);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

/** The message for a body over its limit; says which setting raises it when there is one. */
export function tooLargeMessage(limit: number, setting?: string): string {
  const mib = limit >= 1048576 ? ` (${(limit / 1048576).toFixed(limit % 1048576 ? 1 : 0)} MiB)` : '';
  const raise = setting ? `; raise ${setting} to accept it` : '';
  return `too large: more than the limit of ${limit} bytes${mib}; it will not be retried${raise}`;
}

/**
 * A checked response ready to read: a success status, an accepted content type, and a declared length
 * within `maxBytes`. Failures say whether a retry may help (network, 5xx, 429) or not.
 */
export async function openCheckedBody(
  rawUrl: string,
  options: SafeFetchOptions & { maxBytes: number; limitSetting?: string },
): Promise<SafeResponse> {
  const response = await openSafeResponse(rawUrl, options);
  if (response.status < 200 || response.status >= 300) {
    response.body.destroy();
    const retryable = response.status === 429 || response.status >= 500;
    throw new FetchError(response.url, `HTTP ${response.status} ${response.statusText}`.trim(), {
      retryable,
      status: response.status,
      retryAfterMs: retryAfter(response.headers['retry-after']),
    });
  }
  const accept = options.acceptTypes ?? defaultAccept;
  if (!accept.some((type) => response.contentType.startsWith(type))) {
    response.body.destroy();
    throw new FetchError(response.url, `refused content type ${response.contentType}`, { retryable: false });
  }
  if (response.declaredLength !== undefined && response.declaredLength > options.maxBytes) {
    response.body.destroy();
    throw new FetchError(
      response.url,
      `${tooLargeMessage(options.maxBytes, options.limitSetting)} (the server declared ${response.declaredLength} bytes)`,
      { retryable: false },
    );
  }
  return response;
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Fetches a URL into memory with the limits a crawler of other people's servers needs: http(s) only,
 * non-public addresses refused unless allow-listed (checked by bytes on every hop, the connection pinned
 * to the checked address), bounded redirects, a timeout, a size cap enforced while streaming, and a
 * content-type check.
 */
export async function safeFetch(rawUrl: string, options: SafeFetchOptions = {}): Promise<FetchedBody> {
  const maxBytes = options.maxBytes ?? 20 * 1024 * 1024;
  // The caller's signal (a run being stopped) cuts the fetch short too; it never lifts the time limit.
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 20_000);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const response = await openCheckedBody(rawUrl, { ...options, maxBytes, signal });
  const parts: Buffer[] = [];
  let length = 0;
  try {
    for await (const part of response.body) {
      const buffer = part as Buffer;
      length += buffer.length;
      if (length > maxBytes) {
        response.body.destroy();
        throw new FetchError(response.url, tooLargeMessage(maxBytes), { retryable: false });
      }
      parts.push(buffer);
    }
  } catch (error) {
    if (error instanceof FetchError) throw error;
    const reason = (error as Error).name === 'AbortError' ? 'timed out' : (error as Error).message;
    throw new FetchError(response.url, `fetch failed while reading: ${reason}`, {
      retryable: true,
      cause: error,
    });
  }
  return {
    url: response.url,
    contentType: response.contentType,
    bytes: Buffer.concat(parts),
    etag: headerText(response.headers.etag),
    lastModified: headerText(response.headers['last-modified']),
  };
}
