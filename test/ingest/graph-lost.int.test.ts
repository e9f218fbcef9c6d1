import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, describe, expect, it } from 'vitest';
import {
  localNeo4jStatus,
  migrateGraphSchema,
  Neo4jGraphStore,
  startLocalNeo4j,
  stopLocalNeo4j,
} from '../../graph/index.ts';
import {
  createOfflineExtractor,
  type DocumentAnalyzer,
  inlineAnalyzer,
  runIngestion,
} from '../../ingest/index.ts';
import { freePort } from '../support/free-port.ts';

/**
 * A backfill runs for hours: the graph may go away under it (killed, restarted, out of memory). The run
 * must stop, say why, keep what it wrote, and a run of the same inputs once the graph is back must write
 * the rest without duplicates. Its own Neo4j, since the test kills it.
 */
describe('a run whose graph goes away', () => {
  let home: string | undefined;
  const drivers: Driver[] = [];
  afterAll(async () => {
    await Promise.all(drivers.map((driver) => driver.close()));
    if (!home) return;
    await stopLocalNeo4j(home);
    await rm(home, { recursive: true, force: true });
  });

  /** A store on the instance, whose driver gives up on an unreachable server after 2 s, not 30. */
  function storeOn(uri: string): Neo4jGraphStore {
    const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', 'neo4j'), {
      disableLosslessIntegers: true,
      maxTransactionRetryTime: 2_000,
      connectionTimeout: 2_000,
    });
    drivers.push(driver);
    return new Neo4jGraphStore(driver);
  }

  it('stops with the reason, keeps what it wrote, and the next run writes the rest once', async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'matscout-graph-lost-'));
    const port = await freePort();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'matscout-graph-lost-inputs-'));
    const inputs = await Promise.all(
      Array.from({ length: 24 }, async (_, n) => {
        const file = path.join(dir, `release-${String(n).padStart(2, '0')}.md`);
        await writeFile(
          file,
          `# Film release number ${n}\n\nBOSTON, March ${(n % 28) + 1}, 2025 /Sample Wire/ -- Release ${n}: polypropylene film is used in capacitors for inverters.\n`,
        );
        return file;
      }),
    );
    const started = await startLocalNeo4j({ home, port });
    const uri = started.uri as string;
    const store = storeOn(uri);
    await migrateGraphSchema(store.driver);
    const pid = (await localNeo4jStatus(home)).pid as number;

    // Kills the server once 8 documents are analysed: 2 batches of 4 may be written by then, no more.
    const extractor = createOfflineExtractor();
    const inline = inlineAnalyzer(extractor);
    let analysed = 0;
    const analyzer: DocumentAnalyzer = {
      ...inline,
      analyze: async (document, options) => {
        analysed += 1;
        if (analysed === 9) process.kill(pid, 'SIGKILL');
        return inline.analyze(document, options);
      },
    };
    const lost = await runIngestion(
      { store, analyzer },
      { inputs, batchSize: 4, lookAhead: 0, heartbeatMs: 50 },
    );
    expect(lost.status).toBe('failed');
    const reasons = lost.errors.map((error) => error.reason);
    expect(
      reasons.some((reason) =>
        /^the graph became unreachable .*running the same inputs again resumes$/.test(reason),
      ),
    ).toBe(true);
    // The outcome could not be saved either, and the run says so instead of throwing.
    expect(
      reasons.some((reason) => /outcome could not be saved, the graph is unreachable/.test(reason)),
    ).toBe(true);
    // It stopped: it did not read, analyse and fail the rest one by one.
    expect(lost.counts.documents).toBeLessThan(inputs.length);
    expect(lost.counts.failed).toBe(0);
    const written = lost.counts.added;

    await startLocalNeo4j({ home, port });
    const back = storeOn(uri);
    const stored = async () =>
      Number(
        (await back.driver.executeQuery('MATCH (d:Document) RETURN count(d) AS n')).records[0]?.get('n'),
      );
    // What the lost run counted as written is in the graph (writes are transactions; a batch whose commit
    // the kill cut from its answer may be there too, uncounted).
    const kept = await stored();
    expect(kept).toBeGreaterThanOrEqual(written);
    expect(kept).toBeLessThan(inputs.length);
    // The lost run's record was saved while it ran (heartbeats), so it is not missing from the history.
    const record = await back.getIngestRun(lost.id);
    expect(record?.status).toBe('running');
    expect(record?.heartbeatAt).toBeDefined();

    const resumed = await runIngestion({ store: back, extractor }, { inputs, batchSize: 4, lookAhead: 0 });
    expect(resumed.status).toBe('succeeded');
    expect(resumed.counts.unchanged).toBe(kept);
    expect(resumed.counts.added).toBe(inputs.length - kept);
    expect(await stored()).toBe(inputs.length);
  }, 180_000);
});
