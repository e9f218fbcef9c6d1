import type { Driver } from 'neo4j-driver';

/** Wiping a graph: only for instances this program owns (the test suite's, a benchmark's, the back-test's), never a user's graph. */

/**
 * Deletes every node, in batches so a large graph does not need one huge transaction. Relationships go
 * first, in their own batches: detaching a popular entity (every chunk naming "polymer") in one batch
 * of nodes would hold all of its links in one transaction and exceed Neo4j's transaction memory.
 */
export async function deleteAllNodes(driver: Driver, database?: string): Promise<void> {
  const session = driver.session({ database });
  try {
    await session.run('MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS');
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS');
  } finally {
    await session.close();
  }
}

/** Drops every constraint and index but the built-in token lookups, so a schema from an earlier run cannot linger. */
export async function dropGraphSchema(driver: Driver, database?: string): Promise<void> {
  const session = driver.session({ database });
  try {
    for (const record of (await session.run('SHOW CONSTRAINTS YIELD name')).records) {
      await session.run(`DROP CONSTRAINT \`${record.get('name')}\` IF EXISTS`);
    }
    const indexes = await session.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name");
    for (const record of indexes.records) await session.run(`DROP INDEX \`${record.get('name')}\` IF EXISTS`);
  } finally {
    await session.close();
  }
}
