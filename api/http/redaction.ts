import ipaddr from 'ipaddr.js';
import type { ApiKey } from '../../graph/index.ts';
import { roleGrants } from './role-policy.ts';

/** Engineers (and admins) run ingestion and see details as they are; every other caller gets them redacted. */
export function seesServerDetails(principal: ApiKey | undefined): boolean {
  return principal !== undefined && roleGrants(principal.role, 'engineer');
}

const hiddenPath = '[server path]';
const hiddenAddress = '[internal address]';
const hiddenBytes = '[file content]';

function isInternalAddress(text: string): boolean {
  if (!ipaddr.isValid(text)) return false;
  const parsed = ipaddr.parse(text);
  const address =
    parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()
      ? (parsed as ipaddr.IPv6).toIPv4Address()
      : parsed;
  return address.range() !== 'unicast';
}

/** `…/name.xml` for an absolute path: the file name helps, the folders say too much about the server. */
function redactPath(path: string): string {
  const name = path.replace(/\/+$/, '').split('/').at(-1) ?? '';
  return name ? `${hiddenPath}/${name}` : hiddenPath;
}

/**
 * Text as a researcher or reviewer may see it: no absolute server paths (`file://` URLs included), no
 * loopback, private, link-local or other non-public IP addresses (nor `localhost`), no raw file bytes
 * (quoted file heads, control characters, replacement characters), and at most 500 characters.
 */
export function redactText(text: string): string {
  let redacted = text
    .replace(/file:\/\/[^\s'"`<>]*/gi, hiddenPath)
    .replace(/starting with "[\s\S]*?"(?=\s|$|[,;)])/g, `starting with ${hiddenBytes}`)
    // An absolute path: a slash that does not follow a URL scheme, a host, or another path character.
    .replace(/(?<![\w.:/\\%\]-])\/[^\s'"`<>|,;()[\]{}]*/g, (path) => redactPath(path))
    .replace(/\blocalhost\b/gi, hiddenAddress)
    .replace(/\[([0-9A-Fa-f:.]+)\]/g, (whole, inner: string) =>
      isInternalAddress(inner) ? hiddenAddress : whole,
    )
    .replace(/(?<![\w.:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f.]*(?![\w:])/g, (candidate) =>
      isInternalAddress(candidate) ? hiddenAddress : candidate,
    )
    .replace(/(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])/g, (candidate) =>
      isInternalAddress(candidate) ? hiddenAddress : candidate,
    )
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]+/g, '?');
  if (redacted.length > 500) redacted = `${redacted.slice(0, 497)}...`;
  return redacted;
}

/** A JSON value with redactText applied to every string in it (keys stay). */
export function redactValue<T>(value: T): T {
  if (typeof value === 'string') return redactText(value) as T;
  if (Array.isArray(value)) return value.map((item) => redactValue(item)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, redactValue(entry)])) as T;
  }
  return value;
}

/** The value as the caller may see it: unchanged for engineers, redacted for everyone else. */
export function forCaller<T>(value: T, principal: ApiKey | undefined): T {
  return seesServerDetails(principal) ? value : redactValue(value);
}
