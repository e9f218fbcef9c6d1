import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { DeclaredSource, IngestRun, SourceCursor } from '../../graph/index.ts';
import { sha256 } from '../parse/document-ids.ts';
import type { ParsedDocument } from '../parse/document-parser.ts';
import { errnoReason, expandInputs, type InputItem } from '../sources/input-items.ts';
import type { DownloadedFile } from '../sources/safe-download.ts';
import type { FetchedBody } from '../sources/safe-fetch.ts';
import { createGlobMatcher } from './glob-pattern.ts';
import type { DownloadLimits, PoliteFetcher } from './polite-fetcher.ts';

/** What one run of a declared source reads, and how its cursor moves afterwards. */
export interface SourcePlan {
  inputs: string[];
  /**
   * The run's items, found as the run reads them (a folder's new and changed files, each hashed just
   * before it is read, and the items of the walk that failed); without it the run expands `inputs`.
   */
  items?: AsyncIterable<InputItem>;
  fetchUrl?: (url: string, signal?: AbortSignal) => Promise<FetchedBody | DownloadedFile>;
  select?: (document: ParsedDocument, origin: string) => ParsedDocument | undefined;
  /** The cursor after the run: failed retryable items stay new so the next run tries them again. */
  nextCursor(run: IngestRun): SourceCursor;
}

export interface SourcePlanOptions {
  /** Folders a symbolic link inside a folder source may lead into (INGEST_PATH_ALLOW_LIST). */
  roots?: readonly string[];
  /** Bulk files (USPTO weekly URLs) stream to a temporary file in `directory`, up to `maxBytes`. */
  bulk: DownloadLimits;
  /** The run's stop (a cancel, a hand-back): it also stops hashing a file in the middle. */
  signal?: AbortSignal;
}

const maxRememberedItems = 5000;
const isUrl = (location: string) => /^https?:\/\//i.test(location);

async function hashFile(file: string, signal: AbortSignal | undefined): Promise<string> {
  const hash = createHash('sha256');
  for await (const part of createReadStream(file, signal ? { signal } : {})) hash.update(part as Buffer);
  return hash.digest('hex');
}

/** Items of a run that failed and may succeed later, by the file or URL they came from. */
function retryableOrigins(run: IngestRun): Set<string> {
  return new Set(
    run.errors.filter((error) => error.retryable).map((error) => error.item.split('#')[0] ?? ''),
  );
}

/**
 * A folder's run reads the files that are new or changed since the cursor. Each is hashed just before
 * the run reads it, not all before the run starts: a folder of years of weekly files takes minutes to
 * hash, and the run should be reading, showing its progress and answering a cancel meanwhile.
 */
function planFiles(
  root: string,
  glob: string | undefined,
  cursor: SourceCursor,
  roots: readonly string[] | undefined,
  signal: AbortSignal | undefined,
): SourcePlan {
  // Made now, so a bad glob fails the run before it starts.
  const matcher = glob ? createGlobMatcher(glob) : undefined;
  const known = cursor.files ?? {};
  const next: NonNullable<SourceCursor['files']> = {};
  const absoluteRoot = path.resolve(root);
  async function* items(): AsyncGenerator<InputItem> {
    for await (const item of expandInputs([absoluteRoot], { roots })) {
      if (signal?.aborted) return;
      // Failures of the walk (unreadable folders, links leading outside) are reported as they are.
      if (item.kind === 'error') {
        yield item;
        continue;
      }
      if (item.kind !== 'file') continue;
      const relative = path
        .relative(absoluteRoot, item.walkPath ?? item.path)
        .split(path.sep)
        .join('/');
      if (matcher && relative !== '' && !matcher(relative)) continue;
      const before = known[item.path];
      let entry: NonNullable<SourceCursor['files']>[string];
      try {
        const info = await stat(item.path);
        if (before && before.size === info.size && before.mtimeMs === info.mtimeMs) {
          next[item.path] = before;
          continue;
        }
        entry = { size: info.size, mtimeMs: info.mtimeMs, hash: await hashFile(item.path, signal) };
      } catch (error) {
        if (signal?.aborted) return;
        // Gone or unreadable since the walk listed it: reported alone; the cursor keeps what it knew.
        if (before) next[item.path] = before;
        yield { kind: 'error', item: item.path, reason: errnoReason(error), retryable: false };
        continue;
      }
      next[item.path] = entry;
      // Touched but unchanged: remember the new mtime, read nothing.
      if (before?.hash !== entry.hash) yield item;
    }
  }
  return {
    inputs: [absoluteRoot],
    items: items(),
    nextCursor(run) {
      const retry = retryableOrigins(run);
      const files = { ...next };
      for (const file of Object.keys(files)) {
        if (!retry.has(file)) continue;
        const before = known[file];
        if (before) files[file] = before;
        else delete files[file];
      }
      return { ...cursor, files };
    },
  };
}

