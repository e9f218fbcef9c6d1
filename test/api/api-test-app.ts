import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../api/app.ts';
import type { AppDependencies } from '../../api/app-dependencies.ts';
import { loadConfig } from '../../api/config.ts';
import { createLogger } from '../../api/logger.ts';
import type { StartIngestion } from '../../api/ports.ts';
import {
  type ApiKeyRole,
  type GraphStore,
  Neo4jApiKeyStore,
  type Neo4jGraphStore,
  Neo4jProductStore,
} from '../../graph/index.ts';
import { openTestStore, testNeo4jEnv } from '../support/graph.ts';
import { repoRoot } from '../support/paths.ts';

export interface TestApp {
  url: string;
  store: Neo4jGraphStore;
  apiKeyStore: Neo4jApiKeyStore;
  productStore: Neo4jProductStore;
  /** Every log line the app wrote. */
  logs: string[];
  /** A fresh key with the role. */
  keyFor(role: ApiKeyRole): Promise<string>;
  close(): Promise<void>;
}

/**
 * A small real ingestion starter: records a queued run, then completes it in the background, the way the
 * lead's pipeline-backed one will (no pipeline, no mocks of Neo4j).
 */
export function recordingIngestion(store: GraphStore): StartIngestion {
  let counter = 0;
  return async (request) => {
    counter += 1;
    const id = `run-api-${process.pid}-${Date.now().toString(36)}-${counter}`;
    const startedAt = new Date().toISOString();
    const base = { id, source: request.source, startedAt, errors: [] };
    const counts = {
      items: request.inputs.length,
      documents: 0,
      added: 0,
      updated: 0,
      unchanged: 0,
      failed: 0,
    };
    const full = { ...counts, chunks: 0, mentions: 0, facts: 0, skipped: 0, duplicates: 0, droppedFacts: 0 };
    await store.saveIngestRun({ ...base, status: 'queued', counts: full });
    setTimeout(() => {
      void store.saveIngestRun({
        ...base,
        status: 'succeeded',
        finishedAt: new Date().toISOString(),
        counts: full,
      });
    }, 10);
    return id;
  };
}

/** Starts createApp on 127.0.0.1:0 against the suite's Neo4j. */
export async function startTestApp(
  options: { env?: Record<string, string>; deps?: Partial<AppDependencies> } = {},
): Promise<TestApp> {
  const config = loadConfig(
    {
      ...testNeo4jEnv(),
      LOG_LEVEL: 'debug',
      ...options.env,
    },
    repoRoot,
  );
  const store = openTestStore();
  await store.migrate();
  const apiKeyStore = new Neo4jApiKeyStore(store.driver);
  const productStore = new Neo4jProductStore(store.driver);
  const logs: string[] = [];
  const app = createApp({
    config,
    store,
    apiKeyStore,
    productStore,
    ready: () => store.driver.verifyConnectivity().then(() => undefined),
    logger: createLogger('debug', { write: (line: string) => logs.push(line) }),
    ...options.deps,
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    apiKeyStore,
    productStore,
    logs,
    keyFor: async (role) => (await apiKeyStore.createKey({ role, name: `test ${role}` })).key,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await store.close();
    },
  };
}
