import { randomUUID } from 'node:crypto';
import { SuggestionEngine } from '../agent/index.ts';
import { Neo4jProductStore, Neo4jSuggestionStore } from '../graph/index.ts';
import { Neo4jAuditLog } from '../graph/neo4j-audit-log.ts';
import { readSuggestionProvenance } from '../graph/neo4j-provenance-reader.ts';
import { runIngestion, safeFetch } from '../ingest/index.ts';
import { createChatService } from './chat-service.ts';
import type { Config } from './config.ts';
import { createExtractor } from './extractor-factory.ts';
import type { GraphConnection } from './graph-connection.ts';
import type { StartIngestion, SuggestionService } from './ports.ts';
import { reviewPageRoutes } from './routes/review-page-route.ts';
import { reviewRoutes } from './routes/review-routes.ts';
import type { ServiceFactory } from './server.ts';
import { toSuggestionView } from './suggestion-view.ts';

/**
 * Suggestions as the API lists them: computed on first request for a product (and again after each
 * ingestion run), then read from the graph with their review status.
 */
export function createSuggestionService(
  engine: SuggestionEngine,
  products: Neo4jProductStore,
  suggestions: Neo4jSuggestionStore,
  fresh: Set<string>,
): SuggestionService {
  return {
    async list(productId, options) {
      if (!fresh.has(productId)) {
        const product = await products.getProduct(productId);
        if (product) await engine.compute(product, { top: 50 });
        fresh.add(productId);
      }
      return (
        await suggestions.listSuggestions(productId, { status: options.status, limit: options.limit })
      ).map(toSuggestionView);
    },
  };
}

/**
 * In-process ingestion (the embedded default): runs one at a time in the API process; each finished
 * run refreshes the evidence cache and recomputes suggestions, keeping reviews.
 */
export function createInProcessIngestion(
  config: Config,
  graph: GraphConnection,
  afterRun: () => Promise<void>,
  audit: Neo4jAuditLog,
): StartIngestion {
  let queue: Promise<unknown> = Promise.resolve();
  return async (request) => {
    const runId = `run-${randomUUID()}`;
    const now = new Date().toISOString();
    await graph.store.saveIngestRun({
      id: runId,
      source: request.source,
      status: 'queued',
      startedAt: now,
      counts: {
        items: 0,
        documents: 0,
        added: 0,
        updated: 0,
        unchanged: 0,
        failed: 0,
        chunks: 0,
        mentions: 0,
        facts: 0,
        skipped: 0,
        duplicates: 0,
        droppedFacts: 0,
      },
      errors: [],
    });
    await audit.record({
      id: `audit-${randomUUID()}`,
      type: 'ingest-run',
      actor: request.requestedBy,
      at: now,
      targetId: runId,
      details: { inputs: request.inputs, source: request.source },
    } as Parameters<Neo4jAuditLog['record']>[0]);
    queue = queue
      .then(async () => {
        await runIngestion(
          {
            store: graph.store,
            extractor: await createExtractor(config),
            fetchUrl: (url) => safeFetch(url, { allowList: config.urlAllowList }),
          },
          { inputs: request.inputs, source: request.source, runId },
        );
        await afterRun();
      })
      .catch(() => {
        // runIngestion records its own failures in the run; nothing else to report here.
      });
    return runId;
  };
}

/** Everything `matscout serve` adds to the app: chat, suggestions, ingestion, reviews and the review page. */
export function createServices(config: Config): ServiceFactory {
  return async (graph) => {
    const database = config.neo4j.database;
    const options = database ? { database } : {};
    const engine = new SuggestionEngine(graph.driver, options);
    const products = new Neo4jProductStore(graph.driver, options);
    const suggestionStore = new Neo4jSuggestionStore(graph.driver, options);
    const auditLog = new Neo4jAuditLog(graph.driver, options);
    await auditLog.ensureSchema();
    const fresh = new Set<string>();
    const recompute = async () => {
      engine.invalidate();
      fresh.clear();
      for (const product of await products.listProducts({ limit: 1000 })) {
        await engine.compute(product, { top: 50 });
        fresh.add(product.id);
      }
    };
    return {
      chat: createChatService({
        config,
        driver: graph.driver,
        store: graph.store,
        productStore: products,
        suggestionEngine: engine,
      }),
      suggestions: createSuggestionService(engine, products, suggestionStore, fresh),
      startIngestion: createInProcessIngestion(config, graph, recompute, auditLog),
      routes: [
        ...reviewRoutes({
          suggestionStore,
          auditLog,
          readProvenance: (id) => readSuggestionProvenance(graph.driver, id, options),
        }),
        ...reviewPageRoutes(),
      ],
    };
  };
}
