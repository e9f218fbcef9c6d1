import { randomUUID } from 'node:crypto';
import {
  type DocumentBundle,
  type GraphDocument,
  type GraphStore,
  type IngestCounts,
  type IngestItemError,
  type IngestRun,
  isGraphUnavailable,
  type LeaseFence,
  type PendingCandidates,
} from '../../graph/index.ts';
import { extractionDigest } from '../extract/extraction-digest.ts';
import type { Extractor } from '../extract/extractor.ts';
import { sha256 } from '../parse/document-ids.ts';
import type { DocumentParser, ParsedDocument } from '../parse/document-parser.ts';
import { isRetryableFailure } from '../sources/failure-retryability.ts';
import { expandInputs, type InputItem } from '../sources/input-items.ts';
import type { DownloadedFile } from '../sources/safe-download.ts';
import type { FetchedBody } from '../sources/safe-fetch.ts';
import { type DocumentAnalysis, type DocumentAnalyzer, inlineAnalyzer } from './document-analysis.ts';
import { type DocumentReader, inlineReader, type ReadInput } from './document-reader.ts';
import { candidateWrites } from './extraction-records.ts';
import { type HeldDocument, PromotionWindow } from './promotion-window.ts';
import { RecentReadings } from './recent-readings.ts';
import { recordAbort, saveRunOutcome } from './run-hand-back.ts';
import { startRunHeartbeat } from './run-heartbeat.ts';
import { stopsRun, ThreadOutOfMemoryError } from './thread-memory.ts';

/**
 * Either an extractor (chunked and extracted on this thread) or an analyzer (e.g. the ingestion pool's,
 * which does that work on worker threads).
 */
export type IngestionDependencies = IngestionServices &
  ({ extractor: Extractor; analyzer?: undefined } | { analyzer: DocumentAnalyzer; extractor?: undefined });

export interface IngestionServices {
  store: GraphStore;
  /** Parsers for the inline reader (default: every parser); ignored when `reader` is given. */
  parsers?: readonly DocumentParser[];
  /** Parses inputs (e.g. the ingestion pool's reader, on worker threads); default: on this thread. */
  reader?: DocumentReader;
  /**
   * Fetches URL inputs (the caller injects safeFetch with its allow-list); URLs fail without it. A body
   * saved to a temporary file (big bulk files) is parsed from disk and disposed of afterwards. `signal` is
   * the run's own, so a stopped run does not wait for a download.
   */
  fetchUrl?: (url: string, signal?: AbortSignal) => Promise<FetchedBody | DownloadedFile>;
  now?: () => Date;
  generateId?: () => string;
  /**
   * Promotes mined candidates whose support passed the threshold: before each window of held documents
   * is written (see `IngestionOptions.lookAhead`) and once at the end of a finished run; resolves with
   * the ids of the terms that became entities (the caller then re-extracts the stored chunks that name
   * them).
   */
  promoteCandidates?: (pending?: PendingCandidates) => Promise<readonly string[]>;
}

export interface IngestionProgress {
  items: number;
  documents: number;
  failed: number;
  currentItem: string;
}

