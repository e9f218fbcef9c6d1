import net from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Why an address may not be fetched: the name of its special-purpose range (`loopback`, `private`,
 * `ipv4Mapped(loopback)`, …), or undefined for a public unicast address. Decided on the address bytes,
 * so every textual form of one address (mapped, compatible, NAT64) gets the same answer.
 */
export function nonPublicRange(address: string): string | undefined {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!net.isIP(bare)) return 'not an IP address';
  const parsed = ipaddr.parse(bare);
  if (parsed.kind() === 'ipv4') {
    const range = (parsed as ipaddr.IPv4).range();
    return range === 'unicast' ? undefined : range;
  }
  return ipv6Range(parsed as ipaddr.IPv6);
}

function embeddedIpv4(address: ipaddr.IPv6): ipaddr.IPv4 {
  const bytes = address.toByteArray();
  return new ipaddr.IPv4(bytes.slice(12, 16));
}

const nat64WellKnown = ipaddr.parseCIDR('64:ff9b::/96');
const ipv4Compatible = ipaddr.parseCIDR('::/96');
const globalUnicast = ipaddr.parseCIDR('2000::/3');

function ipv6Range(address: ipaddr.IPv6): string | undefined {
  // These carry an IPv4 address the packets really go to: the embedded address decides.
  if (address.isIPv4MappedAddress()) {
    const inner = nonPublicRange(address.toIPv4Address().toString());
    return inner && `ipv4Mapped(${inner})`;
  }
  if (address.match(nat64WellKnown)) {
    const inner = nonPublicRange(embeddedIpv4(address).toString());
    return inner && `nat64(${inner})`;
  }
  const range = address.range();
  if (range !== 'unicast') return range;
  // Deprecated IPv4-compatible addresses (::a.b.c.d) and everything outside 2000::/3 have no public use.
  if (address.match(ipv4Compatible)) return 'ipv4Compatible';
  if (!address.match(globalUnicast)) return 'reserved';
  return undefined;
}

/** True for loopback, private, link-local, CGNAT, multicast and every other non-public address. */
export function isPrivateAddress(address: string): boolean {
  return nonPublicRange(address) !== undefined;
}

/** URL_ALLOW_LIST: names, addresses and CIDR ranges that may be fetched although not public. */
export interface AddressAllowList {
  /** True when the host name itself is listed: whatever it resolves to may be fetched. */
  allowsHost(hostname: string): boolean;
  allowsAddress(address: string): boolean;
}

/** A URL host as compared with allow-list names: lower case, brackets and a trailing dot removed. */
export function normaliseHost(hostname: string): string {
  return hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
}

function toComparable(address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()
    ? (address as ipaddr.IPv6).toIPv4Address()
    : address;
}

/**
 * Reads allow-list entries: an IP (`127.0.0.1`, `::1`), a CIDR range (`10.1.0.0/16`) or a host name
 * (`intranet.example`). Addresses compare by bytes, so `127.0.0.1` also allows `::ffff:127.0.0.1`.
 */
export function createAddressAllowList(entries: readonly string[]): AddressAllowList {
  const hosts = new Set<string>();
  const ranges: Array<[ipaddr.IPv4 | ipaddr.IPv6, number]> = [];
  for (const raw of entries) {
    const entry = normaliseHost(raw.trim());
    if (!entry) continue;
    if (ipaddr.isValidCIDR(entry)) {
      const [base, bits] = ipaddr.parseCIDR(entry);
      const mapped = base.kind() === 'ipv6' && (base as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96;
      ranges.push(mapped ? [(base as ipaddr.IPv6).toIPv4Address(), bits - 96] : [base, bits]);
    } else if (net.isIP(entry)) {
      const parsed = toComparable(ipaddr.parse(entry));
      ranges.push([parsed, parsed.kind() === 'ipv4' ? 32 : 128]);
    } else hosts.add(entry);
  }
  return {
    allowsHost: (hostname) => hosts.has(normaliseHost(hostname)),
    allowsAddress(address) {
      const bare = normaliseHost(address).replace(/%.*$/, '');
      if (!net.isIP(bare)) return false;
      const parsed = toComparable(ipaddr.parse(bare));
      return ranges.some(([base, bits]) => base.kind() === parsed.kind() && parsed.match(base, bits));
    },
  };
}
