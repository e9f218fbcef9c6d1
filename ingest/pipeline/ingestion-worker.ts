/**
 * Worker-thread entry of the ingestion pool. Two tasks: `parse` streams one input's parse outcomes to
 * the caller through a MessagePort (a few documents at a time, waiting for the caller to ask for more,
 * so a big bulk file never sits in memory whole); `analyze` chunks and extracts one document; `extract`
 * extracts a stored document's chunks (re-extraction). Imports
 * only ingest/ and graph types; everything travels as structured-clone data.
 */
import type { MessagePort } from 'node:worker_threads';
import { threadId } from 'node:worker_threads';
import type { VocabularySnapshot } from '../../graph/index.ts';
import type { ExtractionInput, ExtractionResult, Extractor, TagMemory } from '../extract/extractor.ts';
import type { ParsedDocument } from '../parse/document-parser.ts';
import { withoutRetired } from '../vocabulary/graph-vocabulary-extractor.ts';
import { analyzeDocument, type DocumentAnalysis } from './document-analysis.ts';
import { type ReadInput, readDocuments } from './document-reader.ts';
import {
  buildExtractor,
  buildGraphExtractor,
  type ExtractorSpec,
  extendGraphExtractor,
  extendGraphExtractorBy,
  type GraphExtractor,
} from './extractor-spec.ts';
import type { VocabularyDelta } from './vocabulary-delta.ts';

/** Documents per message of a parse stream. */
export const parseBatchSize = 8;

export interface ParseTask {
  op: 'parse';
  input: ReadInput;
  /** Outcomes go out as `{outcomes, done?}`; the caller answers `more` or `stop` after each message. */
  port: MessagePort;
}

export interface AnalyzeTask {
  op: 'analyze';
  spec: ExtractorSpec;
  parsed: ParsedDocument;
  /** Whether the run may analyse this document again, or does (see `ExtractionInput.tags`). */
  tags?: TagMemory;
  /**
   * With a `graph` spec: the vocabulary's stamp to extract with, and when the thread asked for it, its
   * snapshot, or what it adds to the version the thread holds.
   */
  vocabularyStamp?: string;
  snapshot?: VocabularySnapshot;
  vocabularyDelta?: VocabularyDelta;
}

/** Extraction of a stored document's chunks (re-extraction): no parsing, no chunking. */
export interface ExtractTask extends Omit<AnalyzeTask, 'op' | 'parsed'> {
  op: 'extract';
  input: ExtractionInput;
}

/** How the thread came by the vocabulary a task brought, whole or as a delta (`extended`: in place). */
export type VocabularyBuild = 'built' | 'extended';

interface Done {
  ok: true;
  extractorName: string;
  threadId: number;
  vocabularyBuild?: VocabularyBuild;
}

/**
 * This thread has not seen the version yet: the caller sends the task again with its snapshot, or with
 * what it adds to the version the thread holds (`holds`).
 */
export interface NeedsVocabulary {
  ok: false;
  needsVocabulary: string;
  holds?: string;
  threadId: number;
}

export type ExtractTaskResult = (Done & { extraction: ExtractionResult }) | NeedsVocabulary;

export type AnalyzeTaskResult = (DocumentAnalysis & Done) | NeedsVocabulary;

interface Built {
  extractor: Extractor;
  retired: ReadonlySet<string>;
  version?: number;
  stamp?: string;
  /** A graph spec's extractor and vocabulary, which the next version's snapshot may extend. */
  graph?: GraphExtractor;
  /** Reported once, with the task that brought the version. */
  build?: VocabularyBuild;
}

// Per spec; for graph specs only the newest version is kept (older ones are not asked for again).
const built = new Map<string, Built>();

function extractorFor(task: AnalyzeTask | ExtractTask): Built | undefined {
  const key = JSON.stringify(task.spec);
  const known = built.get(key);
  if (task.spec.kind !== 'graph') {
    if (known) return known;
    const fresh = { extractor: buildExtractor(task.spec), retired: new Set<string>() };
    built.set(key, fresh);
    return fresh;
  }
  if (known && known.stamp === task.vocabularyStamp) return known;
  const delta = task.vocabularyDelta;
  if (delta && delta.stamp === task.vocabularyStamp) {
    const extended = known?.graph && known.stamp === delta.since ? extendedBy(key, known, delta) : undefined;
    if (extended) built.set(key, extended);
    // Otherwise the caller sends the whole snapshot.
    return extended;
  }
  if (!task.snapshot || task.snapshot.stamp !== task.vocabularyStamp) return undefined;
  const { graph, build } = graphExtractor(task.spec, task.snapshot, known?.graph);
  const fresh: Built = {
    extractor: graph.extractor,
    retired: new Set(task.snapshot.retiredIds),
    version: task.snapshot.version,
    stamp: task.snapshot.stamp,
    graph,
    build,
  };
  built.set(key, fresh);
  return fresh;
}

