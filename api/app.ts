import express, { type Express } from 'express';
import type { AppDependencies } from './app-dependencies.ts';
import { errorHandler, unknownRoute } from './http/error-handler.ts';
import { methodNotAllowed } from './http/method-not-allowed.ts';
import { mountRoutes } from './http/mount-routes.ts';
import { requestLogging } from './http/request-logging.ts';
import type { Route } from './http/route-definition.ts';
import { TokenBucketRateLimiter } from './http/token-bucket-rate-limiter.ts';
import { createLogger } from './logger.ts';
import { buildOpenApiDocument } from './openapi-document.ts';
import { chatRoutes } from './routes/chat-routes.ts';
import { documentRoutes } from './routes/document-routes.ts';
import { ingestRoutes } from './routes/ingest-routes.ts';
import { productRoutes } from './routes/product-routes.ts';
import { suggestionRoutes } from './routes/suggestion-routes.ts';
import { systemRoutes } from './routes/system-routes.ts';

export type { AppDependencies } from './app-dependencies.ts';

const apiVersion = '0.1.0';

/** The HTTP API (design.md section 7) over explicit dependencies; listen on it or pass it to a server. */
export function createApp(deps: AppDependencies): Express {
  const clock = deps.clock ?? (() => new Date());
  const logger = deps.logger ?? createLogger(deps.config.logLevel);
  const bodyLimit = deps.config.server.bodyLimit;
  const rateLimiter = new TokenBucketRateLimiter({
    capacity: deps.config.server.rateLimitPerMinute,
    windowMs: 60_000,
    now: () => clock().getTime(),
  });
  const addressRateLimiter = new TokenBucketRateLimiter({
    capacity: deps.config.server.readyRateLimitPerMinute,
    windowMs: 60_000,
    now: () => clock().getTime(),
  });

  let openApi: unknown;
  const routes: Route[] = [];
  routes.push(
    ...systemRoutes({
      ready: deps.ready,
      openApiDocument: () => {
        openApi ??= buildOpenApiDocument(routes, { title: 'matscout API', version: apiVersion });
        return openApi;
      },
    }),
    ...productRoutes({ productStore: deps.productStore, importCatalog: deps.importCatalog }),
    ...suggestionRoutes({ suggestions: deps.suggestions, productStore: deps.productStore }),
    ...documentRoutes({ store: deps.store, retraction: deps.retraction }),
    ...ingestRoutes({
      store: deps.store,
      startIngestion: deps.startIngestion,
      ingestPathAllowList: deps.config.ingestPathAllowList,
    }),
    ...chatRoutes({
      chat: deps.chat,
      bodyLimit,
      maxConcurrentChatsPerKey: deps.config.server.maxConcurrentChatsPerKey,
      maxConcurrentStreamsPerKey: deps.config.server.maxConcurrentStreamsPerKey,
    }),
    ...(deps.routes ?? []),
  );

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestLogging({ logger, now: clock, generateId: deps.generateRequestId }));
  const router = express.Router();
  mountRoutes(router, routes, { apiKeyStore: deps.apiKeyStore, rateLimiter, addressRateLimiter, bodyLimit });
  const methods = methodNotAllowed(routes);
  app.use(methods.options);
  app.use(router);
  app.use(methods.notAllowed);
  app.use(unknownRoute);
  app.use(errorHandler({ bodyLimit }));
  return app;
}
