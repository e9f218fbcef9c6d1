import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { VocabularySnapshot } from '../../graph/index.ts';
import type { ExtractionInput, ExtractionResult, Extractor } from '../extract/extractor.ts';
import type { ParsedDocument, ParseOutcome } from '../parse/document-parser.ts';
import { sharedSnapshots, type VocabularySource } from '../vocabulary/shared-snapshots.ts';
import type { AnalysisOptions, DocumentAnalysis, DocumentAnalyzer } from './document-analysis.ts';
import type { DocumentReader, ReadInput } from './document-reader.ts';
import { type ExtractorSpec, extractorSpecName } from './extractor-spec.ts';
import type {
  AnalyzeTask,
  AnalyzeTaskResult,
  ExtractTask,
  ExtractTaskResult,
  NeedsVocabulary,
  ParseTask,
  VocabularyBuild,
} from './ingestion-worker.ts';
import {
  CompileLosses,
  heapLimitText,
  isThreadOutOfMemory,
  ThreadOutOfMemoryError,
  VocabularyOutOfMemoryError,
} from './thread-memory.ts';
import { vocabularyDelta } from './vocabulary-delta.ts';

export interface IngestionPoolOptions {
  /**
   * Threads that chunk and extract (default 1: on a small machine the main thread keeps a core for
   * requests); parsing has half as many (at least one), so reading the next documents overlaps extraction.
   */
  threads?: number;
  /** Each thread's heap limit in MiB (V8's old generation); undefined keeps Node's default. */
  heapMb?: number;
}

export interface IngestionPoolStats {
  threads: number;
  /** Inputs parsed and documents analysed on the pool's threads. */
  parsedInputs: number;
  completed: number;
  /** Thread ids that parsed or analysed (never the main thread's 0). */
  threadIds: number[];
  /** Threads that died between tasks (a task's own thread loss fails that task with the reason). */
  threadsLost: number;
  /**
   * Vocabulary versions sent to threads, once per thread and version however many tasks wait: whole
   * snapshots, and deltas (the terms a version adds to the one the thread holds, `VocabularyDelta`).
   */
  snapshotsSent: number;
  deltasSent: number;
  /**
   * What the threads did with them: compiled the whole vocabulary, or extended the one they held in
   * place because the version only added terms (a promotion).
   */
  vocabulariesBuilt: number;
  vocabulariesExtended: number;
}

/** What a pool analyzer extracts with; a `graph` spec reads the vocabulary's stamp from `vocabulary`. */
export interface PoolAnalyzerOptions {
  spec: ExtractorSpec;
  vocabulary?: VocabularySource;
}

/**
 * Parsing, chunking and extraction on worker threads, off the caller's event loop: the caller keeps
 * only what is I/O (graph reads and writes). `reader` parses inputs, `analyzer()` chunks and extracts.
 */
export interface IngestionPool {
  readonly reader: DocumentReader;
  analyzer(options: PoolAnalyzerOptions): DocumentAnalyzer;
  /** The same extraction over given chunks (re-extraction of stored documents). */
  extractor(options: PoolAnalyzerOptions): Extractor;
  stats(): IngestionPoolStats;
  close(): Promise<void>;
}

export class IngestionWorkerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IngestionWorkerError';
  }
}

// From the compiled tree (dist/, built by `npm install`) the worker is JavaScript like this module.
const compiled = import.meta.url.endsWith('.js');
const workerUrl = new URL(compiled ? './ingestion-worker.js' : './ingestion-worker.ts', import.meta.url);

/**
 * From TypeScript the worker entry is TypeScript too: threads do not inherit loader hooks registered in
 * the main thread (bin/matscout.js, vitest), so each worker loads tsx itself unless the parent's flags
 * already do. Compiled, it needs nothing.
 */
function workerExecArgv(): string[] {
  const inherited = process.execArgv;
  if (compiled || inherited.some((flag) => /[\\/]tsx[\\/]/.test(flag))) return inherited;
  const loader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return [...inherited, '--import', loader];
}

interface StreamMessage {
  outcomes: ParseOutcome[];
  done?: boolean;
}

