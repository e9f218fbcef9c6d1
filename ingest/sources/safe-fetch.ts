import { lookup } from 'node:dns/promises';
import net from 'node:net';

/** A URL could not be fetched; `retryable` says whether trying again later may help. */
export class FetchError extends Error {
  readonly url: string;
  readonly retryable: boolean;
  readonly status?: number;
  readonly retryAfterMs?: number;
  constructor(
    url: string,
    message: string,
    options: { retryable: boolean; status?: number; retryAfterMs?: number; cause?: unknown },
  ) {
    super(message, { cause: options.cause });
    this.name = 'FetchError';
    this.url = url;
    this.retryable = options.retryable;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }
}

export interface SafeFetchOptions {
  /** Hosts or IPs allowed even though they are private/loopback (e.g. `127.0.0.1` in tests). */
  allowList?: string[];
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  userAgent?: string;
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
  'application/octet-stream',
];

/** True for loopback, private, link-local, CGNAT, multicast and unspecified addresses (v4 and v6). */
export function isPrivateAddress(address: string): boolean {
  if (net.isIPv4(address)) {
    const [a = 0, b = 0] = address.split('.').map(Number);
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127) ||
      a >= 224
    );
  }
  const lower = address.toLowerCase();
  if (lower.startsWith('::ffff:')) return isPrivateAddress(lower.slice(7));
  return (
    lower === '::' ||
    lower === '::1' ||
    /^f[cd]/.test(lower) ||
    /^fe[89ab]/.test(lower) ||
    lower.startsWith('ff')
  );
}

async function assertPublic(url: URL, allowList: string[]): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (allowList.includes(host)) return;
  const addresses = net.isIP(host)
    ? [{ address: host }]
    : await lookup(host, { all: true }).catch((error: unknown) => {
        throw new FetchError(url.href, `cannot resolve ${host}: ${(error as Error).message}`, {
          retryable: true,
          cause: error,
        });
      });
  for (const { address } of addresses) {
    if (isPrivateAddress(address) && !allowList.includes(address)) {
      throw new FetchError(
        url.href,
        `refused: ${host} resolves to the private or loopback address ${address} (allow-list it with URL_ALLOW_LIST to fetch it)`,
        { retryable: false },
      );
    }
  }
}

function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

/**
 * Fetches a URL with the limits a crawler of other people's servers needs: http(s) only, private
 * addresses refused unless allow-listed (checked again on every redirect), bounded redirects, a
 * timeout, a size cap enforced while streaming, and a content-type check.
 */
export async function safeFetch(rawUrl: string, options: SafeFetchOptions = {}): Promise<FetchedBody> {
  const allowList = options.allowList ?? [];
  const maxBytes = options.maxBytes ?? 20 * 1024 * 1024;
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch (error) {
    throw new FetchError(rawUrl, 'not a valid URL', { retryable: false, cause: error });
  }
  for (let redirects = 0; ; redirects++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new FetchError(url.href, `refused: only http and https URLs are fetched, not ${url.protocol}`, {
        retryable: false,
      });
    }
    await assertPublic(url, allowList);
    let response: Response;
    try {
      response = await fetch(url, {
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
        headers: {
          'user-agent':
            options.userAgent ?? 'matscout/0.1 (materials discovery; +https://example.invalid/matscout)',
        },
      });
    } catch (error) {
      const reason = (error as Error).name === 'TimeoutError' ? 'timed out' : (error as Error).message;
      throw new FetchError(url.href, `fetch failed: ${reason}`, { retryable: true, cause: error });
    }
    if (response.status >= 300 && response.status < 400 && response.headers.get('location')) {
      if (redirects >= (options.maxRedirects ?? 5)) {
        throw new FetchError(url.href, `too many redirects (more than ${options.maxRedirects ?? 5})`, {
          retryable: false,
        });
      }
      url = new URL(response.headers.get('location') as string, url);
      await response.body?.cancel();
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      const retryable = response.status === 429 || response.status >= 500;
      throw new FetchError(url.href, `HTTP ${response.status} ${response.statusText}`.trim(), {
        retryable,
        status: response.status,
        retryAfterMs: retryAfter(response.headers.get('retry-after')),
      });
    }
    const contentType = (response.headers.get('content-type') ?? 'application/octet-stream').toLowerCase();
    const accept = options.acceptTypes ?? defaultAccept;
    if (!accept.some((type) => contentType.startsWith(type))) {
      await response.body?.cancel();
      throw new FetchError(url.href, `refused content type ${contentType}`, { retryable: false });
    }
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > maxBytes) {
      await response.body?.cancel();
      throw new FetchError(url.href, `too large: ${declared} bytes (limit ${maxBytes})`, {
        retryable: false,
      });
    }
    const parts: Buffer[] = [];
    let length = 0;
    if (response.body) {
      for await (const part of response.body) {
        length += part.length;
        if (length > maxBytes) {
          throw new FetchError(url.href, `too large: more than ${maxBytes} bytes`, { retryable: false });
        }
        parts.push(Buffer.from(part));
      }
    }
    return {
      url: url.href,
      contentType,
      bytes: Buffer.concat(parts),
      etag: response.headers.get('etag') ?? undefined,
      lastModified: response.headers.get('last-modified') ?? undefined,
    };
  }
}
