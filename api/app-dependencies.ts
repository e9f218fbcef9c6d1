import type { Logger } from 'pino';
import type { ApiKeyStore, GraphStore, ProductStore } from '../graph/index.ts';
import type { CatalogParseResult } from './catalog/catalog-parser.ts';
import type { CatalogImportReport } from './catalog/import-catalog.ts';
import type { Config } from './config.ts';
import type { Route } from './http/route-definition.ts';
import type {
  ChatService,
  ReadinessCheck,
  RetractionService,
  StartIngestion,
  SuggestionService,
} from './ports.ts';

/** Everything createApp needs, passed explicitly (no globals, no env reads). */
export interface AppDependencies {
  config: Config;
  store: GraphStore;
  apiKeyStore: ApiKeyStore;
  productStore: ProductStore;
  /** GET /ready answers 200 when this resolves, 503 when it throws. */
  ready: ReadinessCheck;
  /** Injected time (rate limiting, durations). Default: the system clock. */
  clock?: () => Date;
  /** Default: a pino logger at config.logLevel on stdout. */
  logger?: Logger;
  generateRequestId?: () => string;
  /** POST /v1/ingest/runs answers 501 without it. */
  startIngestion?: StartIngestion;
  /** POST /v1/chat answers 501 without it. */
  chat?: ChatService;
  /** GET /v1/products/:id/suggestions answers 501 without it. */
  suggestions?: SuggestionService;
  /**
   * POST /v1/products: writes a parsed catalog (default: the products only). The composition root
   * also adds the catalog's names to the vocabulary and queues the re-extraction.
   */
  importCatalog?: (
    parsed: CatalogParseResult,
    actor: string,
  ) => Promise<CatalogImportReport & { reextractRunId?: string }>;
  /** DELETE /v1/documents/:id answers 501 without it. */
  retraction?: RetractionService;
  /** More routes (reviews, provenance, schedules…): mounted and documented like the built-in ones. */
  routes?: Route[];
}
