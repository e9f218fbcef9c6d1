/**
 * The graph-write share of ingestion, per Cypher statement, without extraction in the way. The first run
 * parses and extracts the given files once (inline, offline extractor) and caches the document bundles
 * as JSON; every run then writes them once untimed (warm JVM, cached plans), wipes the benchmark's own Neo4j and replays the bundles through
 * `store.writeDocuments` in batches, `--passes` times (pass k > 0 renames every document, chunk and
 * fact so the graph grows by one corpus per pass, with the same entities and candidates), then finishes
 * the run as runIngestion does (`store.refreshStaleCandidates`, when the store has it). Every `tx.run` is timed
 * from the call to the awaited result (server time plus one round trip) and its rows counted.
 *
 *   node --import tsx bench/write-statements.ts [--port 17921] [--batch-size 50] [--passes 1]
 *     [--cache .data/write-bundles.json] [--dump FILE] [--drop-index NAME] [--pack-chunks CHARS] [--cold]
 *     FILE|DIR...
 *
 * `--cold` measures what a new local Neo4j costs: the benchmark's instance is stopped first (a new JVM)
 * and the untimed pass is skipped, so every statement's first planning and the JVM's warm-up are timed.
 *
 * `--pack-chunks CHARS` writes the same bundles with consecutive chunks of a section packed into chunks
 * of at most CHARS characters (an experiment on the graph model: fewer chunk nodes, the same mentions).
 *
 * `--dump FILE` then writes the whole graph, sorted, one line per node and relationship (run ids and
 * timestamps left out), to compare the graphs two versions of the writes leave.
 *
 * Prints one JSON line: per statement (first line of its Cypher) calls, ms and rows; ms per document of
 * each pass; the total.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import neo4j, { type Driver, ManagedTransaction } from 'neo4j-driver';
import { type DocumentBundle, stopLocalNeo4j } from '../graph/index.ts';
import { createOfflineExtractor, runIngestion } from '../ingest/index.ts';
import { openBenchGraph, wipe } from './support/bench-neo4j.ts';
import { packedChunks } from './support/packed-chunks.ts';
import { renamed } from './support/renamed-bundle.ts';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index > 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}
const valued = ['--port', '--batch-size', '--passes', '--cache', '--dump', '--drop-index', '--pack-chunks'];
const dropIndex = process.argv.indexOf('--drop-index');
// An experiment: what one index costs the writes (e.g. chunk_text, the full-text index on chunks).
const droppedIndex = dropIndex > 0 ? process.argv[dropIndex + 1] : undefined;
const dumpIndex = process.argv.indexOf('--dump');
const dumpFile = dumpIndex > 0 ? process.argv[dumpIndex + 1] : undefined;
const port = Number(option('--port', '17921'));
const batchSize = Number(option('--batch-size', '50'));
const passes = Number(option('--passes', '1'));
const cache = path.resolve(option('--cache', '.data/write-bundles.json'));
const packChunks = Number(option('--pack-chunks', '0'));
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

/** Run ids and clock times differ between any two runs; everything else must not. */
const volatile = new Set(['ingestRunId', 'startedAt', 'finishedAt', 'migratedAt', 'at', 'durationMs']);
function stable(properties: Record<string, unknown>): string {
  const kept = Object.keys(properties)
    .filter((key) => !volatile.has(key))
    .sort()
    .map((key) => [key, properties[key]]);
  return JSON.stringify(kept, (_key, value) => (neo4j.isInt(value) ? `int:${value.toString()}` : value));
}

/** Every node and relationship but run records, each as one sortable line. */
async function dumpGraph(driver: Driver): Promise<string[]> {
  const nodes = await driver.executeQuery(
    `MATCH (n) WHERE NOT n:IngestRun AND NOT n:SchemaVersion
     RETURN labels(n) AS labels, properties(n) AS properties`,
  );
  const relationships = await driver.executeQuery(
    `MATCH (a)-[r]->(b) WHERE NOT a:IngestRun AND NOT b:IngestRun
     RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS properties`,
  );
  return [
    ...nodes.records.map(
      (r) => `N ${[...(r.get('labels') as string[])].sort().join(':')} ${stable(r.get('properties'))}`,
    ),
    ...relationships.records.map(
      (r) => `R ${r.get('from')} ${r.get('type')} ${r.get('to')} ${stable(r.get('properties'))}`,
    ),
  ].sort();
}

/** CPU time (ms) of the process whose command line names this Neo4j home: the server's own work. */
function serverCpuMs(home: string): number {
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!command.includes('Launcher') || !command.includes(home)) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      // utime and stime, in clock ticks of 10 ms.
      return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {}
  }
  return Number.NaN;
}

const cold = process.argv.includes('--cold');
if (cold) await stopLocalNeo4j(path.resolve('.data', 'bench-write-statements'));
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
  const cached = JSON.parse(await readFile(cache, 'utf8')) as DocumentBundle[];
  const bundles = packChunks > 0 ? cached.map((bundle) => packedChunks(bundle, packChunks)) : cached;
  const store = graph.store as typeof graph.store & { refreshStaleCandidates?: () => Promise<unknown> };
  await wipe(graph.store);
  if (!cold) {
    // One untimed pass first, so the JVM is warm and every statement's plan is cached.
    for (let start = 0; start < bundles.length; start += batchSize) {
      await store.writeDocuments(bundles.slice(start, start + batchSize));
    }
    if (store.refreshStaleCandidates) await store.refreshStaleCandidates();
    await wipe(graph.store);
  }
  if (droppedIndex && /^\w+$/.test(droppedIndex)) {
    await graph.store.driver.executeQuery(`DROP INDEX ${droppedIndex} IF EXISTS`);
  }
  const perPass: number[] = [];
  timing = true;
  const cpuBefore = serverCpuMs(graph.home);
  const clientBefore = process.cpuUsage();
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
  const serverCpu = serverCpuMs(graph.home) - cpuBefore;
  const clientCpu = process.cpuUsage(clientBefore);
  timing = false;
  const inStatements = [...costs.values()].reduce((sum, cost) => sum + cost.ms, 0);
  const statements = [...costs.entries()]
    .sort(([, a], [, b]) => b.ms - a.ms)
    .map(([query, cost]) => ({ query, calls: cost.calls, ms: Math.round(cost.ms), rows: cost.rows }));
  console.log(
    JSON.stringify({
      documents: bundles.length * passes,
      chunks: bundles.reduce((sum, bundle) => sum + bundle.chunks.length, 0) * passes,
      ...(packChunks > 0 ? { packChunks } : {}),
      batchSize,
      ms: Math.round(ms),
      msPerDocumentByPass: perPass,
      // CPU is steadier than wall time on a shared machine: the server's and this client's.
      serverCpuMs: serverCpu,
      clientCpuMs: Math.round((clientCpu.user + clientCpu.system) / 1000),
      load: readFileSync('/proc/loadavg', 'utf8').split(' ')[0],
      finishMs: Math.round(finishMs),
      // Commits (index updates happen there), sessions and the client's own work.
      outsideStatementsMs: Math.round(ms - inStatements),
      statements,
    }),
  );
  if (dumpFile) await writeFile(dumpFile, `${(await dumpGraph(graph.store.driver)).join('\n')}\n`);
} finally {
  await graph.stop();
}
