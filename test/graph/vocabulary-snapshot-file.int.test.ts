import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type CandidatePromotion,
  keptSnapshotContent,
  type Neo4jGraphStore,
  Neo4jVocabularyStore,
  type VocabularySnapshot,
  VocabularySnapshotFile,
} from '../../graph/index.ts';
import { seedBundledLexicon } from '../../ingest/index.ts';
import { openTestStore, uniqueId } from '../support/graph.ts';
import { sharesRecords } from '../support/shared-records.ts';

describe('the last vocabulary snapshot kept in a file for the next process (real Neo4j 5.26)', () => {
  let graph: Neo4jGraphStore;
  /** A store that keeps no snapshot: what a whole read gives. */
  let plain: Neo4jVocabularyStore;
  let directory: string;
  let file: string;
  const directories: string[] = [];
  const actor = { actor: 'test:snapshot-file' };

  function promotion(): CandidatePromotion {
    const name = uniqueId('kept film')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ');
    const key = name.replace(/\s+/g, '-');
    return {
      candidateId: `candidate:application:${key}`,
      key,
      term: { id: `application:${key}`, label: 'Application', name, origin: 'mined', support: 3 },
    };
  }

  /** A store as a new process builds it: its own keeper of the file, nothing in memory. */
  function processStore(): { store: Neo4jVocabularyStore; kept: VocabularySnapshotFile } {
    const kept = new VocabularySnapshotFile(file);
    return { store: new Neo4jVocabularyStore(graph.driver, { keptSnapshot: kept }), kept };
  }

  /** The snapshot in the file: the JSON after its header line. */
  async function fileSnapshot(): Promise<VocabularySnapshot> {
    const text = await readFile(file, 'utf8');
    return JSON.parse(text.slice(text.indexOf('\n') + 1)) as VocabularySnapshot;
  }

  beforeAll(async () => {
    graph = openTestStore();
    await graph.migrate();
    plain = new Neo4jVocabularyStore(graph.driver);
    await seedBundledLexicon(plain);
  });
  beforeEach(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'matscout-kept-snapshot-'));
    directories.push(directory);
    file = path.join(directory, 'vocabulary', 'snapshot.json');
  });
  afterAll(async () => {
    await graph.close();
    for (const folder of directories) await rm(folder, { recursive: true, force: true });
  });

  it('a later process reads only what changed since the kept snapshot, and gets what a whole read gives', async () => {
    const first = processStore();
    const read = await first.store.snapshot();
    await first.kept.settled();
    // The file holds exactly what the store read (JSON keeps every field a record has).
    expect(await fileSnapshot()).toEqual(read);
    expect(read).toEqual(await plain.snapshot());

    // The same version: the next process takes the kept snapshot as it is.
    const second = processStore();
    const kept = await second.kept.latest();
    expect(kept).toEqual(read);
    expect(await second.store.snapshot()).toBe(kept);

    // Versions that add terms: read since the kept one, then kept in its place.
    await plain.promoteCandidates([promotion()], actor);
    await plain.promoteCandidates([promotion(), promotion()], actor);
    const third = processStore();
    const before = (await third.kept.latest()) as VocabularySnapshot;
    const caughtUp = await third.store.snapshot();
    expect(caughtUp).toEqual(await plain.snapshot());
    expect(caughtUp.version).toBe(before.version + 2);
    expect(sharesRecords(caughtUp, before)).toBe(true);
    await third.kept.settled();
    expect((await fileSnapshot()).stamp).toBe(caughtUp.stamp);
  });

  it('reads whole when the kept snapshot is not of this graph, was edited past, or cannot be read', async () => {
    const first = processStore();
    await first.store.snapshot();
    await first.kept.settled();
    const valid = await readFile(file, 'utf8');

    // A version that edits a term since: read whole, and the file moves on.
    const added = await plain.add(
      {
        id: `material:${uniqueId('keptite').toLowerCase()}`,
        label: 'Material',
        name: uniqueId('Keptite'),
        origin: 'user',
      },
      actor,
    );
    await plain.addAliases(added.entry.id, { aliases: [uniqueId('kept alias')] }, actor);
    const afterEdit = processStore();
    const stale = (await afterEdit.kept.latest()) as VocabularySnapshot;
    const edited = await afterEdit.store.snapshot();
    expect(edited).toEqual(await plain.snapshot());
    expect(sharesRecords(edited, stale)).toBe(false);
    await afterEdit.kept.settled();
    expect((await fileSnapshot()).stamp).toBe(edited.stamp);

    // Another history's snapshot under the same number (a file of another graph, or before a restore),
    // with terms this graph does not hold: never taken.
    const current = await plain.snapshot();
    const foreign: VocabularySnapshot = {
      ...current,
      stamp: `${current.version}|1999-01-01T00:00:00.000Z`,
      terms: [{ id: 'material:foreignite', label: 'Material', name: 'foreignite', origin: 'user' }],
    };
    // This graph's current snapshot with one term's name changed on disk: it still parses, and it is
    // of this very version, so without its checksum it would be taken as it is, and later versions read
    // on top of it.
    const kept = await readFile(file, 'utf8');
    expect((await fileSnapshot()).stamp).toBe(current.stamp);
    const [header, body] = [kept.slice(0, kept.indexOf('\n')), kept.slice(kept.indexOf('\n') + 1)];
    const tampered = JSON.parse(body) as VocabularySnapshot;
    const renamed = tampered.terms[0] as VocabularySnapshot['terms'][number];
    tampered.terms[0] = { ...renamed, name: 'foreignite' };
    const unreadable = [
      keptSnapshotContent(foreign),
      `${header}\n${JSON.stringify(tampered)}`,
      valid.slice(0, Math.floor(valid.length / 2)),
      kept.replace(/"sha256":"[0-9a-f]{64}"/, `"sha256":"${'0'.repeat(64)}"`),
      '',
      'not json at all',
      // The format before the checksum, and a future one.
      JSON.stringify({ format: 1, snapshot: current }),
      valid.replace('"format":2', '"format":3'),
      keptSnapshotContent({ ...current, terms: [{ id: 'material:x', label: 'Gas' } as never] }),
      JSON.stringify([1, 2, 3]),
    ];
    for (const content of unreadable) {
      await writeFile(file, content);
      const next = processStore();
      const snapshot = await next.store.snapshot();
      expect(snapshot).toEqual(current);
      expect(snapshot.terms.map((term) => term.id)).not.toContain('material:foreignite');
      expect(snapshot.terms.map((term) => term.name)).not.toContain('foreignite');
      await next.kept.settled();
      expect(await fileSnapshot()).toEqual(current);
    }
    expect((await readdir(path.dirname(file))).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('a file that cannot be written costs the next process a whole read, never this one its snapshot', async () => {
    // The file's folder is a file: every write fails.
    await writeFile(path.join(directory, 'vocabulary'), 'in the way');
    const { store, kept } = processStore();
    const snapshot = await store.snapshot();
    await kept.settled();
    expect(snapshot).toEqual(await plain.snapshot());
    expect(await processStore().kept.latest()).toBeUndefined();
  });

  it('ends with the newest of the snapshots handed over while one was being written', async () => {
    const kept = new VocabularySnapshotFile(file);
    const base = await plain.snapshot();
    const versions = [1, 2, 3, 4, 5].map((step) => ({
      ...base,
      version: base.version + step,
      stamp: `${base.version + step}|2001-01-0${step}T00:00:00.000Z`,
    }));
    for (const snapshot of versions) kept.keep(snapshot);
    await kept.settled();
    expect(await fileSnapshot()).toEqual(versions.at(-1));
    expect(await kept.latest()).toBe(versions.at(-1));
    expect(await new VocabularySnapshotFile(file).latest()).toEqual(versions.at(-1));
  });

  it("removes the temporary files a killed process left, not another process's write under way", async () => {
    const kept = new VocabularySnapshotFile(file);
    await mkdir(path.dirname(file), { recursive: true });
    const abandoned = `${file}.4242.abandoned.tmp`;
    const underWay = `${file}.4343.under-way.tmp`;
    await writeFile(abandoned, '{"format":1');
    await writeFile(underWay, '{"format":1');
    const hourAgo = new Date(Date.now() - 3_600_000);
    await utimes(abandoned, hourAgo, hourAgo);
    kept.keep(await plain.snapshot());
    await kept.settled();
    const names = await readdir(path.dirname(file));
    expect(names).not.toContain(path.basename(abandoned));
    expect(names).toContain(path.basename(underWay));
    expect(names).toContain(path.basename(file));
  });
});
