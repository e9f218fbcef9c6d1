import { createHash } from 'node:crypto';

/** Hex SHA-256 of a string or bytes. */
export function sha256(value: string | Uint8Array): string {
  return createHash('sha256').update(value).digest('hex');
}

/**
 * Id of a patent publication: country + number without leading zeros or separators + kind code, so the
 * same publication read from USPTO XML, a JSON record or a PDF collapses to one document.
 * `patentDocumentId('US', '07654321', 'B2')` → `patent:US7654321B2`.
 */
export function patentDocumentId(country: string, number: string, kindCode?: string): string {
  const cleanCountry = country.trim().toUpperCase();
  let cleanNumber = number.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
  if (cleanNumber.startsWith(cleanCountry)) cleanNumber = cleanNumber.slice(cleanCountry.length);
  // Design patents keep their letter prefix (D0701016 → D701016); utility numbers lose leading zeros.
  const prefix = /^[A-Z]+/.exec(cleanNumber)?.[0] ?? '';
  const digits = cleanNumber.slice(prefix.length).replace(/^0+(?=\d)/, '');
  const kind = (kindCode ?? '').trim().toUpperCase();
  return `patent:${cleanCountry}${prefix}${digits}${kind}`;
}

/** Id of a news item: its canonical URL when known, else its title and date. */
export function newsDocumentId(parts: {
  url?: string;
  title?: string;
  date?: string;
  body?: string;
}): string {
  const key = parts.url
    ? canonicalUrlKey(parts.url)
    : `${(parts.title ?? '').trim().toLowerCase()}|${parts.date ?? ''}|${(parts.body ?? '').slice(0, 200)}`;
  return `news:${sha256(key).slice(0, 24)}`;
}

function canonicalUrlKey(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    for (const key of [...parsed.searchParams.keys()]) {
      if (/^(utm_|fbclid|gclid)/i.test(key)) parsed.searchParams.delete(key);
    }
    return `${parsed.protocol}//${parsed.host.toLowerCase()}${parsed.pathname.replace(/\/$/, '')}${parsed.search}`;
  } catch {
    return url.trim();
  }
}
