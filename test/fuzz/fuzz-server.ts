/**
 * A seeded API for the property-based fuzz run (test/fuzz/run-schemathesis.sh): an isolated Neo4j of its
 * own (wiped), the sample corpus ingested, the sample catalog imported, suggestions computed, one reviewed
 * suggestion, a declared folder source, and an admin key written to a file. Runs are only enqueued (to the
 * Redis given with --queue-url; no worker runs), so fuzzed URL sources never reach the network.
 *
 * Usage: tsx test/fuzz/fuzz-server.ts --port 18080 --neo4j-port 17720 --queue-url redis://127.0.0.1:6399
 *        --key-file .data/fuzz/key --allow-dir .data/fuzz/inbox
 */
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseCatalog } from '../../api/catalog/catalog-parser.ts';
import { importCatalog } from '../../api/catalog/import-catalog.ts';
import { createAppContext } from '../../api/composition-root.ts';
import { loadConfig } from '../../api/config.ts';
import { startServer } from '../../api/server.ts';
import { createServices } from '../../api/services.ts';
import { openIsolatedGraph } from '../../graph/index.ts';
import { createOfflineExtractor, runIngestion } from '../../ingest/index.ts';
import { repoRoot } from '../support/paths.ts';

function option(name: string, fallback?: string): string {
  const index = process.argv.indexOf(`--${name}`);
  const value = index > 0 ? process.argv[index + 1] : fallback;
  if (value === undefined) throw new Error(`--${name} is required`);
  return value;
}

const port = Number(option('port', '18080'));
const neo4jPort = Number(option('neo4j-port', '17720'));
const queueUrl = option('queue-url');
const keyFile = path.resolve(option('key-file', '.data/fuzz/key'));
const configFile = path.resolve(option('config-file', '.data/fuzz/schemathesis.toml'));
const allowDir = path.resolve(option('allow-dir', '.data/fuzz/inbox'));

const log = (line: string) => process.stderr.write(`fuzz-server: ${line}\n`);

const graph = await openIsolatedGraph({
  home: path.join(repoRoot, '.data', 'neo4j-fuzz'),
  port: neo4jPort,
  pageCacheMiB: 128,
  heap: '1g',
  log,
});
let stopping = false;
const stopGraph = async () => {
  if (stopping) return;
  stopping = true;
  await graph.stop();
};
try {
  await mkdir(path.join(allowDir, 'corpus'), { recursive: true });
  await cp(path.join(repoRoot, 'samples', 'corpus'), path.join(allowDir, 'corpus'), { recursive: true });
  const config = loadConfig(
    {
      NEO4J_URI: graph.uri,
      LLM_PROVIDER: 'none',
      QUEUE_URL: queueUrl,
      INGEST_PATH_ALLOW_LIST: allowDir,
      // The fuzzer sends thousands of requests with one key; the limit itself has its own tests.
      RATE_LIMIT_PER_MINUTE: '1000000',
      READY_RATE_LIMIT_PER_MINUTE: '1000000',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      MATSCOUT_DATA_DIR: path.join(repoRoot, '.data', 'fuzz'),
    },
    repoRoot,
  );
  const context = createAppContext(config, graph);
  const run = await runIngestion(
    { store: context.graph, extractor: createOfflineExtractor() },
    { inputs: [path.join(allowDir, 'corpus')], source: 'fuzz seed' },
  );
  log(`ingested ${run.counts.added} documents`);
  const catalog = parseCatalog(
    await readFile(path.join(repoRoot, 'samples', 'catalog.json'), 'utf8'),
    'json',
  );
  await importCatalog(context.products, catalog);
  for (const product of await context.products.listProducts({ limit: 100 })) {
    await context.suggestionEngine.compute(product, { top: 20 });
  }
  const [first] = await context.suggestions.listSuggestions('product:apel', { limit: 1 });
  if (first) {
    await context.reviews.recordReview({
      review: {
        id: 'review:fuzz-seed',
        suggestionId: first.id,
        decision: 'defer',
        comment: 'seeded for the fuzz run',
        reviewer: 'fuzz seed',
        at: new Date().toISOString(),
      },
      audit: { id: 'audit:fuzz-seed', actor: 'fuzz-seed' },
    });
  }
  await context.sources.saveSource({
    id: 'fuzz-inbox',
    name: 'fuzz inbox',
    spec: { type: 'folder', path: path.join(allowDir, 'corpus'), glob: '*.md' },
    cursor: {},
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
  });
  // A document no product's evidence uses: the fuzzer may retract it (200 once, then 404s) without the
  // retraction recomputing suggestions, which on a loaded machine outlasts the request timeout.
  const retractable = 'news:fuzz-retractable';
  const retractableText = 'A note seeded for the fuzz run.';
  await context.graph.writeDocuments([
    {
      document: {
        id: retractable,
        kind: 'news',
        title: 'Fuzz note',
        text: retractableText,
        publishedAt: '2025-01-01',
        language: 'en',
        source: 'fuzz seed',
        contentHash: 'fuzz-retractable',
        ingestRunId: run.id,
        cpc: [],
        ipc: [],
        assignees: [],
        inventors: [],
      },
      chunks: [
        {
          id: `${retractable}#0`,
          documentId: retractable,
          text: retractableText,
          start: 0,
          end: retractableText.length,
          section: 'body',
          index: 0,
        },
      ],
      entities: [],
      mentions: [],
      facts: [],
    },
  ]);
  // Ids of seeded data for the operations that read one thing, so the fuzzer reaches their handlers
  // (random ids only ever find 404s).
  const [seedRun] = (await context.graph.listIngestRuns({ limit: 1 })).map((seeded) => seeded.id);
  const chunks = await context.graph.searchChunks('polyolefin', { limit: 1 });
  const known: Record<string, string | undefined> = {
    getProduct: 'product:apel',
    listProductSuggestions: 'product:apel',
    getChunk: chunks[0]?.chunk.id,
    getDocument: chunks[0]?.chunk.documentId,
    getIngestRun: seedRun,
    getSuggestion: first?.id,
    listSuggestionReviews: first?.id,
    getSuggestionProvenance: first?.id,
    reviewSuggestion: first?.id,
    retractDocument: retractable,
  };
  const toml = Object.entries(known)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(
      ([operation, id]) =>
        `[[operations]]\ninclude-operation-id = "${operation}"\nparameters = { "path.id" = ${JSON.stringify(id)} }\n`,
    )
    .join('\n');
  await mkdir(path.dirname(configFile), { recursive: true });
  await writeFile(configFile, toml);
  const { key } = await context.apiKeys.createKey({ role: 'admin', name: 'fuzz' });
  await mkdir(path.dirname(keyFile), { recursive: true });
  await writeFile(keyFile, key, { mode: 0o600 });

  const server = await startServer(config, { port, services: createServices, handleSignals: false });
  log(`listening on ${server.url}`);
  const shutdown = async () => {
    await server.close();
    await stopGraph();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
} catch (error) {
  log(`failed: ${(error as Error).stack ?? error}`);
  await stopGraph();
  process.exit(1);
}
