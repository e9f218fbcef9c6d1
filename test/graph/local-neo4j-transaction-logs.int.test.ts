import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalNeo4j, stopLocalNeo4j } from '../../graph/index.ts';
import { freePort } from '../support/free-port.ts';

/**
 * Neo4j keeps every transaction log of the last two days by default: through a backfill, about as much
 * disk again as the store. The local instance keeps what crash recovery needs and a bounded tail.
 */
describe('the local Neo4j’s transaction logs', () => {
  let home: string | undefined;
  afterAll(async () => {
    if (!home) return;
    await stopLocalNeo4j(home);
    await rm(home, { recursive: true, force: true });
  });

  it('are kept up to a size, not for two days', async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'matscout-txlog-home-'));
    const started = await startLocalNeo4j({ home, port: await freePort() });
    const driver = neo4j.driver(started.uri as string, neo4j.auth.basic('neo4j', 'neo4j'));
    try {
      const { records } = await driver.executeQuery(
        "SHOW SETTINGS YIELD name, value WHERE name = 'db.tx_log.rotation.retention_policy' RETURN value",
      );
      expect(records.map((record) => record.get('value'))).toEqual(['512M size']);
    } finally {
      await driver.close();
    }
  });
});
