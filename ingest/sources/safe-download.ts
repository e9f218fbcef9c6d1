import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FetchError } from './fetch-error.ts';
import { openCheckedBody, type SafeFetchOptions, tooLargeMessage } from './safe-fetch.ts';

/** A response body saved to a temporary file; `dispose` removes it. */
export interface DownloadedFile {
  url: string;
  contentType: string;
  /** The temporary file holding the (decompressed) body. */
  path: string;
  size: number;
  /** sha256 of the body, hex. */
  sha256: string;
  etag?: string;
  lastModified?: string;
  dispose(): Promise<void>;
}

export interface DownloadOptions extends SafeFetchOptions {
  /** Where the temporary file is created (a folder on disk, not a RAM-backed tmpfs, for big files). */
  directory: string;
  maxBytes: number;
  /** The setting that raises `maxBytes`, named in the too-large error (e.g. `BULK_MAX_BYTES`). */
  limitSetting?: string;
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Streams a URL (checked and pinned like safeFetch) to a temporary file with a size cap, hashing it on
 * the way, so a file of any size is never held in memory. Over the cap it stops at once, removes the
 * partial file and fails with a non-retryable FetchError that names the limit.
 */
export async function downloadToFile(rawUrl: string, options: DownloadOptions): Promise<DownloadedFile> {
  const response = await openCheckedBody(rawUrl, options);
  await mkdir(options.directory, { recursive: true });
  const folder = await mkdtemp(path.join(options.directory, 'matscout-download-'));
  const file = path.join(folder, 'body');
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > options.maxBytes) {
        callback(
          new FetchError(response.url, tooLargeMessage(options.maxBytes, options.limitSetting), {
            retryable: false,
          }),
        );
        return;
      }
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(response.body, meter, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
  } catch (error) {
    response.body.destroy();
    await rm(folder, { recursive: true, force: true });
    if (error instanceof FetchError) throw error;
    const reason = (error as Error).name === 'AbortError' ? 'timed out' : (error as Error).message;
    throw new FetchError(response.url, `download failed: ${reason}`, {
      // A full disk or a lost connection may be fine later; anything else about the file is not.
      retryable: (error as NodeJS.ErrnoException).code !== 'EFBIG',
      cause: error,
    });
  }
  return {
    url: response.url,
    contentType: response.contentType,
    path: file,
    size,
    sha256: hash.digest('hex'),
    etag: headerText(response.headers.etag),
    lastModified: headerText(response.headers['last-modified']),
    dispose: () => rm(folder, { recursive: true, force: true }),
  };
}
