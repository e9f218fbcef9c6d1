import { connectGraph, type GraphConnection, probeBolt, startLocalNeo4j } from '../graph/index.ts';
import type { Config } from './config.ts';

/**
 * Connects to NEO4J_URI when configured (and starts nothing), otherwise starts or reuses the local
 * instance; then applies the schema migration.
 */
export async function openGraph(
  config: Config,
  options: { log?: (line: string) => void } = {},
): Promise<GraphConnection> {
  let uri = config.neo4j.uri;
  let startedLocal = false;
  if (!uri) {
    const started = await startLocalNeo4j({
      home: config.neo4j.localHome,
      port: config.neo4j.localPort,
      pageCacheMiB: config.neo4j.pageCacheMiB,
      heap: config.neo4j.heap,
      javaHome: config.neo4j.javaHome,
      log: options.log,
    });
    uri = started.uri ?? `bolt://127.0.0.1:${config.neo4j.localPort}`;
    startedLocal = !started.alreadyRunning;
  } else {
    // Fails fast with a one-line error naming the URI instead of a driver stack trace.
    await probeBolt(uri, { user: config.neo4j.user, password: config.neo4j.password });
  }
  const store = await connectGraph(
    { uri, user: config.neo4j.user, password: config.neo4j.password, database: config.neo4j.database },
    { embeddingDimension: config.embeddings.dimension },
  );
  return { store, driver: store.driver, uri, startedLocal, close: () => store.close() };
}
