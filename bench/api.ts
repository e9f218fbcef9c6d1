/**
 * API latency on loopback: a graph of ~10,000 documents (the real USPTO weekly samples replicated with
 * new publication numbers, plus the press releases and the demo corpus), the sample catalog, then
 * closed-loop clients hitting suggestions and chat (LLM_PROVIDER=none) at 1, 10 and 50 concurrent
 * clients. Writes bench/results/api.json. Usage: npm run bench:api [-- --documents 10000 --seconds 15]
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseCatalog } from '../api/catalog/catalog-parser.ts';
import { importCatalog } from '../api/catalog/import-catalog.ts';
import { createAppContext } from '../api/composition-root.ts';
import { loadConfig } from '../api/config.ts';
import { startServer } from '../api/server.ts';
import { createServices } from '../api/services.ts';
import { createOfflineExtractor, runIngestion } from '../ingest/index.ts';
import { openBenchGraph } from './support/bench-neo4j.ts';
import { percentile } from './support/latency-stats.ts';
import { writeRenumberedCopy } from './support/replicate-uspto.ts';

const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const targetDocuments = argument('documents', 10_000);
const seconds = argument('seconds', 15);
const sharedRoot = process.env.MATSCOUT_SHARED_DIR ?? path.resolve('..', 'shared');
const port = 17997;

interface LoadResult {
  scenario: string;
  clients: number;
  requests: number;
  errors: number;
  throughputPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Closed-loop load: `clients` workers each send the next request when the previous answer arrived. */
async function load(
  scenario: string,
  clients: number,
  durationMs: number,
  send: () => Promise<Response>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + durationMs;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          const response = await send();
          await response.arrayBuffer();
          if (!response.ok) errors += 1;
        } catch {
          errors += 1;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const round = (value: number) => Number(value.toFixed(1));
  return {
    scenario,
    clients,
    requests: latencies.length,
    errors,
    throughputPerSecond: round(latencies.length / elapsed),
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    p99Ms: round(percentile(latencies, 99)),
    maxMs: round(latencies.at(-1) ?? Number.NaN),
  };
}

async function buildGraph(store: Awaited<ReturnType<typeof openBenchGraph>>['store']): Promise<number> {
  const weeklyDir = path.join(sharedRoot, 'data', 'uspto-ipg-weekly-excerpts');
  const weekly = (await readdir(weeklyDir)).filter((name) => name.endsWith('.xml.gz')).sort();
  const work = await mkdtemp(path.join(os.tmpdir(), 'matscout-bench-api-'));
  try {
    let documents = 0;
    for (let replica = 0; documents < targetDocuments - 200; replica++) {
      for (const [fileIndex, name] of weekly.entries()) {
        documents += await writeRenumberedCopy(
          path.join(weeklyDir, name),
          path.join(work, `r${replica}-${name.replace(/\.gz$/, '')}`),
          30_000_000 + (replica * weekly.length + fileIndex) * 1000,
        );
      }
    }
    const run = await runIngestion(
      { store, extractor: createOfflineExtractor() },
      {
        inputs: [
          work,
          path.join(sharedRoot, 'data', 'news-press-releases-materials'),
          path.resolve('samples', 'corpus'),
        ],
        batchSize: 50,
      },
    );
    return run.counts.added + run.counts.unchanged;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const graph = await openBenchGraph('api', port);
const results: LoadResult[] = [];
let documents = 0;
try {
  const buildStarted = performance.now();
  documents = await buildGraph(graph.store);
  console.error(
    `graph: ${documents} documents in ${((performance.now() - buildStarted) / 1000).toFixed(0)} s`,
  );
  const config = loadConfig({
    ...process.env,
    NEO4J_URI: `bolt://127.0.0.1:${port}`,
    LLM_PROVIDER: 'none',
    RATE_LIMIT_PER_MINUTE: '100000000',
    LOG_LEVEL: 'silent',
  });
  const context = createAppContext(config, graph);
  await importCatalog(context.products, parseCatalog(await readFile('samples/catalog.json', 'utf8'), 'json'));
  const { key } = await context.apiKeys.createKey({ role: 'researcher', name: 'bench' });
  const server = await startServer(config, { port: 0, services: createServices, handleSignals: false });
  try {
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const suggestions = () =>
      fetch(`${server.url}/v1/products/product:apel/suggestions?limit=10`, { headers });
    const chat = () =>
      fetch(`${server.url}/v1/chat`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ message: 'What new applications could APEL have?' }),
      });
    // Warm-up: computes and caches the evidence index and the product's suggestions once.
    await (await suggestions()).arrayBuffer();
    await (await chat()).arrayBuffer();
    for (const clients of [1, 10, 50]) {
      for (const [scenario, send] of [
        ['suggestions', suggestions],
        ['chat-none', chat],
      ] as const) {
        const result = await load(scenario, clients, seconds * 1000, send);
        results.push(result);
        console.log(JSON.stringify(result));
      }
    }
  } finally {
    await server.close();
  }
} finally {
  await graph.stop();
}
await mkdir('bench/results', { recursive: true });
await writeFile(
  'bench/results/api.json',
  `${JSON.stringify(
    {
      benchmark: 'api',
      documents,
      secondsPerScenario: seconds,
      machine: {
        cpus: os.cpus().length,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
      },
      at: new Date().toISOString(),
      results,
    },
    null,
    2,
  )}\n`,
);
console.log('wrote bench/results/api.json');
