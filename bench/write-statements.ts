/**
 * The graph-write share of ingestion, per Cypher statement, without extraction in the way. The first run
 * parses and extracts the given files once (inline, offline extractor) and caches the document bundles
 * as JSON; every run then wipes the benchmark's own Neo4j and replays the bundles through
 * `store.writeDocuments` in batches, `--passes` times (pass k > 0 renames every document, chunk and
 * fact so the graph grows by one corpus per pass, with the same entities and candidates), then finishes
 * the run as runIngestion does (`store.refreshStaleCandidates`, when the store has it). Every `tx.run` is timed
 * from the call to the awaited result (server time plus one round trip) and its rows counted.
 *
 *   node --import tsx bench/write-statements.ts [--port 17921] [--batch-size 50] [--passes 1]
 *     [--cache .data/write-bundles.json] FILE|DIR...
 *
 * Prints one JSON line: per statement (first line of its Cypher) calls, ms and rows; ms per document of
 * each pass; the total.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ManagedTransaction } from 'neo4j-driver';
import type { DocumentBundle } from '../graph/index.ts';
import { createOfflineExtractor, runIngestion } from '../ingest/index.ts';
import { openBenchGraph, wipe } from './support/bench-neo4j.ts';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index > 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}
const valued = ['--port', '--batch-size', '--passes', '--cache'];
const port = Number(option('--port', '17921'));
const batchSize = Number(option('--batch-size', '50'));
const passes = Number(option('--passes', '1'));
const cache = path.resolve(option('--cache', '.data/write-bundles.json'));
const inputs = process.argv
  .slice(2)
  .filter((argument, index, all) => !argument.startsWith('--') && !valued.includes(all[index - 1] ?? ''));

interface StatementCost {
  calls: number;
  ms: number;
  rows: number;
}
const costs = new Map<string, StatementCost>();
let timing = false;
// Patched on the prototype so the store's own transactions are timed without touching the store.
const originalRun = ManagedTransaction.prototype.run;
ManagedTransaction.prototype.run = function timedRun(
  this: ManagedTransaction,
  ...args: Parameters<ManagedTransaction['run']>
) {
  const result = originalRun.apply(this, args);
  if (!timing) return result;
  const [query, parameters] = args;
  const name = String(query)
    .replace(/\s+/g, ' ')
    .replace(/^UNWIND \$\w+ AS \w+ /, '')
    .trim()
    .slice(0, 130);
  const input = parameters as Record<string, unknown[]> | undefined;
  const rows = input?.rows?.length ?? input?.ids?.length ?? input?.pairs?.length ?? 0;
  const started = performance.now();
  return result.then((value) => {
    const cost = costs.get(name) ?? { calls: 0, ms: 0, rows: 0 };
    cost.calls += 1;
    cost.ms += performance.now() - started;
    cost.rows += rows;
    costs.set(name, cost);
    return value;
  }) as unknown as ReturnType<ManagedTransaction['run']>;
};

/** A copy of a bundle whose document, chunks and facts are new publications (same entities). */
function renamed(bundle: DocumentBundle, suffix: string): DocumentBundle {
  if (suffix === '') return bundle;
  const oldId = bundle.document.id;
  const newId = `${oldId}${suffix}`;
  const chunk = (id: string) => (id.startsWith(oldId) ? `${newId}${id.slice(oldId.length)}` : id);
  return {
    ...bundle,
    document: { ...bundle.document, id: newId },
    chunks: bundle.chunks.map((c) => ({ ...c, id: chunk(c.id), documentId: newId })),
    mentions: bundle.mentions.map((m) => ({ ...m, chunkId: chunk(m.chunkId) })),
    facts: bundle.facts.map((f) => ({
      ...f,
      id: `${f.id}${suffix}`,
      evidence: f.evidence.map((e) => ({ ...e, chunkId: chunk(e.chunkId) })),
    })),
    ...(bundle.candidates
      ? { candidates: bundle.candidates.map((c) => ({ ...c, chunkId: chunk(c.chunkId) })) }
      : {}),
  };
}

const graph = await openBenchGraph('write-statements', port);
try {
  if (!existsSync(cache)) {
    await wipe(graph.store);
    const captured: DocumentBundle[][] = [];
    const store = new Proxy(graph.store, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        if (property === 'writeDocuments') {
          return (bundles: DocumentBundle[]) => {
            captured.push(bundles);
            return value.call(target, bundles);
          };
        }
        return value.bind(target);
      },
    });
    await runIngestion({ store, extractor: createOfflineExtractor() }, { inputs, batchSize });
    await mkdir(path.dirname(cache), { recursive: true });
    await writeFile(cache, JSON.stringify(captured.flat()));
  }
  const bundles = JSON.parse(await readFile(cache, 'utf8')) as DocumentBundle[];
  await wipe(graph.store);
  const store = graph.store as typeof graph.store & { refreshStaleCandidates?: () => Promise<unknown> };
  const perPass: number[] = [];
  timing = true;
  const started = performance.now();
  for (let pass = 0; pass < passes; pass += 1) {
    const suffix = pass === 0 ? '' : `-p${pass}`;
    const passStarted = performance.now();
    for (let start = 0; start < bundles.length; start += batchSize) {
      await store.writeDocuments(bundles.slice(start, start + batchSize).map((b) => renamed(b, suffix)));
    }
    perPass.push(Number(((performance.now() - passStarted) / bundles.length).toFixed(2)));
  }
  const finishStarted = performance.now();
  if (store.refreshStaleCandidates) await store.refreshStaleCandidates();
  const finishMs = performance.now() - finishStarted;
  const ms = performance.now() - started;
  timing = false;
  const inStatements = [...costs.values()].reduce((sum, cost) => sum + cost.ms, 0);
  const statements = [...costs.entries()]
    .sort(([, a], [, b]) => b.ms - a.ms)
    .map(([query, cost]) => ({ query, calls: cost.calls, ms: Math.round(cost.ms), rows: cost.rows }));
  console.log(
    JSON.stringify({
      documents: bundles.length * passes,
      batchSize,
      ms: Math.round(ms),
      msPerDocumentByPass: perPass,
      finishMs: Math.round(finishMs),
      // Commits (index updates happen there), sessions and the client's own work.
      outsideStatementsMs: Math.round(ms - inStatements),
      statements,
    }),
  );
} finally {
  await graph.stop();
}
