import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { createAddressAllowList } from './address-policy.ts';
import { FetchError } from './fetch-error.ts';
import { type HostResolver, type PinnedTarget, pinnedLookup, resolvePinnedTarget } from './pinned-target.ts';

export interface SafeRequestOptions {
  /** Host names, IPs or CIDR ranges allowed although not public (URL_ALLOW_LIST, e.g. `127.0.0.1` in tests). */
  allowList?: readonly string[];
  /** Resolves host names (default: the system resolver). */
  resolve?: HostResolver;
  /** Limit for connecting and receiving the headers, and for any pause while the body streams. */
  timeoutMs?: number;
  maxRedirects?: number;
  userAgent?: string;
  signal?: AbortSignal;
}

/** A response whose every hop passed the address check; `body` is already decompressed. */
export interface SafeResponse {
  url: string;
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  contentType: string;
  /** Content-Length of an uncompressed body, when the server sent one. */
  declaredLength?: number;
  body: Readable;
}

export const defaultUserAgent = 'matscout/0.1 (materials discovery; +https://example.invalid/matscout)';

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function send(url: URL, target: PinnedTarget, options: SafeRequestOptions): Promise<IncomingMessage> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      {
        protocol: url.protocol,
        hostname: target.hostname,
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        // A fresh socket per request: a pooled one may lead to an address checked for another hop.
        agent: false,
        lookup: pinnedLookup(target),
        signal: options.signal,
        headers: {
          'user-agent': options.userAgent ?? defaultUserAgent,
          'accept-encoding': 'gzip, deflate, br',
          accept: '*/*',
        },
      },
      resolve,
    );
    request.setTimeout(timeoutMs, () => {
      request.destroy(Object.assign(new Error(`timed out after ${timeoutMs} ms`), { name: 'TimeoutError' }));
    });
    request.on('error', reject);
    request.end();
  });
}

function decoded(response: IncomingMessage): Readable {
  const encoding = (header(response.headers, 'content-encoding') ?? 'identity').trim().toLowerCase();
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? createGunzip()
      : encoding === 'deflate'
        ? createInflate()
        : encoding === 'br'
          ? createBrotliDecompress()
          : undefined;
  if (!decoder) return response;
  response.on('error', (error) => decoder.destroy(error));
  return response.pipe(decoder);
}

/**
 * Opens an http(s) URL for reading: every hop's host is resolved once, every address checked by bytes
 * (loopback, private, link-local, CGNAT, mapped/NAT64/6to4 forms and every other special range refused
 * unless allow-listed), and the socket connects to exactly the checked address, so DNS rebinding cannot
 * swap it; redirects are followed by hand, each hop checked the same way, up to `maxRedirects`.
 */
export async function openSafeResponse(
  rawUrl: string,
  options: SafeRequestOptions = {},
): Promise<SafeResponse> {
  const allowList = createAddressAllowList(options.allowList ?? []);
  const maxRedirects = options.maxRedirects ?? 5;
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
    if (url.username || url.password) {
      throw new FetchError(url.href, 'refused: URLs with credentials are not fetched', { retryable: false });
    }
    const target = await resolvePinnedTarget(url, allowList, options.resolve);
    let response: IncomingMessage;
    try {
      response = await send(url, target, options);
    } catch (error) {
      const reason =
        (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError'
          ? 'timed out'
          : (error as Error).message;
      throw new FetchError(url.href, `fetch failed: ${reason}`, { retryable: true, cause: error });
    }
    const status = response.statusCode ?? 0;
    const location = header(response.headers, 'location');
    if (status >= 300 && status < 400 && location) {
      response.destroy();
      if (redirects >= maxRedirects) {
        throw new FetchError(url.href, `too many redirects (more than ${maxRedirects})`, {
          retryable: false,
        });
      }
      try {
        url = new URL(location, url);
      } catch (error) {
        throw new FetchError(url.href, `redirect to an invalid URL`, { retryable: false, cause: error });
      }
      continue;
    }
    const encoding = header(response.headers, 'content-encoding');
    const length = Number(header(response.headers, 'content-length'));
    return {
      url: url.href,
      status,
      statusText: response.statusMessage ?? '',
      headers: response.headers,
      contentType: (header(response.headers, 'content-type') ?? 'application/octet-stream').toLowerCase(),
      declaredLength: !encoding && Number.isFinite(length) ? length : undefined,
      body: decoded(response),
    };
  }
}
