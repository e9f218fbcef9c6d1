import path from 'node:path';
import {
  deleteAllNodes,
  type IsolatedGraph,
  type Neo4jGraphStore,
  openIsolatedGraph,
} from '../../graph/index.ts';

/** An isolated, wiped Neo4j for one benchmark (own home and port; never the user's graph). */
export function openBenchGraph(name: string, port: number): Promise<IsolatedGraph> {
  return openIsolatedGraph({
    home: path.resolve('.data', `bench-${name}`),
    port,
    pageCacheMiB: 512,
    heap: '2g',
    log: (line) => console.error(line),
  });
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

/** `value` over `reference` to two decimals; null without a reference to compare with. */
export function ratio(value: number, reference: number | undefined): number | null {
  return reference ? Number((value / reference).toFixed(2)) : null;
}
