import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openIsolatedGraph } from '../../graph/index.ts';
import { repoRoot } from './paths.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
    neo4jUser: string;
    neo4jPassword: string;
  }
}

/**
 * Starts (or reuses) one real Neo4j 5.26 for the whole run: the test suite's own instance (own home and
 * port, never the user's graph; MATSCOUT_TEST_NEO4J_HOME and MATSCOUT_TEST_NEO4J_PORT move it), or the
 * server in NEO4J_TEST_URI when given. Stops only what it started.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.NEO4J_TEST_URI;
  // The suite's own instance starts empty, schema included, so counts in tests mean what they say.
  const graph = external
    ? undefined
    : await openIsolatedGraph({
        home: process.env.MATSCOUT_TEST_NEO4J_HOME ?? path.join(repoRoot, '.data', 'neo4j-test'),
        port: Number(process.env.MATSCOUT_TEST_NEO4J_PORT ?? 17687),
        pageCacheMiB: 256,
        heap: '1g',
        dropSchema: true,
      });
  await graph?.close();
  project.provide('neo4jUri', external ?? (graph?.uri as string));
  project.provide('neo4jUser', process.env.NEO4J_TEST_USER ?? 'neo4j');
  project.provide('neo4jPassword', process.env.NEO4J_TEST_PASSWORD ?? 'neo4j');
  return async () => {
    if (graph?.startedLocal) await graph.stop();
  };
}
