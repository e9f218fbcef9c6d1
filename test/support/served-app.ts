import { loadConfig } from '../../api/config.ts';
import { type RunningServer, startServer } from '../../api/server.ts';
import { createServices } from '../../api/services.ts';
import { type ApiKeyRole, Neo4jApiKeyStore, type Neo4jGraphStore } from '../../graph/index.ts';
import { testNeo4jEnv } from './graph.ts';
import { repoRoot } from './paths.ts';

/** `matscout serve` as a user runs it (every service), on a free loopback port, with a key per role. */
export interface ServedApp {
  server: RunningServer;
  keys: Record<ApiKeyRole, string>;
  keyIds: Record<ApiKeyRole, string>;
  /** One JSON request with the role's key; the parsed body (undefined when empty). */
  call(
    method: string,
    url: string,
    role: ApiKeyRole,
    body?: unknown,
  ): Promise<{ status: number; body: ReturnType<typeof JSON.parse> }>;
}

export async function startServedApp(
  store: Neo4jGraphStore,
  options: { ingestAllowDir: string; keyName: string; env?: Record<string, string> },
): Promise<ServedApp> {
  const config = loadConfig(
    {
      ...testNeo4jEnv(),
      LOG_LEVEL: 'silent',
      INGEST_PATH_ALLOW_LIST: options.ingestAllowDir,
      ...options.env,
    },
    repoRoot,
  );
  const server = await startServer(config, { port: 0, services: createServices, handleSignals: false });
  const apiKeys = new Neo4jApiKeyStore(store.driver);
  const keys = {} as Record<ApiKeyRole, string>;
  const keyIds = {} as Record<ApiKeyRole, string>;
  for (const role of ['researcher', 'reviewer', 'engineer'] as const) {
    const created = await apiKeys.createKey({ role, name: `${options.keyName} ${role}` });
    keys[role] = created.key;
    keyIds[role] = created.apiKey.id;
  }
  const call: ServedApp['call'] = async (method, url, role, body) => {
    const response = await fetch(`${server.url}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${keys[role]}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  return { server, keys, keyIds, call };
}
