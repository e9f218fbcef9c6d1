import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { ParseSource } from '../parse/document-parser.ts';

/** How much of a source's start is read for content sniffing. */
export const headBytes = 64 * 1024;

/** True when the bytes start with the gzip magic number (content, not the file name, decides). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The decompressed content of a gzip stream; an error of the raw stream ends it too. */
export function gunzipped(raw: Readable): Readable {
  const gunzip = createGunzip();
  raw.on('error', (error) => gunzip.destroy(error));
  return raw.pipe(gunzip);
}

/** Reads up to `limit` bytes from the start of a stream, then destroys it. */
export async function readHead(stream: Readable, limit: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let length = 0;
  try {
    for await (const part of stream) {
      const buffer = Buffer.isBuffer(part) ? part : Buffer.from(part as Uint8Array);
      parts.push(buffer);
      length += buffer.length;
      if (length >= limit) break;
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(parts).subarray(0, limit);
}

/**
 * Opens a file (gzip-compressed or not) as a ParseSource with a content head for format sniffing; the
 * content is streamed from disk each time it is opened. `name` (default: the path) is what errors show,
 * e.g. the URL a temporary download came from.
 */
export async function openFileSource(
  filePath: string,
  options: { fallbackDate?: string; name?: string } = {},
): Promise<ParseSource> {
  const info = await stat(filePath);
  const handle = await open(filePath, 'r');
  const magic = Buffer.alloc(2);
  try {
    await handle.read(magic, 0, 2, 0);
  } finally {
    await handle.close();
  }
  const compressed = isGzip(magic);
  const openStream = (): Readable => {
    const raw = createReadStream(filePath);
    return compressed ? gunzipped(raw) : raw;
  };
  const head = await readHead(openStream(), headBytes);
  return {
    name: options.name ?? filePath,
    size: compressed ? undefined : info.size,
    head,
    open: openStream,
    fallbackDate: options.fallbackDate,
  };
}

/** Wraps bytes already in memory (a fetched URL body, a feed item) as a ParseSource. */
export function bufferSource(
  name: string,
  bytes: Buffer,
  options: { fallbackDate?: string } = {},
): ParseSource {
  return {
    name,
    size: bytes.length,
    head: bytes.subarray(0, headBytes),
    open: () => Readable.from([bytes]),
    fallbackDate: options.fallbackDate,
  };
}

/** Reads a whole ParseSource into memory, refusing more than `maxBytes` (parsers that need it all). */
export async function readAll(source: ParseSource, maxBytes: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let length = 0;
  for await (const part of source.open()) {
    const buffer = Buffer.isBuffer(part) ? part : Buffer.from(part as Uint8Array);
    length += buffer.length;
    if (length > maxBytes) {
      throw new RangeError(`${source.name} is larger than the ${Math.round(maxBytes / 1048576)} MiB limit`);
    }
    parts.push(buffer);
  }
  return Buffer.concat(parts);
}
