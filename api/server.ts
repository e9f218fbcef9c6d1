import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import type { AppDependencies } from './app-dependencies.ts';
import { type AppContext, openAppContext } from './composition-root.ts';
import type { Config } from './config.ts';
import { createLogger } from './logger.ts';

/** Services composed by other parts (agent, ingestion, scheduling) from the application context. */
export type ServiceFactory = (context: AppContext) => ComposedServices | Promise<ComposedServices>;

/** What a ServiceFactory adds to the app, and how to stop its background work (schedulers, queues). */
export type ComposedServices = Partial<
  Pick<AppDependencies, 'chat' | 'suggestions' | 'startIngestion' | 'retraction' | 'routes' | 'importCatalog'>
> & {
  stop?: () => Promise<void>;
};

export interface RunningServer {
  url: string;
  port: number;
  /** Resolves once the server has stopped and the graph is closed. */
  closed: Promise<void>;
  /** Stops accepting, lets requests finish (up to the grace period), closes the graph. */
  close(): Promise<void>;
}

export interface StartServerOptions {
  /** Overrides config.server.port (0 picks a free port). */
  port?: number;
  services?: ServiceFactory;
  /** Default true: stop cleanly on SIGTERM/SIGINT. */
  handleSignals?: boolean;
  graceMs?: number;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** `matscout serve`: the application context, the app on it, a listening socket, clean shutdown. */
export async function startServer(config: Config, options: StartServerOptions = {}): Promise<RunningServer> {
  const logger = createLogger(config.logLevel);
  const context = await openAppContext(config, { log: (line) => logger.info(line) });
  let server: Server | undefined;
  let stopBackground: (() => Promise<void>) | undefined;
  try {
    const { stop: stopServices, ...services } = (await options.services?.(context)) ?? {};
    stopBackground = stopServices;
    const app = createApp({
      config,
      store: context.graph,
      apiKeyStore: context.apiKeys,
      productStore: context.products,
      ready: context.ready,
      logger,
      ...services,
    });
    server = createServer(app);
    await listen(server, options.port ?? config.server.port, config.server.host);
  } catch (error) {
    await stopBackground?.().catch(() => undefined);
    await context.close();
    throw error;
  }
  const httpServer = server;
  const address = httpServer.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  logger.info({ url, neo4j: context.uri }, 'matscout API listening');

  let resolveClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });
  let closing: Promise<void> | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'shutting down');
    void close();
  };
  const close = () => {
    closing ??= (async () => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      const force = setTimeout(() => httpServer.closeAllConnections(), options.graceMs ?? 10_000);
      await stopped;
      clearTimeout(force);
      await stopBackground?.().catch((error: unknown) => logger.warn({ error }, 'stopping services failed'));
      await context.close();
      logger.info('stopped');
      resolveClosed();
    })();
    return closing;
  };
  if (options.handleSignals !== false) {
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  }
  return { url, port: address.port, closed, close };
}
