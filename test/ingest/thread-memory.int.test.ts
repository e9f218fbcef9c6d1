import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minedTerm } from '../../bench/support/mined-terms.ts';
import {
  migrateGraphSchema,
  Neo4jGraphStore,
  Neo4jVocabularyStore,
  startLocalNeo4j,
  stopLocalNeo4j,
} from '../../graph/index.ts';
import {
  createIngestionPool,
  type IngestionPool,
  runIngestion,
  seedBundledLexicon,
  sharedSnapshots,
} from '../../ingest/index.ts';
import { freePort } from '../support/free-port.ts';

/**
 * Late in a backfill the vocabulary holds hundreds of thousands of mined terms, and every ingestion
 * thread compiles it before its first document. A thread whose heap cannot hold it is terminated by
 * Node; the pool starts another, which compiles it again and dies alike. The run must stop with that
 * reason after a few compiles instead of failing every document one by one, lose nothing, and run
 * again with more room. Its own Neo4j, since the vocabulary it seeds would slow every other test's.
 */
describe('a run whose ingestion threads cannot hold the vocabulary', () => {
  const minedTerms = 60_000;
  // Enough for a thread to start and analyse with the lexicon alone, far below what the compiled
  // vocabulary takes (about 135 MiB at 60,000 mined terms).
  const heapMb = 64;
  let home: string | undefined;
  let inputsDir: string | undefined;
  let driver: Driver | undefined;
  let store: Neo4jGraphStore;
  let vocabulary: Neo4jVocabularyStore;
  const pools: IngestionPool[] = [];
  const inputs: string[] = [];

  beforeAll(async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'matscout-thread-memory-'));
    const started = await startLocalNeo4j({ home, port: await freePort() });
    driver = neo4j.driver(started.uri as string, neo4j.auth.basic('neo4j', 'neo4j'), {
      disableLosslessIntegers: true,
    });
    await migrateGraphSchema(driver);
    store = new Neo4jGraphStore(driver);
    vocabulary = new Neo4jVocabularyStore(driver);
    await seedBundledLexicon(vocabulary);
    for (let from = 0; from < minedTerms; from += 2000) {
      const page = Array.from({ length: 2000 }, (_, k) => minedTerm(from + k));
      await vocabulary.promoteCandidates(page, { actor: 'test' });
    }
    inputsDir = await mkdtemp(path.join(os.tmpdir(), 'matscout-thread-memory-inputs-'));
    for (let n = 0; n < 8; n += 1) {
      const file = path.join(inputsDir, `release-${n}.md`);
      await writeFile(
        file,
        `# Film release number ${n}\n\nBOSTON, March ${n + 1}, 2025 /Sample Wire/ -- Release ${n}: polypropylene film is used in capacitors for inverters.\n`,
      );
      inputs.push(file);
    }
  }, 300_000);

  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.close()));
    await driver?.close();
    if (home) {
      await stopLocalNeo4j(home);
      await rm(home, { recursive: true, force: true });
    }
    if (inputsDir) await rm(inputsDir, { recursive: true, force: true });
  });

  const documentsStored = async () =>
    Number((await store.driver.executeQuery('MATCH (d:Document) RETURN count(d) AS n')).records[0]?.get('n'));

  function runOn(pool: IngestionPool) {
    pools.push(pool);
    const analyzer = pool.analyzer({
      spec: { kind: 'graph', mining: true },
      vocabulary: sharedSnapshots(vocabulary),
    });
    return runIngestion(
      { store, analyzer, reader: pool.reader },
      { inputs, batchSize: 2, lookAhead: 0, heartbeatMs: 50 },
    );
  }

  it('stops with the reason after two compiles, writes nothing, and a pool with room then ingests every document once', async () => {
    const starved = await runOn(createIngestionPool({ threads: 1, heapMb }));
    expect(starved.status).toBe('failed');
    const last = starved.errors.at(-1);
    expect(last?.reason).toMatch(
      new RegExp(
        `^run aborted: the ingestion threads ran out of memory twice in a row while compiling the vocabulary \\(([\\d,]+) terms\\) within a heap limit of ${heapMb} MiB \\(INGEST_THREAD_HEAP_MB\\)`,
      ),
    );
    const terms = Number((/\(([\d,]+) terms\)/.exec(last?.reason ?? '')?.[1] ?? '').replaceAll(',', ''));
    expect(terms).toBeGreaterThan(minedTerms);
    // The same limit fails alike: a scheduler must not retry it as it is.
    expect(last?.retryable).toBe(false);
    // It stopped after the first batch: at most its two documents failed, each with the thread's reason,
    // and the inputs after that batch were never read.
    expect(starved.counts.failed).toBeLessThanOrEqual(2);
    for (const error of starved.errors.slice(0, -1))
      expect(error.reason).toMatch(/^extraction failed: the ingestion thread ran out of memory/);
    expect(starved.counts.items).toBeLessThan(inputs.length);
    expect(await documentsStored()).toBe(0);

    const roomy = await runOn(createIngestionPool({ threads: 1 }));
    expect(roomy.status).toBe('succeeded');
    expect(roomy.counts.added).toBe(inputs.length);
    expect(await documentsStored()).toBe(inputs.length);

    const again = await runOn(createIngestionPool({ threads: 1 }));
    expect(again.counts.unchanged).toBe(inputs.length);
    expect(await documentsStored()).toBe(inputs.length);
  }, 300_000);

  it('fails a file too large for the parsing thread alone, and goes on with the next', async () => {
    // A USPTO APS record is held whole while it is read: 19 MB of short lines is within the 20 Mi
    // characters a record may have, and its millions of lines and fields grow far beyond a 64 MiB heap.
    // (One string larger than the heap is another matter: V8 may then end the whole process, see README.)
    const huge = path.join(inputsDir as string, 'pftaps-huge.txt');
    await writeFile(
      huge,
      `PATN\nWKU  059999991\nTTL  A very long grant\nBSUM\n${'PAR  film\n'.repeat(1_900_000)}`,
    );
    const small = path.join(inputsDir as string, 'release-after-huge.md');
    await writeFile(
      small,
      '# Film release after a huge file\n\nBOSTON, April 2, 2025 /Sample Wire/ -- Polypropylene film is used in capacitors.\n',
    );
    const pool = createIngestionPool({ threads: 1, heapMb });
    pools.push(pool);
    // The bundled lexicon only: this test is about the parsing thread.
    const analyzer = pool.analyzer({ spec: { kind: 'offline', mining: true } });
    const run = await runIngestion(
      { store, analyzer, reader: pool.reader },
      { inputs: [huge, small], batchSize: 2, lookAhead: 0 },
    );
    expect(run.status).toBe('partial');
    expect(run.counts.items).toBe(2);
    expect(run.counts.added).toBe(1);
    expect(run.errors).toEqual([
      {
        item: huge,
        reason: `the parsing thread ran out of memory reading this input, within a heap limit of ${heapMb} MiB (INGEST_THREAD_HEAP_MB)`,
        retryable: false,
      },
    ]);
    // The pool's next thread parses again.
    const next = await runIngestion(
      { store, analyzer, reader: pool.reader },
      { inputs: [small], batchSize: 2, lookAhead: 0 },
    );
    expect(next.counts.unchanged).toBe(1);
  }, 120_000);
});
