import { randomUUID } from 'node:crypto';
import type {
  ExtractionReplacement,
  ExtractionSource,
  GraphStore,
  IngestItemError,
  IngestRun,
  LeaseFence,
  ReextractionStore,
  VocabularyChange,
  VocabularyStore,
} from '../../graph/index.ts';
import { extractionDigest } from '../extract/extraction-digest.ts';
import type { Extractor } from '../extract/extractor.ts';
import { surfaceForms } from '../extract/vocabulary.ts';
import { isRetryableFailure } from '../sources/failure-retryability.ts';
import { candidateWrites, extractionInputOf } from './extraction-records.ts';
import { recordAbort, saveRunOutcome } from './run-hand-back.ts';
import { startRunHeartbeat } from './run-heartbeat.ts';
import { emptyCounts } from './run-ingestion.ts';
import { stopsRun } from './thread-memory.ts';

export interface ReextractionDependencies {
  /** Where the run record is kept, and mined candidates marked stale by replacements are counted. */
  store: Pick<GraphStore, 'saveIngestRun' | 'refreshStaleCandidates'>;
  documents: ReextractionStore;
  vocabulary: Pick<VocabularyStore, 'pendingChanges' | 'markReextracted' | 'requestFullReextraction'>;
  extractor: Extractor;
  /** Promotes mined candidates that passed the threshold; resolves with the promoted terms' ids. */
  promoteCandidates?: () => Promise<readonly string[]>;
  now?: () => Date;
  generateId?: () => string;
}

export interface ReextractionProgress {
  documents: number;
  total: number;
  updated: number;
}

export interface ReextractionOptions {
  /** Every stored document, not only those a change affects. */
  all?: boolean;
  runId?: string;
  /** Who asked (recorded on the `reextract-all` change). */
  actor?: string;
  /** Documents per transaction (default 25). */
  batchSize?: number;
  signal?: AbortSignal;
  /** The lease the run executes under: its record is saved only while the lease is still held. */
  fence?: LeaseFence;
  /** How often the running record is saved (default 30 s; see startRunHeartbeat). */
  heartbeatMs?: number;
  onProgress?: (progress: ReextractionProgress) => void;
  /** Promotions can make new changes; at most this many passes (default 3). */
  maxRounds?: number;
}

/** How many times a round reads again the documents ingested again while they were re-extracted. */
const maxRereads = 2;

/** The documents a change may affect, with the plural forms of its names searched too. */
function staleQuery(change: VocabularyChange) {
  return {
    version: change.version,
    surfaces: change.surfaces.flatMap(surfaceForms),
    entityIds: change.entityIds,
    documentIds: change.documentIds,
    all: change.all,
  };
}

/**
 * Applies vocabulary changes to stored documents without re-parsing: finds the documents each pending
 * change affects (full-text phrase search on its names, mentions of the terms it touched, the
 * documents it names), extracts them again from their stored text and chunks, and replaces their
 * mentions, facts and candidates (one transaction per batch). A document whose extraction is unchanged
 * is only marked with the new version; one ingested again since it was read keeps what that ingestion
 * wrote, and is read again if that used an older vocabulary. Recorded as an IngestRun of kind
 * `re-extract`. Interrupted, it leaves whole documents; the next run finds the rest (their version is
 * still older), and once every pending change is applied a second run finds nothing to do.
 */