export interface IngestionOptions {
  inputs: string[];
  /** Label of the run's source (a declared source id, or the inputs joined). */
  source?: string;
  runId?: string;
  /** Documents written per transaction. */
  batchSize?: number;
  /** Folders a symbolic link inside an input folder may lead into (besides the inputs themselves). */
  roots?: readonly string[];
  /**
   * The items to read, when the caller finds them as the run goes (a declared folder source hashes each
   * new file just before it is read); without it the run expands `inputs`.
   */
  items?: AsyncIterable<InputItem> | undefined;
  /**
   * Keeps, and may amend, the documents to write (e.g. only those dated on or before a back-test
   * cutoff, with the index's authoritative date); undefined skips one (counted as skipped).
   */
  select?: (document: ParsedDocument, origin: string) => ParsedDocument | undefined;
  onProgress?: (progress: IngestionProgress) => void;
  /**
   * Stops the run at its next safe point (status `cancelled`): no further document is read or analysed,
   * the batch being written commits, and analysed documents not yet written are dropped, so the next run
   * of the same inputs reads them again (what was written meets its stored version as unchanged).
   */
  signal?: AbortSignal;
  /** The lease the run executes under: its record is saved only while the lease is still held. */
  fence?: LeaseFence;
  /**
   * With `promoteCandidates`: analysed documents held in a window before writing (default 500; 0 writes
   * them as they come and promotes only at the end). Mined terms the window brings to the threshold are
   * promoted first, and the documents that name them analysed again, so each is written once with them
   * (see PromotionWindow); one window is written while the next fills.
   */
  lookAhead?: number;
  /** Characters of text a window holds at most, whatever `lookAhead` says (default 24 M). */
  lookAheadChars?: number;
  /**
   * Documents whose reading the run remembers, to keep the longer of two readings (default 100,000;
   * never fewer than the run holds unwritten); an older one meets its stored version instead.
   */
  rememberedReadings?: number;
  /** How often the running record is saved (default 30 s; see startRunHeartbeat). */
  heartbeatMs?: number;
}

/** Analysed documents a window holds before writing, to promote mined terms first. */
export const defaultLookAhead = 500;
const defaultLookAheadChars = 24 * 1024 * 1024;
const defaultRememberedReadings = 100_000;

/** Counts of a run that has not processed anything yet. */
export const emptyCounts = (): IngestCounts => ({
  items: 0,
  documents: 0,
  added: 0,
  updated: 0,
  unchanged: 0,
  failed: 0,
  chunks: 0,
  mentions: 0,
  facts: 0,
  skipped: 0,
  duplicates: 0,
  droppedFacts: 0,
});

interface Pending {
  parsed: ParsedDocument;
  origin: string;
}

/** The stored form of a parsed document; the hash covers everything that changes what is written. */
export function toGraphDocument(
  parsed: ParsedDocument,
  origin: string,
  runId: string,
  extractorName: string,
): GraphDocument {
  const { sections: _sections, ...rest } = parsed;
  const metadata = JSON.stringify([
    parsed.title,
    parsed.publishedAt,
    parsed.kind,
    parsed.sections,
    parsed.cpc,
    parsed.assignees,
  ]);
  return {
    ...rest,
    origin,
    contentHash: sha256(`${extractorName}\n${metadata}\n${parsed.text}`),
    ingestRunId: runId,
    cpc: parsed.cpc ?? [],
    ipc: parsed.ipc ?? [],
    assignees: parsed.assignees ?? [],
    inventors: parsed.inventors ?? [],
  };
}

/**
 * Streams inputs through parse → chunk → extract → batched graph writes with bounded memory (parsing,
 * chunking and extraction on worker threads when the reader and analyzer are the pool's), and
 * records an IngestRun. Per-item failures are recorded with a reason and the run goes on; documents
 * whose content hash is stored already are skipped, so a re-run (or a resumed, killed run) writes
 * nothing twice.
 */
