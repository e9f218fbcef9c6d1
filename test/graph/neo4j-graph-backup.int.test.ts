import { mkdtemp, open, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { SuggestionEngine } from '../../agent/index.ts';
import { type BackupRecord, writeBackupFile } from '../../graph/backup-file.ts';
import {
  BackupFileError,
  createGraphBackup,
  createNeo4jDriver,
  deleteAllNodes,
  graphSchemaVersion,
  Neo4jAuditLog,
  type Neo4jConnection,
  Neo4jEvidenceReader,
  type Neo4jGraphStore,
  Neo4jProductStore,
  Neo4jSuggestionStore,
  readGraphSchemaVersion,
  restoreGraphBackup,
} from '../../graph/index.ts';
import { openTestStore } from '../support/graph.ts';
import {
  census,
  fastPaths,
  idsOf,
  importSampleCatalog,
  ingestFiles,
  sampleFiles,
} from '../support/graph-census.ts';

const connection = (): Neo4jConnection => ({
  uri: inject('neo4jUri'),
  user: inject('neo4jUser'),
  password: inject('neo4jPassword'),
});

/** Every node's labels and properties, read with lossless integers, keyed by a stable description. */
async function snapshot(label: string): Promise<unknown[]> {
  const driver = createNeo4jDriver(connection(), { losslessIntegers: true });
  try {
    const { records } = await driver.executeQuery(
      `MATCH (n:${label}) RETURN labels(n) AS labels, properties(n) AS properties ORDER BY n.id`,
    );
    return records.map((record) => ({ labels: record.get('labels'), properties: record.get('properties') }));
  } finally {
    await driver.close();
  }
}

describe('graph backup and restore on the real Neo4j', () => {
  const store: Neo4jGraphStore = openTestStore();
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'matscout-backup-'));
  });
  // Wiping also removes the recorded schema version, which migrating records again.
  beforeEach(async () => {
    await deleteAllNodes(store.driver);
    await store.migrate();
  });
  afterAll(async () => {
    await deleteAllNodes(store.driver);
    await store.migrate();
    await store.close();
    await rm(directory, { recursive: true, force: true });
  });

  /** A graph with documents, catalog, suggestions, a review and audit events. */
  async function populate(): Promise<void> {
    await ingestFiles(store, sampleFiles);
    await importSampleCatalog(store.driver);
    const products = new Neo4jProductStore(store.driver);
    const engine = new SuggestionEngine({
      evidence: new Neo4jEvidenceReader(store.driver),
      suggestions: new Neo4jSuggestionStore(store.driver),
    });
    const apel = await products.getProduct('product:apel');
    const computed = await engine.compute(apel as NonNullable<typeof apel>, { top: 10 });
    const first = computed.suggestions[0];
    expect(first).toBeDefined();
    await new Neo4jSuggestionStore(store.driver).addReview({
      id: 'review:backup-1',
      suggestionId: first?.id as string,
      decision: 'accept',
      comment: 'fits our roadmap',
      reviewer: 'key_reviewer',
      at: '2026-05-01T09:00:00.000Z',
    });
    await new Neo4jAuditLog(store.driver).record({
      id: 'audit:backup-1',
      type: 'review',
      actor: 'key_reviewer',
      at: '2026-05-01T09:00:00.000Z',
      targetId: first?.id as string,
      details: { decision: 'accept', comment: 'fits our roadmap' },
    });
  }

  it('backup, wipe, restore gives identical counts, reviews, audit events and fast paths', async () => {
    await populate();
    const before = await census(store.driver);
    const reviews = await snapshot('Review');
    const audit = await snapshot('AuditEvent');
    const suggestions = await snapshot('Suggestion');
    const paths = await fastPaths(store.driver);
    const file = path.join(directory, 'full.backup');

    const header = await createGraphBackup(connection(), file);
    expect(header).toMatchObject({ format: 'matscout-graph-backup', formatVersion: 1, graphSchemaVersion });
    expect(header.counts.labels).toEqual(before.labels);
    expect(header.counts.types).toEqual(before.types);
    expect(reviews).toHaveLength(1);
    // The review's event, and the vocabulary seeding's own event from start-up.
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ properties: expect.objectContaining({ id: 'audit:backup-1' }) }),
      ]),
    );

    await deleteAllNodes(store.driver);
    expect((await census(store.driver)).labels).toEqual({});
    const result = await restoreGraphBackup(connection(), file);
    expect(result.counts.nodes).toBe(header.counts.nodes);
    expect(await census(store.driver)).toEqual(before);
    expect(await snapshot('Review')).toEqual(reviews);
    expect(await snapshot('AuditEvent')).toEqual(audit);
    expect(await snapshot('Suggestion')).toEqual(suggestions);
    expect(await fastPaths(store.driver)).toEqual(paths);
    expect(await readGraphSchemaVersion(store.driver)).toBe(graphSchemaVersion);
    // The restored graph works: full-text search finds restored chunks, constraints hold.
    expect((await store.searchChunks('cyclic olefin copolymer')).length).toBeGreaterThan(0);
    await expect(store.driver.executeQuery("CREATE (:Review {id: 'review:backup-1'})")).rejects.toThrow(
      /already exists/,
    );
  });

  it('restore replaces what the graph holds now (nothing of it is left)', async () => {
    await ingestFiles(store, sampleFiles.slice(0, 2));
    const file = path.join(directory, 'two.backup');
    await createGraphBackup(connection(), file);
    const backedUp = await idsOf(store.driver, 'Document');
    await ingestFiles(store, sampleFiles.slice(2));
    expect((await idsOf(store.driver, 'Document')).length).toBe(6);
    await restoreGraphBackup(connection(), file);
    expect(await idsOf(store.driver, 'Document')).toEqual(backedUp);
    const staged = await store.driver.executeQuery('MATCH (n:_MatscoutRestore) RETURN count(n) AS c');
    expect(Number(staged.records[0]?.get('c'))).toBe(0);
  });

  it('keeps every property type exactly: integers, floats, NaN, bytes, lists, temporal and spatial values', async () => {
    await store.driver.executeQuery(
      `CREATE (:Probe {id: 'probe', i: 42, big: 9007199254740993, f: 1.0, half: 0.5, nan: 0.0/0.0, inf: 1.0/0.0,
         s: 'text ✓', yes: true, ints: [1, 2, 3], floats: [1.0, 2.5], strings: ['a', 'b'], empty: [],
         dt: datetime('2024-03-12T10:15:30.123456789+09:00'), zoned: datetime('2024-03-12T10:15:30[Europe/Berlin]'),
         d: date('2024-03-12'), ldt: localdatetime('2024-03-12T10:15:30'), t: time('10:15:30+01:00'),
         lt: localtime('10:15:30.5'), du: duration('P1Y2M3DT4H5M6.7S'), p: point({x: 1.5, y: 2.5}),
         geo: point({longitude: 139.7, latitude: 35.7, height: 10.0})})
       -[:PROBES {weight: 3, at: date('2025-01-01')}]->(:Probe {id: 'target'})`,
    );
    await store.driver.executeQuery("MATCH (p:Probe {id: 'probe'}) SET p.bytes = $bytes", {
      bytes: new Int8Array([0, 1, -1, 127]),
    });
    const before = await snapshot('Probe');
    const file = path.join(directory, 'types.backup');
    await createGraphBackup(connection(), file);
    await deleteAllNodes(store.driver);
    await restoreGraphBackup(connection(), file);
    expect(await snapshot('Probe')).toEqual(before);
    const driver = createNeo4jDriver(connection(), { losslessIntegers: true });
    try {
      const { records } = await driver.executeQuery('MATCH ()-[r:PROBES]->() RETURN properties(r) AS p');
      expect(records[0]?.get('p')).toEqual({
        weight: neo4j.int(3),
        at: new neo4j.types.Date(neo4j.int(2025), neo4j.int(1), neo4j.int(1)),
      });
      const typed = await driver.executeQuery(
        "MATCH (p:Probe {id: 'probe'}) RETURN valueType(p.i) AS i, valueType(p.f) AS f, valueType(p.ints) AS ints",
      );
      expect(typed.records[0]?.toObject()).toEqual({
        i: 'INTEGER NOT NULL',
        f: 'FLOAT NOT NULL',
        ints: 'LIST<INTEGER NOT NULL> NOT NULL',
      });
    } finally {
      await driver.close();
    }
  });

  describe('a bad file is refused with one line and the graph stays as it is', () => {
    let good: string;
    let before: Awaited<ReturnType<typeof census>>;
    beforeEach(async () => {
      await ingestFiles(store, sampleFiles.slice(0, 3));
      good = path.join(directory, 'good.backup');
      await createGraphBackup(connection(), good);
      await ingestFiles(store, sampleFiles.slice(3));
      before = await census(store.driver);
    });

    async function expectRefused(file: string, message: RegExp): Promise<void> {
      const error = await restoreGraphBackup(connection(), file).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(BackupFileError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
      expect(await census(store.driver)).toEqual(before);
    }

    it('a flipped byte in the payload fails the checksum', async () => {
      const file = path.join(directory, 'flipped.backup');
      const bytes = await readFile(good);
      bytes[bytes.length - 100] = (bytes[bytes.length - 100] as number) ^ 0xff;
      await writeFile(file, bytes);
      await expectRefused(file, /corrupt: payload checksum/);
    });

    it('a truncated file says so', async () => {
      const file = path.join(directory, 'truncated.backup');
      await writeFile(file, await readFile(good));
      await truncate(file, (await stat(file)).size - 500);
      await expectRefused(file, /truncated or corrupt/);
    });

    it('a file from a newer graph schema is refused before anything is read further', async () => {
      const file = path.join(directory, 'newer.backup');
      const bytes = await readFile(good);
      const end = bytes.indexOf(10);
      const header = JSON.parse(bytes.subarray(0, end).toString('utf8'));
      header.graphSchemaVersion = graphSchemaVersion + 1;
      await writeFile(file, Buffer.concat([Buffer.from(JSON.stringify(header)), bytes.subarray(end)]));
      await expectRefused(file, new RegExp(`graph schema version ${graphSchemaVersion + 1}, newer`));
    });

    it('another backup format version is refused', async () => {
      const file = path.join(directory, 'format.backup');
      const bytes = await readFile(good);
      const end = bytes.indexOf(10);
      const header = JSON.parse(bytes.subarray(0, end).toString('utf8'));
      header.formatVersion = 2;
      await writeFile(file, Buffer.concat([Buffer.from(JSON.stringify(header)), bytes.subarray(end)]));
      await expectRefused(file, /backup format version 2 is not supported/);
    });

    it('a file that is no backup at all', async () => {
      const file = path.join(directory, 'notes.txt');
      await writeFile(file, 'just some notes\nnothing else\n');
      await expectRefused(file, /is not a matscout backup/);
      const missing = path.join(directory, 'missing.backup');
      await expectRefused(missing, /cannot read backup file/);
    });

    it('a file whose records Neo4j rejects while loading leaves the live graph untouched', async () => {
      const file = path.join(directory, 'mixed-list.backup');
      // Valid format and checksum, but a list mixing numbers and strings is no Neo4j property value.
      await writeBackupFile(
        file,
        { graphSchemaVersion, createdAt: '2026-01-01T00:00:00.000Z' },
        (async function* (): AsyncGenerator<BackupRecord> {
          yield { n: 0, l: ['Document'], p: { id: 'doc:bad', tags: [1, 'a'] } };
          yield { n: 1, l: ['Chunk'], p: { id: 'doc:bad#c0' } };
          yield { r: [1, 0], t: 'PART_OF', p: {} };
        })(),
      );
      const error = await restoreGraphBackup(connection(), file).then(
        () => undefined,
        (caught: unknown) => caught as Error,
      );
      expect(error?.message).toMatch(/failed while loading the backup, and the current graph is unchanged/);
      expect(await census(store.driver)).toEqual(before);
    });
  });

  it('the written file is a header line, then gzip', async () => {
    await ingestFiles(store, sampleFiles.slice(0, 1));
    const file = path.join(directory, 'shape.backup');
    await createGraphBackup(connection(), file);
    const handle = await open(file, 'r');
    try {
      const buffer = Buffer.alloc(64 * 1024);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      const end = buffer.subarray(0, bytesRead).indexOf(10);
      const header = JSON.parse(buffer.subarray(0, end).toString('utf8'));
      expect(header.payload.bytes).toBe((await stat(file)).size - end - 1);
      expect(header.payload.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(header.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      // gzip magic bytes
      expect([buffer[end + 1], buffer[end + 2]]).toEqual([0x1f, 0x8b]);
    } finally {
      await handle.close();
    }
  });
});
