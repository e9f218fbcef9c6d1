import { PassThrough, type Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import type { ParseSource } from '../parse/document-parser.ts';
import { gunzipped, headBytes, isGzip, readHead } from './file-source.ts';
import { isPassedOver } from './input-items.ts';

/** True when the bytes start like a ZIP archive: a local file header, or the end record of an empty one. */
export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    ((bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[2] === 0x05 && bytes[3] === 0x06))
  );
}

/** Entries more than this are refused: the archive is then not one of documents. */
export const defaultMaxEntries = 100_000;

/** What an archive holds: an entry to parse, or an entry (or the archive itself) that cannot be read. */
export type ArchiveItem = { ok: true; source: ParseSource } | { ok: false; item: string; reason: string };

/** The archive's name joined to an entry's, as in `ipg240102.zip!/ipg240102.xml`. */
export function entryName(archive: string, entry: string): string {
  return `${archive}!/${entry}`;
}

const methodNames: Record<number, string> = {
  9: 'Deflate64',
  12: 'bzip2',
  14: 'LZMA',
  93: 'Zstandard',
  95: 'XZ',
};

/** Why an entry cannot be read, said in the user's terms, or undefined when it can. */
function refusal(entry: Entry): string | undefined {
  if (entry.isEncrypted()) return 'encrypted; unpack it with its password and ingest the files';
  const method = entry.compressionMethod;
  if (method === 0 || method === 8) return undefined;
  const known = methodNames[method];
  return `compression method ${method}${known ? ` (${known})` : ''} is not supported; only stored and deflated entries are read`;
}

/** A stream of one entry, returned at once (as `ParseSource.open` must) and fed once the entry opens. */
function entryStream(zip: ZipFile, entry: Entry): Readable {
  const out = new PassThrough();
  zip.openReadStream(entry, (error, stream) => {
    if (error) {
      out.destroy(error);
      return;
    }
    stream.on('error', (streamError) => out.destroy(streamError));
    out.on('close', () => stream.destroy());
    stream.pipe(out);
  });
  return out;
}

/**
 * The file entries of a ZIP archive (a USPTO weekly bulk file `ipgYYMMDD.zip`, a folder someone zipped),
 * each a ParseSource read straight from the archive, decompressed as it streams: nothing is unpacked to
 * disk, and an entry's name is only ever a label. Folders, hidden files and schema files are passed over,
 * as a folder walk passes them over. An entry that cannot be opened (encrypted, an unsupported
 * compression method) is one failed item, and the next entry is read; an archive that cannot be read at
 * all (corrupt, truncated, too many entries) is one failure, after the entries read before.
 */
export async function* zipArchiveItems(
  input: { path: string } | { bytes: Buffer },
  archive: string,
  options: { maxEntries?: number } = {},
): AsyncGenerator<ArchiveItem> {
  const maxEntries = options.maxEntries ?? defaultMaxEntries;
  let zip: ZipFile;
  try {
    zip = await ('path' in input
      ? yauzl.openPromise(input.path, { autoClose: false })
      : yauzl.fromBufferPromise(input.bytes, { autoClose: false }));
  } catch (error) {
    yield { ok: false, item: archive, reason: `unreadable ZIP archive: ${(error as Error).message}` };
    return;
  }
  try {
    if (zip.entryCount > maxEntries) {
      yield {
        ok: false,
        item: archive,
        reason: `ZIP archive with ${zip.entryCount} entries; at most ${maxEntries} are read (unpack it and ingest the folder)`,
      };
      return;
    }
    try {
      for await (const entry of zip.eachEntry()) {
        const name = entry.fileName;
        const base = name.split('/').pop() ?? name;
        // Folders, macOS resource forks, and what a folder walk passes over too.
        if (name.endsWith('/') || name.startsWith('__MACOSX/') || isPassedOver(base)) continue;
        const label = entryName(archive, name);
        const refused = refusal(entry);
        if (refused) {
          yield { ok: false, item: label, reason: `unreadable ZIP entry: ${refused}` };
          continue;
        }
        try {
          // A gzipped file in the archive (a zipped folder of `.xml.gz`) is read decompressed, as on disk.
          const raw = await readHead(entryStream(zip, entry), headBytes);
          const compressed = isGzip(raw);
          const open = () => (compressed ? gunzipped(entryStream(zip, entry)) : entryStream(zip, entry));
          const head = compressed ? await readHead(open(), headBytes) : raw;
          const size = compressed ? undefined : entry.uncompressedSize;
          yield { ok: true, source: { name: label, size, head, open } };
        } catch (error) {
          yield { ok: false, item: label, reason: `unreadable ZIP entry: ${(error as Error).message}` };
        }
      }
    } catch (error) {
      yield { ok: false, item: archive, reason: `unreadable ZIP archive: ${(error as Error).message}` };
    }
  } finally {
    zip.close();
  }
}