export async function runIngestion(
  deps: IngestionDependencies,
  options: IngestionOptions,
): Promise<IngestRun> {
  const now = deps.now ?? (() => new Date());
  const analyzer = deps.analyzer ?? inlineAnalyzer(deps.extractor);
  const reader = deps.reader ?? inlineReader(deps.parsers);
  const runId = options.runId ?? deps.generateId?.() ?? `run-${randomUUID()}`;
  const started = now();
  const counts = emptyCounts();
  const errors: IngestItemError[] = [];
  const batchSize = options.batchSize ?? 25;
  let pending: Pending[] = [];
  let currentItem = '';
  const run: IngestRun = {
    id: runId,
    kind: 'ingest',
    source: options.source ?? options.inputs.join(' '),
    status: 'running',
    startedAt: started.toISOString(),
    counts,
    errors,
  };
  await deps.store.saveIngestRun(run, options.fence);
  const heartbeat = startRunHeartbeat(deps.store, run, {
    now,
    fence: options.fence,
    intervalMs: options.heartbeatMs,
  });
  // Set when a write finds the graph unreachable, or when the analysis threads cannot hold the vocabulary:
  // every later document would fail alike, so the run stops (at the next document it reads) instead of
  // reading, analysing and failing the rest one by one. What was analysed before the latter is written.
  let graphLost: Error | undefined;
  let analysisLost: Error | undefined;
  const throwIfLost = () => {
    const lost = graphLost ?? analysisLost;
    if (lost) throw lost;
  };
  const stopped = () => options.signal?.aborted === true;
  const losesGraph = (error: unknown): boolean => {
    if (!isGraphUnavailable(error)) return false;
    graphLost = error as Error;
    return true;
  };

  const fail = (item: string, reason: string, retryable = false) => {
    counts.failed += 1;
    errors.push({ item, reason, retryable });
  };
  const progress = () =>
    options.onProgress?.({
      items: counts.items,
      documents: counts.documents,
      failed: counts.failed,
      currentItem,
    });

  // One batch's graph write stays in flight while the next batch is looked up and analysed (on the pool's
  // threads, or between the write's I/O waits), so extraction and Neo4j work overlap. Writes still run one
  // at a time, in order; a batch naming a document still being written waits for that write first.
  let writing: Promise<void> = Promise.resolve();
  let writingIds = new Set<string>();
  const record = (results: Awaited<ReturnType<GraphStore['writeDocuments']>>) => {
    for (const result of results) {
      counts[result.status] += 1;
      counts.chunks += result.chunks;
      counts.mentions += result.mentions;
      counts.facts += result.facts;
    }
  };
  const write = async (bundles: DocumentBundle[]): Promise<void> => {
    if (graphLost) return;
    try {
      record(await deps.store.writeDocuments(bundles));
    } catch (error) {
      if (losesGraph(error)) return;
      // One bad document must not sink its batch: retry one by one and report only the culprit.
      for (const bundle of bundles) {
        try {
          record(await deps.store.writeDocuments([bundle]));
        } catch (error) {
          if (losesGraph(error)) return;
          fail(
            `${bundle.document.origin ?? ''}#${bundle.document.id}`,
            `graph write failed: ${(error as Error).message.split('\n')[0]}`,
            true,
          );
        }
      }
    }
  };
  /** The bundle of an analysed document, counted as it goes to be written (once per document). */
  const bundleOf = ({ document, analysis }: HeldDocument): DocumentBundle => {
    const { chunks, extraction } = analysis;
    counts.droppedFacts += extraction.dropped;
    const candidates = candidateWrites(extraction);
    if (candidates.length > 0) counts.candidates = (counts.candidates ?? 0) + candidates.length;
    const version = extraction.vocabularyGraphVersion;
    if (version !== undefined) run.vocabularyVersion = Math.max(run.vocabularyVersion ?? 0, version);
    return {
      document: {
        ...document,
        extractionHash: extractionDigest(extraction),
        ...(version !== undefined ? { vocabularyVersion: version } : {}),
      },
      chunks,
      entities: extraction.entities,
      mentions: extraction.mentions,
      facts: extraction.facts,
      ...(candidates.length > 0 ? { candidates } : {}),
    };
  };
  /** Queues documents for writing, a batch at a time, each write overlapping what comes next. */
  const enqueue = async (documents: HeldDocument[]) => {
    for (let index = 0; index < documents.length; index += batchSize) {
      await writing;
      // A stopped run writes nothing more: a batch is all of its documents or none of them.
      if (stopped()) return;
      const bundles = documents.slice(index, index + batchSize).map(bundleOf);
      writingIds = new Set(bundles.map((bundle) => bundle.document.id));
      // write() catches every failure itself, so this promise never rejects.
      writing = write(bundles);
    }
  };

  const promote = async (pending?: PendingCandidates): Promise<readonly string[]> => {
    try {
      const promoted = (await deps.promoteCandidates?.(pending)) ?? [];
      counts.promoted = (counts.promoted ?? 0) + promoted.length;
      return promoted;
    } catch (error) {
      // Nothing is lost: the documents are written as they are, and promotion is tried again at the end
      // of the run or after the next one.
      errors.push({
        item: 'mined terms',
        reason: `promotion failed: ${(error as Error).message}`,
        retryable: true,
      });
      return [];
    }
  };
  const lookAhead = deps.promoteCandidates ? Math.max(0, options.lookAhead ?? defaultLookAhead) : 0;
  const lookAheadChars = options.lookAheadChars ?? defaultLookAheadChars;
  // Never fewer than the documents a run can hold unwritten (two windows, a batch, a write in flight).
  const readings = new RecentReadings(
    Math.max(options.rememberedReadings ?? defaultRememberedReadings, 4 * (lookAhead + batchSize)),
  );
  const window =
    lookAhead > 0
      ? new PromotionWindow({
          promote,
          analyze: (parsed, analysisOptions) => analyzer.analyze(parsed, analysisOptions),
          stopped,
          onReanalysed: () => {
            counts.reanalysed = (counts.reanalysed ?? 0) + 1;
          },
          write: (documents) => {
            queued = queued.then(() => enqueue(documents));
          },
          drain: async () => {
            await queued;
            await writing;
          },
        })
      : undefined;
  let held: HeldDocument[] = [];
  let heldChars = 0;
  // The window's writes, started in order (enqueue keeps one batch in flight at a time).
  let queued: Promise<void> = Promise.resolve();
  // A full window is promoted and written while the next one fills (at most two are held). A stopped run
  // drops what it holds, unwritten: the next run reads those documents again.
  let settling: Promise<void> = Promise.resolve();
  const settle = () => {
    const documents = held;
    held = [];
    heldChars = 0;
    const previous = settling;
    settling = (async () => {
      await previous;
      if (!window || documents.length === 0 || stopped()) return;
      await window.settle(documents);
    })();
    // Rethrown where it is awaited (the next window, or the end of the run).
    settling.catch(() => undefined);
  };

  const flush = async () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    if (batch.some((entry) => writingIds.has(entry.parsed.id))) await writing;
    const versions = await deps.store.documentVersions(batch.map((entry) => entry.parsed.id));
    const toAnalyse: { parsed: ParsedDocument; document: GraphDocument; replaces: boolean }[] = [];
    for (const { parsed, origin } of batch) {
      const document = toGraphDocument(parsed, origin, runId, analyzer.name);
      const stored = versions.get(document.id);
      if (stored?.contentHash === document.contentHash) {
        counts.unchanged += 1;
        continue;
      }
      // The same publication read from a second, poorer source (e.g. a metadata record after the full
      // text) keeps the richer stored version; the same source with new content replaces it.
      if (stored && stored.origin !== origin && stored.textLength >= document.text.length) {
        counts.duplicates += 1;
        continue;
      }
      toAnalyse.push({ parsed, document, replaces: stored !== undefined });
    }
    const epoch = window?.epoch ?? 0;
    // All of a batch at once, so a pool with several threads keeps them busy; results stay in order.
    // A window may analyse its documents again after a promotion: their tags are worth keeping then.
    const analysis = window ? { tags: 'remember' as const } : {};
    const analyses = await Promise.allSettled(
      toAnalyse.map(({ parsed }) => analyzer.analyze(parsed, analysis)),
    );
    const analysed: HeldDocument[] = [];
    analyses.forEach((outcome: PromiseSettledResult<DocumentAnalysis>, index) => {
      const { parsed, document, replaces } = toAnalyse[index] as (typeof toAnalyse)[number];
      if (outcome.status === 'rejected') {
        if (stopsRun(outcome.reason)) {
          analysisLost ??= outcome.reason as Error;
          return;
        }
        const reason = (outcome.reason as Error).message;
        fail(
          `${document.origin ?? ''}#${document.id}`,
          `extraction failed: ${reason}`,
          isRetryableFailure(outcome.reason),
        );
        return;
      }
      analysed.push({ parsed, document, replaces, analysis: outcome.value, epoch });
    });
    if (!window) {
      await enqueue(analysed);
      return;
    }
    for (const entry of analysed) {
      // A longer reading of a held document (seen again in the run) replaces the held one.
      const replaced = held.findIndex((other) => other.document.id === entry.document.id);
      if (replaced >= 0) heldChars -= (held.splice(replaced, 1)[0] as HeldDocument).document.text.length;
      held.push(entry);
      heldChars += entry.document.text.length;
    }
    if (held.length >= lookAhead || heldChars >= lookAheadChars) {
      // At most one window settles while the next is filled: memory stays bounded.
      await settling;
      settle();
    }
  };

  const consume = async (input: ReadInput, origin: string) => {
    for await (const outcome of reader.read(input)) {
      if (stopped()) return;
      throwIfLost();
      if (!outcome.ok) {
        fail(outcome.item, outcome.reason, outcome.retryable);
        continue;
      }
      counts.documents += 1;
      const document = options.select ? options.select(outcome.document, origin) : outcome.document;
      if (!document) {
        counts.skipped += 1;
        continue;
      }
      if (readings.seenLonger(document.id, document.text.length)) {
        counts.duplicates += 1;
        continue;
      }
      pending = pending.filter((entry) => entry.parsed.id !== document.id);
      pending.push({ parsed: document, origin });
      if (pending.length >= batchSize) await flush();
      progress();
    }
  };

  const handle = async (item: InputItem) => {
    if (item.kind === 'error') {
      fail(item.item, item.reason, item.retryable);
      return;
    }
    if (item.kind === 'file') {
      currentItem = item.path;
      try {
        await consume({ kind: 'file', path: item.path }, item.path);
      } catch (error) {
        // A file too large for the parsing thread's heap fails alone (its documents read before stay).
        if (!(error instanceof ThreadOutOfMemoryError) || stopsRun(error)) throw error;
        fail(item.path, error.message, error.retryable);
      }
      return;
    }
    currentItem = item.url;
    if (!deps.fetchUrl) {
      fail(item.url, 'URL inputs are not enabled for this run');
      return;
    }
    try {
      const body = await deps.fetchUrl(item.url, options.signal);
      try {
        const input: ReadInput =
          'path' in body
            ? { kind: 'file', path: body.path, name: body.url }
            : { kind: 'bytes', name: body.url, bytes: body.bytes };
        await consume(input, body.url);
      } finally {
        if ('dispose' in body) await body.dispose();
      }
    } catch (error) {
      // A download cut short by the run's own stop is not a failure of the URL: the next run reads it.
      if (stopped()) return;
      fail(item.url, (error as Error).message, isRetryableFailure(error));
    }
  };

  try {
    for await (const item of options.items ?? expandInputs(options.inputs, { roots: options.roots })) {
      if (stopped()) break;
      counts.items += 1;
      await handle(item);
      progress();
      throwIfLost();
    }
    // A stopped run drops the documents still waiting for a batch (the next run reads them again).
    if (!stopped()) await flush();
    settle();
    await settling;
    await queued;
    await writing;
    throwIfLost();
    // Writes mark the candidates they touch; each is counted once here (a killed run's, by the next run).
    await deps.store.refreshStaleCandidates();
    if (!stopped() && deps.promoteCandidates) await promote();
    const written = counts.added + counts.updated + counts.unchanged + counts.duplicates + counts.skipped;
    run.status = stopped()
      ? 'cancelled'
      : counts.failed === 0
        ? 'succeeded'
        : written > 0
          ? 'partial'
          : 'failed';
  } catch (error) {
    await settling.catch(() => undefined);
    await queued;
    await writing;
    recordAbort(run, error, { item: currentItem || run.source, retryable: isRetryableFailure(error) });
  } finally {
    await saveRunOutcome(deps.store, run, started, now(), { ...options, heartbeat });
  }
  return run;
}