export async function runReextraction(
  deps: ReextractionDependencies,
  options: ReextractionOptions = {},
): Promise<IngestRun> {
  const now = deps.now ?? (() => new Date());
  const started = now();
  const counts = emptyCounts();
  const errors: IngestItemError[] = [];
  const batchSize = Math.max(1, options.batchSize ?? 25);
  const run: IngestRun = {
    id: options.runId ?? deps.generateId?.() ?? `run-${randomUUID()}`,
    kind: 're-extract',
    source: options.all ? 'vocabulary: every document' : 'vocabulary changes',
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
  const aborted = () => options.signal?.aborted === true;

  /**
   * Reads, extracts and writes the documents in batches; resolves with the ids of those ingested again
   * since they were read (left as that ingestion wrote them).
   */
  const extractAndWrite = async (ids: readonly string[], pendingVersion: number): Promise<string[]> => {
    counts.items += ids.length;
    const superseded: string[] = [];
    // One batch's write stays in flight while the next batch is read and extracted (on the pool's
    // threads, or between the write's I/O waits): the batches name different documents, and a
    // document ingested again meanwhile is left alone by the write (see `superseded`).
    let writing: Promise<void> = Promise.resolve();
    // The next batch's stored text is read while this one is extracted (a read the graph serves
    // while our thread, or the pool's, extracts).
    const read = (from: number) => {
      const reading = deps.documents.readExtractionSources(ids.slice(from, from + batchSize));
      reading.catch(() => undefined);
      return reading;
    };
    let reading = ids.length > 0 ? read(0) : undefined;
    try {
      for (let index = 0; index < ids.length && !aborted(); index += batchSize) {
        const sources = await (reading as Promise<ExtractionSource[]>);
        reading = index + batchSize < ids.length ? read(index + batchSize) : undefined;
        const extracted = await extractBatch(deps, sources, pendingVersion);
        await writing;
        // Stopped while this batch was extracted: it is dropped whole, as if never read.
        if (aborted()) break;
        recordExtracted(run, extracted);
        writing = writeBatch(deps, extracted.replacements, run, superseded).then(() =>
          options.onProgress?.({ documents: counts.documents, total: counts.items, updated: counts.updated }),
        );
        // A failed write is rethrown where it is awaited; meanwhile it must not count as unhandled.
        writing.catch(() => undefined);
      }
    } finally {
      await writing;
    }
    return superseded;
  };

  try {
    if (options.all) await deps.vocabulary.requestFullReextraction({ actor: options.actor ?? 'system' });
    const rounds = Math.max(1, options.maxRounds ?? 3);
    for (let round = 0; round < rounds && !aborted(); round++) {
      const pending = await deps.vocabulary.pendingChanges();
      // Also with nothing pending (another run applied the changes first): the graph is at this version.
      run.vocabularyVersion = Math.max(run.vocabularyVersion ?? 0, pending.version);
      if (pending.changes.length === 0) break;
      const targets = new Set<string>();
      for (const change of pending.changes) {
        for (const id of await deps.documents.findStaleDocuments(staleQuery(change))) targets.add(id);
      }
      const failedBefore = counts.failed;
      let superseded = await extractAndWrite([...targets].sort(), pending.version);
      // A document ingested again while it was extracted keeps what that ingestion wrote. If that was
      // extracted with an older vocabulary than this round applies, it is read and extracted again.
      for (let again = 0; superseded.length > 0 && !aborted(); again++) {
        const stale = await deps.documents.findStaleDocuments({
          version: pending.version,
          surfaces: [],
          entityIds: [],
          documentIds: superseded,
          all: false,
        });
        if (again === maxRereads) {
          // Still changing under the run: the change stays pending for the next one.
          for (const id of stale) {
            counts.failed += 1;
            errors.push({
              item: id,
              reason: `ingested again each time it was re-extracted (${maxRereads + 1} times)`,
              retryable: true,
            });
          }
          break;
        }
        superseded = await extractAndWrite(stale, pending.version);
      }
      // Candidate support is counted once per round, not in every batch (the readers recount what a
      // killed run left marked).
      await deps.store.refreshStaleCandidates();
      if (aborted()) break;
      // A failed document keeps its older version, so the change stays pending for the next run. So do
      // the changes when documents were written with an older vocabulary since they were read (an
      // ingestion running beside this one): the next round finds those documents.
      const marked =
        counts.failed === failedBefore &&
        (await deps.vocabulary.markReextracted(pending.version, pending.writtenBehind));
      const promoted = deps.promoteCandidates ? (await deps.promoteCandidates()).length : 0;
      counts.promoted = (counts.promoted ?? 0) + promoted;
      if (promoted === 0 && (marked || counts.failed > failedBefore)) break;
    }
    run.status = aborted()
      ? 'cancelled'
      : counts.failed === 0
        ? 'succeeded'
        : counts.updated + counts.unchanged > 0
          ? 'partial'
          : 'failed';
  } catch (error) {
    recordAbort(run, error, { item: run.source, retryable: isRetryableFailure(error) });
  } finally {
    await saveRunOutcome(deps.store, run, started, now(), { ...options, heartbeat });
  }
  return run;
}

/** A batch read and extracted, not yet counted nor written. */
interface ExtractedBatch {
  documents: number;
  replacements: ExtractionReplacement[];
  failures: IngestItemError[];
  dropped: number;
  version: number | undefined;
}

/** Extracts a batch's documents (all at once, so a pool with several threads keeps them busy). */
async function extractBatch(
  deps: ReextractionDependencies,
  sources: ExtractionSource[],
  pendingVersion: number,
): Promise<ExtractedBatch> {
  const outcomes = await Promise.allSettled(
    sources.map(({ document, chunks }) => deps.extractor.extract(extractionInputOf(document, chunks))),
  );
  // The threads cannot hold the vocabulary: every document would fail alike, so the run stops (the
  // changes stay pending, and the batch is not written).
  for (const outcome of outcomes)
    if (outcome.status === 'rejected' && stopsRun(outcome.reason)) throw outcome.reason;
  const batch: ExtractedBatch = {
    documents: sources.length,
    replacements: [],
    failures: [],
    dropped: 0,
    version: undefined,
  };
  outcomes.forEach((outcome, index) => {
    const { document } = sources[index] as (typeof sources)[number];
    if (outcome.status === 'rejected') {
      batch.failures.push({
        item: document.id,
        reason: `extraction failed: ${(outcome.reason as Error).message}`,
        retryable: isRetryableFailure(outcome.reason),
      });
      return;
    }
    const extraction = outcome.value;
    const version = extraction.vocabularyGraphVersion ?? pendingVersion;
    batch.version = Math.max(batch.version ?? 0, version);
    batch.dropped += extraction.dropped;
    const candidates = candidateWrites(extraction);
    batch.replacements.push({
      documentId: document.id,
      contentHash: document.contentHash,
      publishedAt: document.publishedAt,
      vocabularyVersion: version,
      extractionHash: extractionDigest(extraction),
      entities: extraction.entities,
      mentions: extraction.mentions,
      facts: extraction.facts,
      ...(candidates.length > 0 ? { candidates } : {}),
    });
  });
  return batch;
}

function recordExtracted(run: IngestRun, batch: ExtractedBatch): void {
  run.counts.documents += batch.documents;
  run.counts.failed += batch.failures.length;
  run.counts.droppedFacts += batch.dropped;
  run.errors.push(...batch.failures);
  if (batch.version !== undefined)
    run.vocabularyVersion = Math.max(run.vocabularyVersion ?? 0, batch.version);
}

/** Writes a batch; the ids of documents ingested again since they were read go to `superseded`. */
async function writeBatch(
  deps: ReextractionDependencies,
  replacements: ExtractionReplacement[],
  run: IngestRun,
  superseded: string[],
): Promise<void> {
  const { counts } = run;
  for (const result of await deps.documents.replaceExtractions(replacements)) {
    if (result.status === 'missing') continue;
    if (result.status === 'superseded') {
      counts.skipped += 1;
      superseded.push(result.documentId);
      continue;
    }
    counts[result.status] += 1;
    counts.chunks += result.chunks;
    counts.mentions += result.mentions;
    counts.facts += result.facts;
    if (result.candidates > 0) counts.candidates = (counts.candidates ?? 0) + result.candidates;
  }
}
