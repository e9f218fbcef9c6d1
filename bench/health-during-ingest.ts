/**
 * Is the API responsive while it ingests? Starts the API (in-process run queue), posts one run over
 * ~10,000 documents (the real USPTO weekly samples replicated with new publication numbers), and probes
 * /health every 50 ms until the run ends: once with parsing, chunking and extraction on worker threads
 * (INGEST_THREADS=1: one thread parses, one extracts; only graph writes stay on the API's event loop)
 * and once inline on the event loop (INGEST_THREADS=0). Writes bench/results/health-during-ingest.json.
 * `--probe /ready` probes the readiness route instead, which asks the database through the same driver
 * the run writes with: what a graph-reading request waits for while a run holds the server and the
 * driver's connections.
 * Usage: npm run bench:health [-- --documents 10000 --neo4j-port 17996 --modes 1,0 --probe /health]
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createAppContext } from '../api/composition-root.ts';
import { loadConfig } from '../api/config.ts';
import { startServer } from '../api/server.ts';
import { createServices } from '../api/services.ts';
import type { IngestRun } from '../graph/index.ts';
import { openBenchGraph, wipe } from './support/bench-neo4j.ts';
import { probeHealth } from './support/health-probe.ts';
import { writeRenumberedCopy } from './support/replicate-uspto.ts';

const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const targetDocuments = argument('documents', 10_000);
// `--modes 0` measures only the inline mode; results of the other mode for the same input stay in the file.
const modesIndex = process.argv.indexOf('--modes');
const modes = (modesIndex > 0 ? String(process.argv[modesIndex + 1]) : '1,0').split(',').map(Number);
const sharedRoot = process.env.MATSCOUT_SHARED_DIR ?? path.resolve('..', 'shared');
const port = argument('neo4j-port', 17996);
const probeIndex = process.argv.indexOf('--probe');
const probePath = probeIndex > 0 ? String(process.argv[probeIndex + 1]) : '/health';
if (!['/health', '/ready'].includes(probePath)) throw new Error('--probe must be /health or /ready');

interface ModeResult {
  mode: string;
  ingestThreads: number;
  /** Absent in results written before `--probe` existed: `/health`. */
  probePath?: string;
  runStatus: string;
  documentsAdded: number;
  runSeconds: number;
  probes: number;
  errors: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

async function writeInputs(work: string): Promise<number> {
  const weeklyDir = path.join(sharedRoot, 'data', 'uspto-ipg-weekly-excerpts');
  const weekly = (await readdir(weeklyDir)).filter((name) => name.endsWith('.xml.gz')).sort();
  let documents = 0;
  for (let replica = 0; documents < targetDocuments; replica++) {
    for (const [fileIndex, name] of weekly.entries()) {
      if (documents >= targetDocuments) break;
      documents += await writeRenumberedCopy(
        path.join(weeklyDir, name),
        path.join(work, `r${replica}-${name.replace(/\.gz$/, '')}`),
        40_000_000 + (replica * weekly.length + fileIndex) * 1000,
      );
    }
  }
  return documents;
}

async function measure(
  graph: Awaited<ReturnType<typeof openBenchGraph>>,
  work: string,
  ingestThreads: number,
): Promise<ModeResult> {
  await wipe(graph.store);
  await graph.store.migrate();
  const config = loadConfig({
    ...process.env,
    NEO4J_URI: `bolt://127.0.0.1:${port}`,
    LLM_PROVIDER: 'none',
    RATE_LIMIT_PER_MINUTE: '100000000',
    READY_RATE_LIMIT_PER_MINUTE: '100000000',
    LOG_LEVEL: 'silent',
    INGEST_PATH_ALLOW_LIST: work,
    INGEST_THREADS: String(ingestThreads),
    // Mining runs in extraction as usual, but no term is promoted: a promotion queues a re-extraction
    // run after the measured one, which is another benchmark (and would hold up the server's close).
    MINING_PROMOTION_THRESHOLD: '1000',
  });
  const context = createAppContext(config, graph);
  const { key } = await context.apiKeys.createKey({ role: 'engineer', name: 'bench' });
  const server = await startServer(config, { port: 0, services: createServices, handleSignals: false });
  try {
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const started = await fetch(`${server.url}/v1/ingest/runs`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ source: work }),
    });
    if (started.status !== 202) throw new Error(`POST /v1/ingest/runs answered ${started.status}`);
    const { runId } = (await started.json()) as { runId: string };
    const t0 = performance.now();
    const stopProbing = probeHealth(server.url, 50, probePath);
    let run: IngestRun | undefined;
    // The run's status is read from the graph in its own loop, so probes stay evenly spaced.
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      try {
        const answer = await fetch(`${server.url}/v1/ingest/runs/${runId}`, { headers });
        run = (await answer.json()) as IngestRun;
      } catch {
        // A kept-alive connection the server closed while its event loop was busy: ask again.
        continue;
      }
      if (!['queued', 'running'].includes(run.status)) break;
    }
    const { intervalMs: _intervalMs, ...latency } = await stopProbing();
    return {
      mode: ingestThreads > 0 ? 'worker-thread pool' : 'inline (event loop)',
      ingestThreads,
      probePath,
      runStatus: run?.status ?? 'unknown',
      documentsAdded: run?.counts.added ?? 0,
      runSeconds: Number(((performance.now() - t0) / 1000).toFixed(1)),
      ...latency,
    };
  } finally {
    await server.close();
  }
}

const graph = await openBenchGraph('health', port);
const work = await mkdtemp(path.join(os.tmpdir(), 'matscout-bench-health-'));
const results: ModeResult[] = [];
let documents = 0;
try {
  documents = await writeInputs(work);
  console.error(`inputs: ${documents} documents`);
  for (const threads of modes) {
    const result = await measure(graph, work, threads);
    results.push(result);
    console.log(JSON.stringify(result));
  }
} finally {
  await rm(work, { recursive: true, force: true });
  await graph.stop();
}
await mkdir('bench/results', { recursive: true });
const resultsFile = 'bench/results/health-during-ingest.json';
const previous = (await readFile(resultsFile, 'utf8').then(JSON.parse, () => undefined)) as
  | { documents: number; results: ModeResult[] }
  | undefined;
if (previous?.documents === documents) {
  const kept = previous.results.filter(
    (result) => !modes.includes(result.ingestThreads) || (result.probePath ?? '/health') !== probePath,
  );
  results.unshift(...kept);
}
await writeFile(
  resultsFile,
  `${JSON.stringify(
    {
      benchmark: 'health-during-ingest',
      documents,
      probeIntervalMs: 50,
      machine: {
        cpus: os.cpus().length,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        loadAverage: os.loadavg().map((value) => Number(value.toFixed(1))),
      },
      at: new Date().toISOString(),
      results,
    },
    null,
    2,
  )}\n`,
);
console.log('wrote bench/results/health-during-ingest.json');