function planUrls(
  urls: string[],
  cursor: SourceCursor,
  fetcher: PoliteFetcher,
  options: { feed: boolean; bulk?: DownloadLimits },
): SourcePlan {
  const knownUrls = cursor.urls ?? {};
  const fetched: NonNullable<SourceCursor['urls']> = {};
  const unchangedOrigins = new Set<string>();
  const seenItems = new Set(cursor.items ?? []);
  const newItems: string[] = [];
  return {
    inputs: urls,
    fetchUrl: async (url, signal) => {
      // Bulk files go to disk: held in memory, one would outgrow the heap and a string's length.
      const body = options.bulk
        ? await fetcher.download(url, options.bulk, signal)
        : await fetcher(url, { signal });
      const hash = 'sha256' in body ? body.sha256 : sha256(body.bytes.toString('latin1'));
      fetched[url] = { etag: body.etag, lastModified: body.lastModified, hash };
      if (knownUrls[url]?.hash === hash) unchangedOrigins.add(body.url);
      return body;
    },
    select: (document, origin) => {
      if (unchangedOrigins.has(origin)) return undefined;
      if (options.feed) {
        if (seenItems.has(document.id)) return undefined;
        newItems.push(document.id);
      }
      return document;
    },
    nextCursor(run) {
      const retry = retryableOrigins(run);
      const merged = { ...knownUrls };
      for (const [url, entry] of Object.entries(fetched)) if (!retry.has(url)) merged[url] = entry;
      const next: SourceCursor = { ...cursor, urls: merged };
      if (options.feed) next.items = [...(cursor.items ?? []), ...newItems].slice(-maxRememberedItems);
      return next;
    },
  };
}

/** Works out what is new or changed in a declared source since its cursor. */
export async function planSourceRun(
  source: DeclaredSource,
  fetcher: PoliteFetcher,
  options: SourcePlanOptions,
): Promise<SourcePlan> {
  const { spec, cursor } = source;
  switch (spec.type) {
    case 'folder':
      return planFiles(spec.path, spec.glob, cursor, options.roots, options.signal);
    case 'urls':
      return planUrls(spec.urls, cursor, fetcher, { feed: false });
    case 'feed':
      return planUrls([spec.url], cursor, fetcher, { feed: true });
    case 'uspto-bulk':
      return isUrl(spec.location)
        ? planUrls([spec.location], cursor, fetcher, { feed: false, bulk: options.bulk })
        : planFiles(spec.location, undefined, cursor, options.roots, options.signal);
  }
}

/** A one-line description of a source, for listings and run labels. */
export function describeSource(source: DeclaredSource): string {
  const { spec } = source;
  switch (spec.type) {
    case 'folder':
      return `folder ${spec.path}${spec.glob ? ` (${spec.glob})` : ''}`;
    case 'urls':
      return `${spec.urls.length} URL${spec.urls.length === 1 ? '' : 's'}: ${spec.urls.slice(0, 3).join(', ')}`;
    case 'feed':
      return `feed ${spec.url}`;
    case 'uspto-bulk':
      return `USPTO bulk ${spec.location}`;
  }
}
