import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import {
  BulkImportError,
  BulkImportGraph,
  bulkPromotionStore,
  bulkSpoolingStore,
  checkBulkImportable,
  createNeo4jDriver,
  exportGraph,
  type ImportFiles,
  type IngestRun,
  importIntoStoppedNeo4j,
  readAssigneeResolver,
  restoreEmptyLists,
  stopLocalNeo4j,
} from '../graph/index.ts';
import { type IngestionPool, runIngestion, safeFetch } from '../ingest/index.ts';
import { withAppContext } from './composition-root.ts';
import type { Config } from './config.ts';
import { createRunAnalysis } from './run-analysis.ts';
import { minedTermPromotion, reextractNow } from './vocabulary-runs.ts';

/** How long each stage of a bulk load took, and what it loaded. */
export interface BulkLoad {
  documents: number;
  csvMs: number;
  importMs: number;
  /** Starting the server on the new store, its schema and indexes, the empty lists given back. */
  reopenMs: number;
  /** Counting candidate support, and re-extracting the documents written before a promotion. */
  afterMs: number;
}

export interface BulkIngestResult {
  run: IngestRun;
  load?: BulkLoad;
  reextraction?: IngestRun;
}

export interface BulkIngestOptions {
  batchSize: number;
  lookAhead: number;
  signal?: AbortSignal;
  pool?: IngestionPool;
  log?: (line: string) => void;
}

/** Where the graph's opening and the load report their progress. */
const logTo = (options: BulkIngestOptions) => (options.log ? { log: options.log } : {});

/**
 * `matscout ingest --bulk`: a first backfill into the local Neo4j. The inputs are read and analysed as
 * `matscout ingest` reads them (mined terms promoted before writing, window by window, counting the
 * documents already analysed as stored), their graph built in memory and a spool file instead of
 * written; then the server is stopped and the graph, with everything it held before, loaded by
 * `neo4j-admin database import`. With the server back, candidate support is counted and the documents
 * written before a promotion are extracted again, as after any run. A graph with documents is refused:
 * the importer writes a whole new store.
 */
