import { SuggestionEngine } from '../agent/index.ts';
import {
  Neo4jAuditLog,
  Neo4jProductStore,
  Neo4jSuggestionStore,
  readSuggestionProvenance,
} from '../graph/index.ts';
import { createChatService } from './chat-service.ts';
import type { Config } from './config.ts';
import type { SuggestionService } from './ports.ts';
import { reviewPageRoutes } from './routes/review-page-route.ts';
import { reviewRoutes } from './routes/review-routes.ts';
import { createSchedulingServices } from './scheduling-services.ts';
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
    const scheduling = await createSchedulingServices(config, graph, { afterRun: () => recompute() });
    return {
      stop: () => scheduling.stop(),
      chat: createChatService({
        config,
        driver: graph.driver,
        store: graph.store,
        productStore: products,
        suggestionEngine: engine,
      }),
      suggestions: createSuggestionService(engine, products, suggestionStore, fresh),
      startIngestion: scheduling.startIngestion,
      routes: [
        ...reviewRoutes({
          suggestionStore,
          auditLog,
          readProvenance: (id) => readSuggestionProvenance(graph.driver, id, options),
        }),
        ...reviewPageRoutes(),
        ...scheduling.routes,
      ],
    };
  };
}
