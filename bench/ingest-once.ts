/**
 * One end-to-end ingestion (parse → chunk → extract → graph writes) of the given files or folders into the
 * benchmark's own wiped Neo4j, timed from the first document read to the last write. Meant to be run
 * under a profiler: node --cpu-prof --import tsx bench/ingest-once.ts [--port 17889] [--batch-size 50] FILE|DIR...
 */
import { createOfflineExtractor, runIngestion } from '../ingest/index.ts';
import { openBenchGraph, wipe } from './support/bench-neo4j.ts';

const portIndex = process.argv.indexOf('--port');
const port = portIndex > 0 ? Number(process.argv[portIndex + 1]) : 17889;
const batchIndex = process.argv.indexOf('--batch-size');
const batchSize = batchIndex > 0 ? Number(process.argv[batchIndex + 1]) : 50;
const inputs = process.argv
  .slice(2)
  .filter(
    (argument, index, all) =>
      !argument.startsWith('--') && !['--port', '--batch-size'].includes(all[index - 1] ?? ''),
  );
const graph = await openBenchGraph('ingest-once', port);
try {
  await wipe(graph.store);
  // Time spent awaiting each store call: the graph-write share of the run, server side included.
  const storeMs: Record<string, number> = {};
  const store = new Proxy(graph.store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const started = performance.now();
        try {
          return await value.apply(target, args);
        } finally {
          const name = String(property);
          storeMs[name] = (storeMs[name] ?? 0) + performance.now() - started;
        }
      };
    },
  });
  const started = performance.now();
  const run = await runIngestion({ store, extractor: createOfflineExtractor() }, { inputs, batchSize });
  const ms = performance.now() - started;
  const rounded = Object.fromEntries(
    Object.entries(storeMs).map(([name, value]) => [name, Math.round(value)]),
  );
  console.log(
    JSON.stringify({
      documents: run.counts.added,
      failed: run.counts.failed,
      ms: Math.round(ms),
      storeMs: rounded,
    }),
  );
} finally {
  await graph.stop();
}
