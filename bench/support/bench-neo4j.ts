import path from 'node:path';
import {
  createNeo4jDriver,
  deleteAllNodes,
  Neo4jGraphStore,
  startLocalNeo4j,
  stopLocalNeo4j,
} from '../../graph/index.ts';

/** An isolated, wiped Neo4j for one benchmark (own home and port; never the user's graph). */
export async function openBenchGraph(
  name: string,
  port: number,
): Promise<{ store: Neo4jGraphStore; stop(): Promise<void> }> {
  const home = path.resolve('.data', `bench-${name}`);
  const started = await startLocalNeo4j({
    home,
    port,
    pageCacheMiB: 512,
    heap: '2g',
    log: (line) => console.error(line),
  });
  const driver = createNeo4jDriver({
    uri: started.uri ?? `bolt://127.0.0.1:${port}`,
    user: 'neo4j',
    password: 'neo4j',
  });
  const store = new Neo4jGraphStore(driver);
  await wipe(store);
  await store.migrate();
  return {
    store,
    async stop() {
      await store.close();
      await stopLocalNeo4j(home);
    },
  };
}

/** Deletes every node in batches (the benchmark's own instance only). */
export async function wipe(store: Neo4jGraphStore): Promise<void> {
  await deleteAllNodes(store.driver);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
