import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Neo4jGraphStore } from '../../graph/index.ts';
import { createOfflineExtractor, runIngestion } from '../../ingest/index.ts';
import { deleteDocumentsTitled, openTestStore, uniqueSuffix } from '../support/graph.ts';

/**
 * A run remembers the documents it read lately, to keep the longer of two readings; one it has forgotten
 * was written meanwhile, so a later reading of it is judged against the stored version instead.
 */
describe('two readings of a document in one run, near and far apart', () => {
  let store: Neo4jGraphStore;
  const extractor = createOfflineExtractor();
  const suffix = uniqueSuffix('reread');
  beforeAll(async () => {
    store = openTestStore();
    await store.migrate();
  });
  afterAll(async () => {
    await deleteDocumentsTitled(store, suffix);
    await store.close();
  });

  /** A release whose id (title, date, first 200 characters) is the same for every `extra`. */
  const release = (title: string, extra: string) =>
    `# ${title} ${suffix}\n\nBOSTON, March 3, 2025 /Sample Wire/ -- ${'Polypropylene film is used in capacitors for inverters. '.repeat(5)}${extra}\n`;

  async function files(names: Record<string, string>): Promise<string[]> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'matscout-reread-'));
    return Promise.all(
      Object.entries(names).map(async ([name, content]) => {
        const file = path.join(dir, name);
        await writeFile(file, content);
        return file;
      }),
    );
  }

  it('counts a poorer reading as a duplicate and lets a longer one replace it, whether remembered or not', async () => {
    const inputs = await files({
      'a-full.md': release('Capacitor film', 'It also names housings, cables and battery separators.'),
      'a-near.md': release('Capacitor film', ''),
      ...Object.fromEntries(
        [1, 2, 3, 4, 5, 6].map((n) => [`other-${n}.md`, release(`Other release ${n}`, `Number ${n}.`)]),
      ),
      'a-far.md': release('Capacitor film', 'It also names housings.'),
      'a-longest.md': release(
        'Capacitor film',
        'It also names housings, cables and battery separators, and the plants that make them.',
      ),
    });
    // One document a batch and no window: the run remembers its last 4 readings only.
    const run = await runIngestion({ store, extractor }, { inputs, batchSize: 1, rememberedReadings: 1 });
    expect(run.status).toBe('succeeded');
    // a-near: remembered, poorer; a-far: forgotten, meets the stored reading from another file, poorer.
    expect(run.counts.duplicates).toBe(2);
    expect(run.counts.added).toBe(7);
    // a-longest: forgotten too, longer: replaces the stored version.
    expect(run.counts.updated).toBe(1);
    const stored = await store.driver.executeQuery(
      'MATCH (d:Document) WHERE d.title = $title RETURN d.origin AS origin',
      { title: `Capacitor film ${suffix}` },
    );
    expect(stored.records.map((record) => path.basename(String(record.get('origin'))))).toEqual([
      'a-longest.md',
    ]);
  });
});
