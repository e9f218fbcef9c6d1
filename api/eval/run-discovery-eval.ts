import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type BacktestResult, EvidenceIndex, runBacktest } from '../../agent/index.ts';
import { type EvidenceRows, type IngestRun, openIsolatedGraph } from '../../graph/index.ts';
import { createVocabularyExtractor, runIngestion } from '../../ingest/index.ts';
import { createGraphStores } from '../composition-root.ts';
import type { Config } from '../config.ts';
import { createTaskSelector, loadDiscoveryTask } from './task-corpus.ts';

export interface DiscoveryEvalOptions {
  taskDir: string;
  /** Data home of the isolated instance (default `<dataDir>/eval-neo4j`); it is wiped first. */
  home?: string;
  port?: number;
  bootstrapReplicates?: number;
  /**
   * JSON file of the evidence rows read back from the graph: written after ingestion, and when it
   * exists already the isolated graph is skipped (re-scoring after a ranking change, bench only).
   */
  evidenceCache?: string;
  log?: (line: string) => void;
}

export interface DiscoveryEvalReport extends BacktestResult {
  ingest?: {
    run: Pick<IngestRun, 'id' | 'status' | 'counts' | 'durationMs'>;
    expectedDocuments: number;
    errors: number;
  };
}

/**
 * The back-test of design.md section 9: an isolated Neo4j (own home and port, never the user's graph)
 * receives only the task's documents dated on or before the cutoff, extracted with the task
 * vocabulary as the material/application lexicon; the graph is read back into an evidence index and
 * ranked; truth.json is read only to score.
 */
export async function runDiscoveryEval(
  config: Config,
  options: DiscoveryEvalOptions,
): Promise<DiscoveryEvalReport> {
  const log = options.log ?? (() => {});
  const loaded = await loadDiscoveryTask(options.taskDir);
  const cached = options.evidenceCache ? await readCachedRows(options.evidenceCache) : undefined;
  if (cached) {
    log(`evidence rows from ${options.evidenceCache} (no ingestion)`);
    return runBacktest(loaded.dir, {
      index: EvidenceIndex.fromRows(cached),
      bootstrapReplicates: options.bootstrapReplicates ?? 1000,
    });
  }
  const home = path.resolve(options.home ?? path.join(config.dataDir, 'eval-neo4j'));
  const port = options.port ?? 17787;
  const graph = await openIsolatedGraph({
    home,
    port,
    pageCacheMiB: config.neo4j.pageCacheMiB,
    heap: config.neo4j.heap,
    javaHome: config.neo4j.javaHome,
    log,
  });
  const { store } = graph;
  try {
    const { select, expected } = await createTaskSelector(loaded);
    log(`ingesting the documents dated on or before ${loaded.task.cutoff} (${expected} in the index)…`);
    const extractor = createVocabularyExtractor(loaded.vocabularyPath);
    const run = await runIngestion(
      { store, extractor },
      { inputs: loaded.corpusFiles, select, batchSize: 100, source: `eval:${loaded.dir}` },
    );
    log(
      `ingested ${run.counts.added + run.counts.unchanged} documents in ${((run.durationMs ?? 0) / 1000).toFixed(1)} s; ranking…`,
    );
    const rows = await createGraphStores(store).evidence.readEvidence({ asOf: loaded.task.cutoff });
    if (options.evidenceCache) {
      await mkdir(path.dirname(options.evidenceCache), { recursive: true });
      await writeFile(options.evidenceCache, JSON.stringify(rows));
    }
    const result = await runBacktest(loaded.dir, {
      index: EvidenceIndex.fromRows(rows),
      bootstrapReplicates: options.bootstrapReplicates ?? 1000,
    });
    return {
      ...result,
      ingest: {
        run: { id: run.id, status: run.status, counts: run.counts, durationMs: run.durationMs },
        expectedDocuments: expected,
        errors: run.errors.length,
      },
    };
  } finally {
    await (graph.startedLocal ? graph.stop() : graph.close());
  }
}

async function readCachedRows(file: string): Promise<EvidenceRows | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as EvidenceRows;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