/** The thread's extractor extended by a delta; undefined when it cannot be (an extension that threw drops it). */
function extendedBy(key: string, known: Built, delta: VocabularyDelta): Built | undefined {
  try {
    const graph = extendGraphExtractorBy(known.graph as GraphExtractor, delta);
    if (!graph) return undefined;
    return {
      extractor: graph.extractor,
      retired: known.retired,
      version: delta.version,
      stamp: delta.stamp,
      graph,
      build: 'extended',
    };
  } catch {
    built.delete(key);
    return undefined;
  }
}

/** The version's extractor: the thread's last one extended when the version only adds terms. */
function graphExtractor(
  spec: Extract<ExtractorSpec, { kind: 'graph' }>,
  snapshot: VocabularySnapshot,
  previous: GraphExtractor | undefined,
): { graph: GraphExtractor; build: VocabularyBuild } {
  if (previous) {
    try {
      const extended = extendGraphExtractor(previous, snapshot);
      if (extended) return { graph: extended, build: 'extended' };
    } catch {
      // The previous extractor is superseded either way; a full build reports what is wrong.
    }
  }
  return { graph: buildGraphExtractor(spec, snapshot), build: 'built' };
}

/** The result's report of how the vocabulary was come by, once per build. */
function reported(ready: Built): { vocabularyBuild?: VocabularyBuild } {
  const build = ready.build;
  ready.build = undefined;
  return build ? { vocabularyBuild: build } : {};
}

function withVersion(extraction: ExtractionResult, ready: Built): ExtractionResult {
  if (ready.version === undefined) return extraction;
  return { ...withoutRetired(extraction, ready.retired), vocabularyGraphVersion: ready.version };
}

function needsVocabulary(task: AnalyzeTask | ExtractTask): NeedsVocabulary {
  const holds = built.get(JSON.stringify(task.spec))?.stamp;
  return { ok: false, needsVocabulary: task.vocabularyStamp ?? '', threadId, ...(holds ? { holds } : {}) };
}

async function analyze(task: AnalyzeTask): Promise<AnalyzeTaskResult> {
  const ready = extractorFor(task);
  if (!ready) return needsVocabulary(task);
  const { chunks, extraction } = await analyzeDocument(ready.extractor, task.parsed, { tags: task.tags });
  const result = withVersion(extraction, ready);
  return {
    ok: true,
    chunks,
    extraction: result,
    extractorName: ready.extractor.name,
    threadId,
    ...reported(ready),
  };
}

async function extract(task: ExtractTask): Promise<ExtractTaskResult> {
  const ready = extractorFor(task);
  if (!ready) return needsVocabulary(task);
  const extraction = withVersion(await ready.extractor.extract(task.input), ready);
  return { ok: true, extraction, extractorName: ready.extractor.name, threadId, ...reported(ready) };
}

function nextRequest(port: MessagePort): Promise<'more' | 'stop'> {
  return new Promise((resolve) => {
    const onMessage = (message: 'more' | 'stop') => {
      port.off('close', onClose);
      resolve(message);
    };
    const onClose = () => {
      port.off('message', onMessage);
      resolve('stop');
    };
    port.once('message', onMessage);
    port.once('close', onClose);
  });
}

async function parse(task: ParseTask): Promise<{ threadId: number; documents: number }> {
  const { port } = task;
  let batch: unknown[] = [];
  let documents = 0;
  try {
    for await (const outcome of readDocuments(task.input)) {
      if (outcome.ok) documents += 1;
      batch.push(outcome);
      if (batch.length < parseBatchSize) continue;
      port.postMessage({ outcomes: batch });
      batch = [];
      if ((await nextRequest(port)) === 'stop') return { threadId, documents };
    }
    port.postMessage({ outcomes: batch, done: true });
    return { threadId, documents };
  } finally {
    port.close();
  }
}

export default function run(task: ParseTask | AnalyzeTask | ExtractTask): Promise<unknown> {
  if (task.op === 'parse') return parse(task);
  return task.op === 'analyze' ? analyze(task) : extract(task);
}