export async function bulkIngest(
  config: Config,
  inputs: string[],
  options: BulkIngestOptions,
): Promise<BulkIngestResult> {
  if (config.neo4j.uri)
    throw new BulkImportError(
      '--bulk loads the local Neo4j only (it stops the server to import): NEO4J_URI is set',
      'unset NEO4J_URI, or use matscout ingest without --bulk',
    );
  const work = path.join(config.dataDir, 'bulk-import');
  await rm(work, { recursive: true, force: true });
  try {
    const analysed = await analyse(config, inputs, options, work);
    if (!analysed.files) return { run: analysed.run };
    options.log?.(`ingest --bulk: ${analysed.documents} documents analysed; stopping Neo4j to import them`);
    const imported = await load(config, analysed, options, work);
    if ('failed' in imported) return { run: imported.failed };
    return await afterLoad(config, analysed, imported.importMs, options);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

interface Analysed {
  run: IngestRun;
  files?: ImportFiles;
  documents: number;
  csvMs: number;
}

/** The run, with Neo4j up: documents analysed into the bulk graph, then its CSV files written. */
async function analyse(
  config: Config,
  inputs: string[],
  options: BulkIngestOptions,
  work: string,
): Promise<Analysed> {
  const database = config.neo4j.database;
  return withAppContext(config, logTo(options), async (context) => {
    const driver = context.graph.driver;
    await checkBulkImportable(driver, database);
    // Integers kept lossless: what the graph held before is imported with the types it had.
    const lossless = createNeo4jDriver(
      { uri: context.uri, user: config.neo4j.user, password: config.neo4j.password },
      { losslessIntegers: true },
    );
    try {
      const before = await exportGraph(lossless, database);
      const graph = new BulkImportGraph(before, await readAssigneeResolver(driver, database), work);
      await graph.checkImportable(before);
      await mkdir(work, { recursive: true });
      const analysis = createRunAnalysis(config, context, options.pool ? { pool: options.pool } : {});
      let run: IngestRun;
      try {
        const { analyzer, reader, extractor } = await analysis.get();
        run = await runIngestion(
          {
            store: bulkSpoolingStore(context.graph, graph),
            analyzer,
            ...(reader ? { reader } : {}),
            fetchUrl: (url, signal) => safeFetch(url, { allowList: config.urlAllowList, signal }),
            promoteCandidates: minedTermPromotion(
              context,
              extractor,
              bulkPromotionStore(context.vocabulary, graph, lossless, database),
            ),
          },
          {
            inputs,
            batchSize: options.batchSize,
            lookAhead: options.lookAhead,
            ...(options.signal ? { signal: options.signal } : {}),
          },
        );
      } finally {
        await analysis.close();
      }
      // A failed or stopped run loads nothing: the same command starts again from the beginning.
      if (run.status === 'failed' || run.status === 'cancelled' || graph.documentCount === 0)
        return { run, documents: 0, csvMs: 0 };
      const started = performance.now();
      const files = await graph.writeFiles(await exportGraph(lossless, database));
      return { run, files, documents: graph.documentCount, csvMs: Math.round(performance.now() - started) };
    } finally {
      await lossless.close();
    }
  });
}

/**
 * Neo4j stopped, the files imported. A failed import leaves the store before it in place, and the run
 * record in it says why nothing was loaded.
 */
async function load(
  config: Config,
  analysed: Analysed,
  options: BulkIngestOptions,
  work: string,
): Promise<{ importMs: number } | { failed: IngestRun }> {
  await stopLocalNeo4j(config.neo4j.localHome);
  try {
    const imported = await importIntoStoppedNeo4j({
      home: config.neo4j.localHome,
      database: config.neo4j.database,
      files: analysed.files as ImportFiles,
      javaHome: config.neo4j.javaHome,
      reportFile: path.join(work, 'import.report'),
    });
    return { importMs: imported.ms };
  } catch (error) {
    const { run } = analysed;
    const failed: IngestRun = {
      ...run,
      status: 'failed',
      errors: [
        ...run.errors,
        { item: run.source, reason: `bulk import: ${(error as Error).message}`, retryable: false },
      ],
    };
    await withAppContext(config, logTo(options), (context) => context.graph.saveIngestRun(failed));
    return { failed };
  }
}

/**
 * Neo4j started on the new store (the migration builds the schema and indexes over it): empty lists
 * given back, candidate support counted, and, as after any run, the documents written before a
 * promotion of the run re-extracted.
 */
async function afterLoad(
  config: Config,
  analysed: Analysed,
  importMs: number,
  options: BulkIngestOptions,
): Promise<BulkIngestResult> {
  const { run } = analysed;
  const reopened = performance.now();
  return withAppContext(config, logTo(options), async (context) => {
    await restoreEmptyLists(
      context.graph.driver,
      config.neo4j.database,
      (analysed.files as ImportFiles).emptyLists,
    );
    const reopenMs = Math.round(performance.now() - reopened);
    const after = performance.now();
    await context.graph.refreshStaleCandidates();
    const analysis = createRunAnalysis(config, context, options.pool ? { pool: options.pool } : {});
    try {
      const { extractor, reextractor } = await analysis.get();
      const reextraction = run.counts.promoted
        ? await reextractNow(
            context,
            options.signal ? { signal: options.signal } : {},
            extractor,
            reextractor,
          )
        : undefined;
      const load: BulkLoad = {
        documents: analysed.documents,
        csvMs: analysed.csvMs,
        importMs,
        reopenMs,
        afterMs: Math.round(performance.now() - after),
      };
      return { run, load, ...(reextraction ? { reextraction } : {}) };
    } finally {
      await analysis.close();
    }
  });
}
