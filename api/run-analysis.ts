import { createChatModel } from '../agent/index.ts';
import {
  createIngestionPool,
  type DocumentAnalyzer,
  type DocumentReader,
  type Extractor,
  type GraphVocabularyExtractor,
  type IngestionPool,
  type IngestionPoolStats,
  inlineAnalyzer,
  sharedSnapshots,
} from '../ingest/index.ts';
import type { Config } from './config.ts';
import { createExtractor, createPooledAnalyzer, type ExtractorServices } from './extractor-factory.ts';

/** How runs parse, chunk and extract, and the inline extractor re-extraction and promotion use. */
export interface RunStages {
  analyzer: DocumentAnalyzer;
  /** Undefined: parsing on this thread. */
  reader?: DocumentReader;
  extractor: GraphVocabularyExtractor;
  /** Re-extraction of stored chunks on the pool (undefined: inline, or with a model configured). */
  reextractor?: Extractor;
}

/** Run stages created on first use; `stats` reports what the pool did. */
export interface RunAnalysis {
  get(): Promise<RunStages>;
  /** Undefined while no pool exists (INGEST_THREADS=0, or no run yet). */
  stats(): IngestionPoolStats | undefined;
  close(): Promise<void>;
}

/**
 * Parsing, chunking and extraction are CPU-bound: with INGEST_THREADS > 0 they run on worker threads,
 * so the event loop stays free for requests while graph reads and writes (I/O) stay on it.
 */
export function createRunAnalysis(
  config: Config,
  services: ExtractorServices,
  options: {
    /**
     * A pool started earlier (the CLI starts its threads while the graph is being opened); the caller
     * closes it. Without it, a pool is created on first use when INGEST_THREADS > 0 and closed here.
     */
    pool?: IngestionPool;
  } = {},
): RunAnalysis {
  let stages: Promise<RunStages> | undefined;
  let pool: IngestionPool | undefined = options.pool;
  // Promotion (the inline extractor's vocabulary) and the pool's threads read each version once.
  const vocabulary = sharedSnapshots(services.vocabulary);
  const create = async (): Promise<RunStages> => {
    const extractor = await createExtractor(config, { vocabulary });
    if (config.ingestThreads === 0 && !options.pool)
      return { analyzer: inlineAnalyzer(extractor), extractor };
    pool ??= createIngestionPool({ threads: config.ingestThreads, heapMb: config.ingestThreadHeapMb });
    return {
      analyzer: createPooledAnalyzer(config, { vocabulary }, pool),
      reader: pool.reader,
      extractor,
      ...(createChatModel(config.llm)
        ? {}
        : {
            reextractor: pool.extractor({
              spec: { kind: 'graph', mining: config.mining.enabled },
              vocabulary,
            }),
          }),
    };
  };
  return {
    get: () => {
      stages ??= create();
      return stages;
    },
    stats: () => pool?.stats(),
    close: async () => {
      if (pool !== options.pool) await pool?.close();
    },
  };
}
