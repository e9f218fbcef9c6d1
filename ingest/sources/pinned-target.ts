import { lookup } from 'node:dns/promises';
import net from 'node:net';
import { type AddressAllowList, nonPublicRange, normaliseHost } from './address-policy.ts';
import { FetchError } from './fetch-error.ts';

/** Resolves a host name to every address it has (dns.lookup by default; tests inject their own). */
export type HostResolver = (hostname: string) => Promise<ReadonlyArray<{ address: string; family: number }>>;

export const systemResolver: HostResolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

/** Where one request goes: the name for Host/SNI and the checked address the socket must connect to. */
export interface PinnedTarget {
  /** The URL's host name without brackets (IPv6 literals bare), for the request's Host and TLS SNI. */
  hostname: string;
  address: string;
  family: 4 | 6;
}

const refusal = (url: URL, what: string) =>
  new FetchError(url.href, `refused: ${what}; allow-list it with URL_ALLOW_LIST to fetch it`, {
    retryable: false,
  });

/**
 * Resolves the URL's host once and checks every address it resolves to (by bytes, every special range);
 * the request then connects to exactly the returned address, so a second, different DNS answer (DNS
 * rebinding) never reaches a socket. A listed host name or address passes the check.
 */
export async function resolvePinnedTarget(
  url: URL,
  allowList: AddressAllowList,
  resolve: HostResolver = systemResolver,
): Promise<PinnedTarget> {
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(hostname)) {
    const range = nonPublicRange(hostname);
    if (range && !allowList.allowsAddress(hostname)) {
      throw refusal(url, `${url.hostname} is a non-public address (${range})`);
    }
    return { hostname, address: hostname, family: net.isIPv6(hostname) ? 6 : 4 };
  }
  let answers: ReadonlyArray<{ address: string; family: number }>;
  try {
    answers = await resolve(hostname);
  } catch (error) {
    throw new FetchError(url.href, `cannot resolve ${hostname}: ${(error as Error).message}`, {
      retryable: true,
      cause: error,
    });
  }
  const first = answers[0];
  if (!first) {
    throw new FetchError(url.href, `cannot resolve ${hostname}: no addresses`, { retryable: true });
  }
  const hostListed = allowList.allowsHost(normaliseHost(hostname));
  for (const { address } of answers) {
    if (!net.isIP(address)) {
      throw new FetchError(url.href, `refused: ${hostname} resolved to '${address}', not an IP address`, {
        retryable: false,
      });
    }
    const range = nonPublicRange(address);
    if (range && !hostListed && !allowList.allowsAddress(address)) {
      throw refusal(url, `${hostname} resolves to the non-public address ${address} (${range})`);
    }
  }
  return { hostname, address: first.address, family: net.isIPv6(first.address) ? 6 : 4 };
}

/**
 * A `lookup` for http(s).request / net.connect that answers only with the pinned address, in both
 * shapes Node asks for (a single address, or a list when it races address families).
 */
export function pinnedLookup(target: PinnedTarget): net.LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  }) as unknown as net.LookupFunction;
}