export function createIngestionPool(options: IngestionPoolOptions = {}): IngestionPool {
  const threads = Math.max(1, options.threads ?? 1);
  const make = (count: number) =>
    new Piscina({
      filename: workerUrl.href,
      minThreads: count,
      maxThreads: count,
      idleTimeout: 60_000,
      execArgv: workerExecArgv(),
      ...(options.heapMb ? { resourceLimits: { maxOldGenerationSizeMb: options.heapMb } } : {}),
    });
  const analysePool = make(threads);
  const parsePool = make(Math.max(1, Math.ceil(threads / 2)));
  // A thread that dies between tasks (out of memory while it starts or collects) is reported by the pool
  // as an 'error' event, which unheard would end the process; the pool starts another thread itself
  // (not after threads that die while starting: INGEST_THREAD_HEAP_MB's floor keeps that away).
  let threadsLost = 0;
  for (const pool of [analysePool, parsePool])
    pool.on('error', () => {
      threadsLost += 1;
    });
  let completed = 0;
  let parsedInputs = 0;
  let snapshotsSent = 0;
  let deltasSent = 0;
  const vocabularyBuilds: Record<VocabularyBuild, number> = { built: 0, extended: 0 };
  const threadIds = new Set<number>();

  async function* read(input: ReadInput): AsyncGenerator<ParseOutcome> {
    const channel = new MessageChannel();
    const inbox: StreamMessage[] = [];
    let failure: Error | undefined;
    let wake: (() => void) | undefined;
    channel.port1.on('message', (message: StreamMessage) => {
      inbox.push(message);
      wake?.();
    });
    const task: ParseTask = { op: 'parse', input, port: channel.port2 };
    const finished = parsePool
      .run(task, { transferList: [channel.port2] })
      .then((result: { threadId: number }) => {
        threadIds.add(result.threadId);
      })
      .catch((error: Error) => {
        failure = error;
      })
      .finally(() => wake?.());
    let done = false;
    try {
      // Ends with the message marked done; the task's own result may arrive before that message does.
      while (!done) {
        const message = inbox.shift();
        if (!message) {
          if (failure && isThreadOutOfMemory(failure))
            throw new ThreadOutOfMemoryError(
              `the parsing thread ran out of memory reading this input, within ${heapLimitText(options.heapMb)}`,
              { cause: failure },
            );
          if (failure) throw new IngestionWorkerError(`parsing failed on a worker: ${failure.message}`);
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = undefined;
          continue;
        }
        yield* message.outcomes;
        if (message.done) done = true;
        else channel.port1.postMessage('more');
      }
      parsedInputs += 1;
    } finally {
      if (!done) channel.port1.postMessage('stop');
      await finished;
      channel.port1.close();
    }
  }

  /**
   * Per spec and thread, the vocabulary stamp a thread was last sent (it keeps only that one), and
   * the sends in flight. A task that reaches a thread before that thread has its vocabulary bounces;
   * after a version change every task already queued bounces, and with a vocabulary grown by a
   * backfill's mined terms each copy of the snapshot costs the sender and the thread a clone of
   * thousands of terms. So a version's snapshot goes to a thread once: the other tasks it bounces
   * wait for that send and go again without a copy.
   */
  const delivered = new Map<string, string>();
  const delivering = new Map<string, Promise<unknown>>();
  // The last versions sent, by stamp: a thread holding one of them gets only what the next one adds.
  const sentVersions = new Map<string, VocabularySnapshot>();
  const keptVersions = 3;
  const remember = (snapshot: VocabularySnapshot) => {
    sentVersions.delete(snapshot.stamp);
    sentVersions.set(snapshot.stamp, snapshot);
    for (const stamp of sentVersions.keys()) {
      if (sentVersions.size <= keptVersions) break;
      sentVersions.delete(stamp);
    }
  };
  const maxBounces = 4 + 2 * threads;
  const compileLosses = new CompileLosses();

  /**
   * Runs a task on the analysis threads; a thread that reached its heap limit becomes a typed error
   * that says whether the document or the vocabulary (of `terms`, when a delta was sent) was too large.
   */
  async function runTask<R extends { ok: boolean }>(
    task: AnalyzeTask | ExtractTask,
    terms?: number,
  ): Promise<R> {
    try {
      const result = (await analysePool.run(task)) as R;
      if (result.ok) compileLosses.succeeded();
      return result;
    } catch (error) {
      if (!isThreadOutOfMemory(error)) throw error;
      const compiling = task.snapshot !== undefined || task.vocabularyDelta !== undefined;
      const limit = heapLimitText(options.heapMb);
      const size = task.snapshot?.terms.length ?? terms;
      const vocabulary =
        size === undefined ? 'the vocabulary' : `the vocabulary (${size.toLocaleString('en-US')} terms)`;
      if (compileLosses.lost(compiling)) {
        throw new VocabularyOutOfMemoryError(
          `the ingestion threads ran out of memory twice in a row while compiling ${vocabulary} within ${limit}; no document can be analysed until they have more`,
          { cause: error },
        );
      }
      throw new ThreadOutOfMemoryError(
        compiling
          ? `the ingestion thread ran out of memory while compiling ${vocabulary} and analysing this document, within ${limit}`
          : `the ingestion thread ran out of memory analysing this document, within ${limit}`,
        { cause: error },
      );
    }
  }

  /**
   * Runs a task with the vocabulary it needs: a thread that has not seen that stamp answers so, and
   * the graph's current snapshot goes to that thread once per stamp (see `delivered`). Stamps are
   * compared for equality only: after a restore the graph's version can be older than a thread's.
   */
  function vocabularyRunner(options: PoolAnalyzerOptions) {
    const { spec, vocabulary } = options;
    if (spec.kind === 'graph' && !vocabulary) throw new Error('a graph spec needs the vocabulary store');
    const specKey = JSON.stringify(spec);
    const snapshots = vocabulary ? sharedSnapshots(vocabulary) : undefined;
    type Bounce = NeedsVocabulary;
    return async <T extends AnalyzeTask | ExtractTask, R extends { ok: boolean }>(task: T): Promise<R> => {
      if (spec.kind === 'graph' && vocabulary) task.vocabularyStamp = await vocabulary.stamp();
      let attempt: T = task;
      for (let bounce = 0; bounce <= maxBounces; bounce += 1) {
        const result = await runTask<R | Bounce>(attempt);
        if (result.ok) return result as R;
        const { needsVocabulary, holds, threadId: thread } = result as Bounce;
        // A thread that could not take a delta gets the whole snapshot.
        const deltaRefused = attempt.vocabularyDelta !== undefined;
        const key = `${specKey}|${thread}`;
        // Whoever finds no send in flight starts one before awaiting anything, so waiters woken together
        // do not each send a copy.
        for (let inFlight = delivering.get(key); inFlight; inFlight = delivering.get(key))
          await inFlight.catch(() => undefined);
        if (delivered.get(key) === needsVocabulary) {
          // The thread was sent this vocabulary since the task bounced: go again.
          continue;
        }
        const send = (snapshots as NonNullable<typeof snapshots>).snapshot().then(async (current) => {
          // The thread may hold the graph's current vocabulary already (sent for a newer task).
          const copy = delivered.get(key) !== current.stamp;
          const base = copy && holds && !deltaRefused ? sentVersions.get(holds) : undefined;
          const delta = base ? vocabularyDelta(base, current) : undefined;
          if (copy) {
            remember(current);
            if (delta) deltasSent += 1;
            else snapshotsSent += 1;
          }
          const next = !copy
            ? { ...task, vocabularyStamp: current.stamp }
            : delta
              ? { ...task, vocabularyStamp: current.stamp, vocabularyDelta: delta }
              : { ...task, vocabularyStamp: current.stamp, snapshot: current };
          return { next, copy, answer: await runTask<R | Bounce>(next, current.terms.length) };
        });
        delivering.set(key, send);
        try {
          const { next, copy, answer } = await send;
          if (answer.ok) {
            // The pool may have run it on another thread, which now has the snapshot; this one may not.
            const receiver = (answer as unknown as { threadId: number }).threadId;
            if (copy) delivered.set(`${specKey}|${receiver}`, next.vocabularyStamp);
            return answer as R;
          }
          attempt = next;
        } finally {
          if (delivering.get(key) === send) delivering.delete(key);
        }
      }
      throw new IngestionWorkerError('the worker did not take the vocabulary snapshot');
    };
  }

  const checked = (
    name: string,
    result: { extractorName: string; threadId: number; vocabularyBuild?: VocabularyBuild },
  ) => {
    if (result.extractorName !== name) {
      throw new IngestionWorkerError(`worker built extractor ${result.extractorName}, expected ${name}`);
    }
    completed += 1;
    threadIds.add(result.threadId);
    if (result.vocabularyBuild) vocabularyBuilds[result.vocabularyBuild] += 1;
  };

  function analyzer(analyzerOptions: PoolAnalyzerOptions): DocumentAnalyzer {
    const name = extractorSpecName(analyzerOptions.spec);
    const run = vocabularyRunner(analyzerOptions);
    return {
      name,
      async analyze(parsed: ParsedDocument, options: AnalysisOptions = {}): Promise<DocumentAnalysis> {
        const task: AnalyzeTask = { op: 'analyze', spec: analyzerOptions.spec, parsed };
        if (options.tags) task.tags = options.tags;
        const result = await run<AnalyzeTask, Extract<AnalyzeTaskResult, { ok: true }>>(task);
        checked(name, result);
        return { chunks: result.chunks, extraction: result.extraction };
      },
    };
  }

  function extractor(extractorOptions: PoolAnalyzerOptions): Extractor {
    const name = extractorSpecName(extractorOptions.spec);
    const run = vocabularyRunner(extractorOptions);
    return {
      name,
      async extract(input: ExtractionInput): Promise<ExtractionResult> {
        const task: ExtractTask = { op: 'extract', spec: extractorOptions.spec, input };
        const result = await run<ExtractTask, Extract<ExtractTaskResult, { ok: true }>>(task);
        checked(name, result);
        return result.extraction;
      },
    };
  }

  return {
    reader: { read },
    analyzer,
    extractor,
    stats: () => ({
      threads,
      parsedInputs,
      completed,
      threadIds: [...threadIds],
      threadsLost,
      snapshotsSent,
      deltasSent,
      vocabulariesBuilt: vocabularyBuilds.built,
      vocabulariesExtended: vocabularyBuilds.extended,
    }),
    close: async () => {
      await Promise.all([analysePool.destroy(), parsePool.destroy()]);
    },
  };
}
