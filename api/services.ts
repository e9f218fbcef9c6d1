import type { SuggestionEngine } from '../agent/index.ts';
import type { ProductStore, SuggestionStore } from '../graph/index.ts';
import { importCatalog } from './catalog/import-catalog.ts';
import { createChatService } from './chat-service.ts';
import { type AppContext, createRetraction } from './composition-root.ts';
import type { SuggestionService } from './ports.ts';
import { analyticsRoutes } from './routes/analytics-routes.ts';
import { materialRoutes } from './routes/material-routes.ts';
import { reviewPageRoutes } from './routes/review-page-route.ts';
import { reviewRoutes } from './routes/review-routes.ts';
import { vocabularyRoutes } from './routes/vocabulary-routes.ts';
import { createSchedulingServices } from './scheduling-services.ts';
import type { ComposedServices } from './server.ts';
import { toSuggestionView } from './suggestion-view.ts';
import { createVocabularyService } from './vocabulary-service.ts';

/** Products whose stored suggestions were computed on the evidence the stamp names. */
export interface FreshSuggestions {
  products: Set<string>;
  stamp?: string | undefined;
}

/**
 * Suggestions as the API lists them: computed on first request for a product (and again after each
 * ingestion run, this process's or another's, which the evidence stamp shows), then read from the graph
 * with their review status.
 */
export function createSuggestionService(
  engine: SuggestionEngine,
  products: ProductStore,
  suggestions: SuggestionStore,
  fresh: FreshSuggestions,
): SuggestionService {
  return {
    heldBack: (productId) => suggestions.heldBack(productId),
    async list(productId, options) {
      const stamp = await engine.evidenceStamp();
      if (stamp !== fresh.stamp) {
        fresh.products.clear();
        fresh.stamp = stamp;
      }
      if (!fresh.products.has(productId)) {
        const product = await products.getProduct(productId);
        if (product) await engine.compute(product, { top: 50 });
        fresh.products.add(productId);
      }
      return (
        await suggestions.listSuggestions(productId, { status: options.status, limit: options.limit })
      ).map(toSuggestionView);
    },
  };
}

/**
 * Everything `matscout serve` adds to the app (a ServiceFactory): chat, suggestions, ingestion, reviews
 * and the review page, all on the context's stores.
 */
export async function createServices(context: AppContext): Promise<ComposedServices> {
  const engine = context.suggestionEngine;
  const fresh: FreshSuggestions = { products: new Set() };
  const recompute = async () => {
    engine.invalidate();
    fresh.products.clear();
    // Read before computing: a change made meanwhile shows as a new stamp at the next request.
    fresh.stamp = await engine.evidenceStamp();
    for (const product of await context.products.listProducts({ limit: 1000 })) {
      await engine.compute(product, { top: 50 });
      fresh.products.add(product.id);
    }
  };
  // Retraction recomputes the products it touches; the others recompute on their next request.
  const retraction = createRetraction(context, { afterRetraction: () => fresh.products.clear() });
  const scheduling = await createSchedulingServices(context, { afterRun: () => recompute(), retraction });
  const vocabulary = createVocabularyService(context.vocabulary, async ({ actor, reason }) => ({
    runId: await scheduling.startReextraction({ requestedBy: actor, reason }),
  }));
  return {
    stop: () => scheduling.stop(),
    importCatalog: async (parsed, actor) => {
      const report = await importCatalog(context.products, parsed, { vocabulary: context.vocabulary, actor });
      if (!report.vocabulary?.version) return report;
      const reextractRunId = await scheduling.startReextraction({
        requestedBy: actor,
        reason: 'catalog import',
      });
      return { ...report, reextractRunId };
    },
    chat: createChatService({ config: context.config, stores: context }),
    suggestions: createSuggestionService(engine, context.products, context.suggestions, fresh),
    startIngestion: scheduling.startIngestion,
    retraction,
    routes: [
      ...reviewRoutes({
        suggestionStore: context.suggestions,
        reviews: context.reviews,
        readProvenance: (id) => context.provenance.readProvenance(id),
      }),
      ...reviewPageRoutes(),
      ...materialRoutes({ graph: context.graph, materialSuggestions: context.materialSuggestions }),
      ...analyticsRoutes({
        store: context.graph,
        reader: context.chatReader,
        products: context.products,
        suggestions: context.suggestions,
        analytics: context.analytics,
      }),
      ...scheduling.routes,
      ...vocabularyRoutes({ store: context.vocabulary, service: vocabulary }),
    ],
  };
}
