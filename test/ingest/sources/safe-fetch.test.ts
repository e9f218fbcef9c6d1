import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostResolver } from '../../../ingest/sources/pinned-target.ts';
import { FetchError, safeFetch } from '../../../ingest/sources/safe-fetch.ts';
import { type LocalServer, page, startLocalServer } from './local-http-servers.ts';

/** The FetchError a call rejected with (fails the test when it resolved). */
async function failure(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(FetchError);
    return error as FetchError;
  }
  throw new Error('expected the fetch to be refused');
}

/** A resolver that records the names asked for and answers from a script (one answer per call). */
function scriptedResolver(answers: string[][]): HostResolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (hostname: string) => {
    calls.push(hostname);
    const next = answers[Math.min(calls.length - 1, answers.length - 1)] ?? [];
    return next.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolve, { calls });
}

describe('safeFetch against loopback servers', () => {
  let inside: LocalServer;
  let secret: LocalServer;

  beforeAll(async () => {
    // "inside" plays the allow-listed server; "secret" a service reachable only from this machine,
    // on another loopback address but the same port, as a rebinding target would be.
    inside = await startLocalServer('127.0.0.1', (request, response) => {
      if (request.url?.startsWith('/to/')) {
        response.writeHead(302, { location: decodeURIComponent(request.url.slice(4)) }).end();
      } else if (request.url === '/stall') {
        // Headers and a first line, then nothing: a download that never ends.
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.write('first line\n');
      } else if (request.url === '/trickle') {
        // A byte every 50 ms for ever: never a pause long enough for the idle limit, never an end.
        response.writeHead(200, { 'content-type': 'text/plain' });
        const timer = setInterval(() => response.write('.'), 50);
        response.on('close', () => clearInterval(timer));
      } else if (request.url === '/loop') {
        response.writeHead(302, { location: '/loop' }).end();
      } else page('inside')(request, response);
    });
    secret = await startLocalServer('127.0.0.2', page('secret'), inside.port);
  });

  afterAll(async () => {
    await inside?.close();
    await secret?.close();
  });

  it('fetches an allow-listed server, and the same page through its mapped IPv6 form only when listed', async () => {
    const direct = await safeFetch(`http://127.0.0.1:${inside.port}/a`, { allowList: ['127.0.0.1'] });
    expect(direct.bytes.toString()).toContain('inside');
    // Proves the mapped form reaches the loopback server: the check alone stops it below.
    const mapped = await safeFetch(`http://[::ffff:127.0.0.1]:${inside.port}/b`, {
      allowList: ['127.0.0.1'],
    });
    expect(mapped.bytes.toString()).toContain('inside');
    expect(inside.hits.map((hit) => hit.path)).toEqual(['/a', '/b']);
  });

  it('keeps its time limit when the caller passes a signal, and stops when that signal aborts', async () => {
    const url = `http://127.0.0.1:${inside.port}/stall`;
    const never = new AbortController();
    const timedOut = await failure(
      safeFetch(`http://127.0.0.1:${inside.port}/trickle`, {
        allowList: ['127.0.0.1'],
        signal: never.signal,
        timeoutMs: 300,
      }),
    );
    expect(timedOut.retryable).toBe(true);
    const stopping = new AbortController();
    const fetching = safeFetch(url, { allowList: ['127.0.0.1'], signal: stopping.signal, timeoutMs: 60_000 });
    await expect.poll(() => inside.hits.filter((hit) => hit.path === '/stall').length).toBe(1);
    const started = performance.now();
    stopping.abort();
    await failure(fetching);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('never fetches a loopback page through http://[::ffff:127.0.0.1]:PORT/ without the allow-list', async () => {
    const before = inside.hits.length;
    const resolver = scriptedResolver([]);
    const error = await failure(
      safeFetch(`http://[::ffff:127.0.0.1]:${inside.port}/`, { resolve: resolver }),
    );
    expect(error.message).toMatch(
      /^refused: \[::ffff:7f00:1\] is a non-public address \(ipv4Mapped\(loopback\)\)/,
    );
    expect(error.retryable).toBe(false);
    expect(inside.hits.length).toBe(before);
    expect(resolver.calls).toEqual([]);
  });

  it.each([
    ['http://[::ffff:a9fe:a9fe]/latest/meta-data/', /ipv4Mapped\(linkLocal\)/],
    ['http://[0:0:0:0:0:ffff:169.254.169.254]/', /ipv4Mapped\(linkLocal\)/],
    ['http://[64:ff9b::7f00:1]/', /nat64\(loopback\)/],
    ['http://[64:ff9b:1::a00:1]/', /rfc6052/],
    ['http://[fec0::1]/', /deprecatedSiteLocal/],
    ['http://[fd00::1]/', /uniqueLocal/],
    ['http://[fe80::1]/', /linkLocal/],
    ['http://[::7f00:1]/', /ipv4Compatible/],
    ['http://[2002:7f00:1::1]/', /6to4/],
    ['http://[2001::1]/', /teredo/],
    ['http://[::1]/', /loopback/],
    ['http://198.18.0.1/', /reserved/],
    ['http://100.64.0.1/', /carrierGradeNat/],
    ['http://0.0.0.0/', /unspecified/],
    ['http://2130706433/', /loopback/],
    ['http://0x7f.1/', /loopback/],
    ['http://0177.0.0.1/', /loopback/],
    ['http://127.0.0.1./', /loopback/],
    ['http://10.0.0.1/', /private/],
    ['http://224.0.0.1/', /multicast/],
  ])('refuses %s before connecting', async (url, range) => {
    const resolver = scriptedResolver([]);
    const started = performance.now();
    const error = await failure(safeFetch(url, { resolve: resolver }));
    expect(error.message).toMatch(/^refused: /);
    expect(error.message).toMatch(range);
    expect(error.retryable).toBe(false);
    expect(resolver.calls).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses 0.0.0.0 on the port of a live server without reaching it', async () => {
    const before = inside.hits.length;
    const error = await failure(safeFetch(`http://0.0.0.0:${inside.port}/`));
    expect(error.message).toMatch(/unspecified/);
    expect(inside.hits.length).toBe(before);
  });

  it('refuses a name that resolves to loopback, and one with any non-public address among public ones', async () => {
    const before = inside.hits.length;
    const toLoopback = scriptedResolver([['127.0.0.1']]);
    const error = await failure(safeFetch(`http://evil.test:${inside.port}/`, { resolve: toLoopback }));
    expect(error.message).toMatch(
      /^refused: evil\.test resolves to the non-public address 127\.0\.0\.1 \(loopback\)/,
    );
    const mixed = scriptedResolver([['93.184.216.34', '::ffff:169.254.169.254']]);
    const second = await failure(safeFetch('http://mixed.test/', { resolve: mixed }));
    expect(second.message).toMatch(/::ffff:169\.254\.169\.254 \(ipv4Mapped\(linkLocal\)\)/);
    expect(inside.hits.length).toBe(before);
  });

  it('connects to the address it checked, so a rebinding second answer never gets a socket', async () => {
    const insideBefore = inside.hits.length;
    // First answer allowed (listed), every later answer the secret service.
    const rebinding = scriptedResolver([['127.0.0.1'], ['127.0.0.2']]);
    const body = await safeFetch(`http://rebind.test:${inside.port}/page`, {
      allowList: ['127.0.0.1'],
      resolve: rebinding,
    });
    expect(body.bytes.toString()).toContain('inside');
    expect(rebinding.calls).toEqual(['rebind.test']);
    expect(secret.hits).toEqual([]);
    // The server saw the original name: Host (and SNI on https) stay the URL's.
    expect(inside.hits.slice(insideBefore)).toEqual([{ path: '/page', host: `rebind.test:${inside.port}` }]);
  });

  it('checks every redirect hop: an allowed server redirecting to a forbidden address is refused', async () => {
    const targets = [
      `http://127.0.0.2:${secret.port}/`,
      `http://[::ffff:127.0.0.2]:${secret.port}/`,
      `http://2130706434:${secret.port}/`,
      `http://secret.test:${secret.port}/`,
    ];
    for (const target of targets) {
      const resolver = scriptedResolver([['127.0.0.2']]);
      const error = await failure(
        safeFetch(`http://127.0.0.1:${inside.port}/to/${encodeURIComponent(target)}`, {
          allowList: ['127.0.0.1'],
          resolve: resolver,
        }),
      );
      expect(error.message).toMatch(/^refused: .*(127\.0\.0\.2|7f00:2)/);
      expect(error.retryable).toBe(false);
    }
    expect(secret.hits).toEqual([]);
  });

  it('follows an allowed redirect, refuses other schemes and stops redirect loops', async () => {
    const followed = await safeFetch(
      `http://127.0.0.1:${inside.port}/to/${encodeURIComponent(`http://127.0.0.1:${inside.port}/landing`)}`,
      { allowList: ['127.0.0.1'] },
    );
    expect(followed.url).toBe(`http://127.0.0.1:${inside.port}/landing`);
    const scheme = await failure(
      safeFetch(`http://127.0.0.1:${inside.port}/to/${encodeURIComponent('file:///etc/passwd')}`, {
        allowList: ['127.0.0.1'],
      }),
    );
    expect(scheme.message).toMatch(/only http and https/);
    const loop = await failure(
      safeFetch(`http://127.0.0.1:${inside.port}/loop`, { allowList: ['127.0.0.1'], maxRedirects: 3 }),
    );
    expect(loop.message).toMatch(/too many redirects \(more than 3\)/);
    expect(inside.hits.filter((hit) => hit.path === '/loop')).toHaveLength(4);
  });

  it('allows a listed host name whatever it resolves to, still pinned to the one answer', async () => {
    const resolver = scriptedResolver([['127.0.0.1'], ['127.0.0.2']]);
    const body = await safeFetch(`http://Intranet.Test.:${inside.port}/named`, {
      allowList: ['intranet.test'],
      resolve: resolver,
    });
    expect(body.bytes.toString()).toContain('inside');
    expect(resolver.calls).toHaveLength(1);
    expect(secret.hits).toEqual([]);
  });

  it('over https, connects to the checked address and keeps the original name in SNI', async () => {
    // TLS servers that only record the name a client asks for (no certificate: the handshake then fails).
    const seen: Record<string, string[]> = { inside: [], secret: [] };
    const listen = (host: string, name: string, port: number) => {
      const server = tls.createServer({
        SNICallback: (servername, callback) => {
          seen[name]?.push(servername);
          callback(new Error('no certificate here'));
        },
      });
      server.on('tlsClientError', () => undefined);
      return new Promise<tls.Server>((resolve) => server.listen(port, host, () => resolve(server)));
    };
    const insideTls = await listen('127.0.0.1', 'inside', 0);
    const port = (insideTls.address() as AddressInfo).port;
    const secretTls = await listen('127.0.0.2', 'secret', port);
    try {
      const rebinding = scriptedResolver([['127.0.0.1'], ['127.0.0.2']]);
      const error = await failure(
        safeFetch(`https://pinned.test:${port}/`, { allowList: ['127.0.0.1'], resolve: rebinding }),
      );
      expect(error.message).toMatch(/^fetch failed: /);
      expect(seen).toEqual({ inside: ['pinned.test'], secret: [] });
      expect(rebinding.calls).toEqual(['pinned.test']);
    } finally {
      insideTls.close();
      secretTls.close();
    }
  });
});
