/** One document cut out of a concatenated XML file. */
export type SplitXmlDocument =
  | { index: number; bytes: Buffer }
  | { index: number; tooLarge: true; size: number };

const declaration = Buffer.from('<?xml');
// Bytes to hold back at a chunk end: a `<?xml` may straddle two chunks, and we need the byte after it.
const holdBack = declaration.length;

/** Default cap for one document; real grants with big tables or sequence data stay far below it. */
export const defaultMaxDocumentBytes = 20 * 1024 * 1024;

/**
 * Cuts a stream of concatenated XML documents (USPTO weekly files: each starts with its own
 * `<?xml ...?>` and DOCTYPE) into single documents, holding only the current one in memory. A document
 * larger than `maxDocumentBytes` is dropped while streaming and reported as too large. Content before
 * the first declaration (files without one) counts as a document when it is not blank.
 */
export async function* splitXmlDocuments(
  stream: AsyncIterable<Buffer | Uint8Array | string>,
  options: { maxDocumentBytes?: number } = {},
): AsyncGenerator<SplitXmlDocument> {
  const maxBytes = options.maxDocumentBytes ?? defaultMaxDocumentBytes;
  let parts: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  let index = 0;
  let carry = Buffer.alloc(0);

  const append = (bytes: Buffer): void => {
    if (bytes.length === 0) return;
    size += bytes.length;
    if (size > maxBytes) {
      tooLarge = true;
      parts = [];
    } else if (!tooLarge) {
      parts.push(bytes);
    }
  };
  const finish = (): SplitXmlDocument | undefined => {
    let result: SplitXmlDocument | undefined;
    if (tooLarge) result = { index, tooLarge: true, size };
    else if (size > 0) {
      const bytes = Buffer.concat(parts, size);
      if (!isBlank(bytes)) result = { index, bytes };
    }
    if (result) index++;
    parts = [];
    size = 0;
    tooLarge = false;
    return result;
  };

  for await (const chunk of stream) {
    const incoming = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    const data = carry.length ? Buffer.concat([carry, incoming]) : incoming;
    let from = 0;
    let searchFrom = 0;
    const lastStart = data.length - holdBack - 1;
    while (searchFrom <= lastStart) {
      const found = data.indexOf(declaration, searchFrom);
      if (found < 0 || found > lastStart) break;
      searchFrom = found + 1;
      // `<?xml-stylesheet` and friends are other processing instructions, not a new document.
      if (!isXmlSpace(data[found + holdBack])) continue;
      append(data.subarray(from, found));
      const document = finish();
      if (document) yield document;
      from = found;
    }
    const keepFrom = Math.max(from, data.length - holdBack);
    append(data.subarray(from, keepFrom));
    carry = Buffer.from(data.subarray(keepFrom));
  }
  append(carry);
  const last = finish();
  if (last) yield last;
}

function isXmlSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

function isBlank(bytes: Buffer): boolean {
  for (const byte of bytes) {
    if (!isXmlSpace(byte) && byte !== 0xef && byte !== 0xbb && byte !== 0xbf && byte !== 0) return false;
  }
  return true;
}
