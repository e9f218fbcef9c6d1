import path from 'node:path';
import neo4j from 'neo4j-driver';
import type { TestProject } from 'vitest/node';
import { deleteAllNodes, startLocalNeo4j, stopLocalNeo4j } from '../../graph/index.ts';
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
 * port, never the user's graph), or the server in NEO4J_TEST_URI when given. Stops only what it started.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.NEO4J_TEST_URI;
  const user = process.env.NEO4J_TEST_USER ?? 'neo4j';
  const password = process.env.NEO4J_TEST_PASSWORD ?? 'neo4j';
  if (external) {
    project.provide('neo4jUri', external);
    project.provide('neo4jUser', user);
    project.provide('neo4jPassword', password);
    return async () => {};
  }
  const home = path.join(repoRoot, '.data', 'neo4j-test');
  const port = Number(process.env.MATSCOUT_TEST_NEO4J_PORT ?? 17687);
  const started = await startLocalNeo4j({ home, port, pageCacheMiB: 256, heap: '1g' });
  const uri = started.uri ?? `bolt://127.0.0.1:${port}`;
  // The suite's own instance starts empty so counts in tests mean what they say.
  const driver = neo4j.driver(uri, neo4j.auth.basic(user, password));
  const session = driver.session();
  try {
    await deleteAllNodes(driver);
    for (const record of (await session.run('SHOW CONSTRAINTS YIELD name')).records) {
      await session.run(`DROP CONSTRAINT \`${record.get('name')}\` IF EXISTS`);
    }
    const indexes = await session.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name");
    for (const record of indexes.records) await session.run(`DROP INDEX \`${record.get('name')}\` IF EXISTS`);
  } finally {
    await session.close();
    await driver.close();
  }
  project.provide('neo4jUri', uri);
  project.provide('neo4jUser', user);
  project.provide('neo4jPassword', password);
  return async () => {
    if (!started.alreadyRunning) await stopLocalNeo4j(home);
  };
}
