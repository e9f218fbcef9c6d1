import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestRun, Neo4jGraphStore } from '../../graph/index.ts';
import {
  createOfflineExtractor,
  type DocumentAnalyzer,
  inlineAnalyzer,
  runIngestion,
} from '../../ingest/index.ts';
import { deleteDocumentsTitled, openTestStore, uniqueSuffix } from '../support/graph.ts';

/** A run saves its record while it works, and no save of its progress lands after its outcome. */
describe('the heartbeat of a run', () => {
  let store: Neo4jGraphStore;
  const suffix = uniqueSuffix('beat');
  beforeAll(async () => {
    store = openTestStore();
    await store.migrate();
  });
  afterAll(async () => {
    await deleteDocumentsTitled(store, suffix);
    await store.close();
  });

  it('saves the counts so far while running, and leaves the outcome last', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'matscout-beat-'));
    const inputs = await Promise.all(
      [1, 2, 3, 4, 5, 6].map(async (n) => {
        const file = path.join(dir, `release-${n}.md`);
        await writeFile(
          file,
          `# Beat release ${n} ${suffix}\n\nBOSTON, March ${n}, 2025 /Sample Wire/ -- Polypropylene film number ${n} is used in capacitors.\n`,
        );
        return file;
      }),
    );
    const inline = inlineAnalyzer(createOfflineExtractor());
    // Slow enough for several beats of 10 ms between documents.
    const analyzer: DocumentAnalyzer = {
      ...inline,
      analyze: async (document, options) => {
        await sleep(40);
        return inline.analyze(document, options);
      },
    };
    const saved: IngestRun[] = [];
    const watched = Object.create(store) as Neo4jGraphStore;
    watched.saveIngestRun = async (run, fence) => {
      saved.push(structuredClone(run));
      await store.saveIngestRun(run, fence);
    };
    const run = await runIngestion(
      { store: watched, analyzer },
      { inputs, batchSize: 1, lookAhead: 0, heartbeatMs: 10 },
    );
    expect(run.status).toBe('succeeded');
    const beats = saved.filter((record) => record.status === 'running' && record.heartbeatAt !== undefined);
    expect(beats.length).toBeGreaterThan(2);
    // Progress is visible while the run works: some beat saw part of the documents.
    expect(beats.some((beat) => beat.counts.documents > 0 && beat.counts.documents < inputs.length)).toBe(
      true,
    );
    expect(saved.at(-1)?.status).toBe('succeeded');
    await sleep(50);
    const stored = await store.getIngestRun(run.id);
    expect(stored?.status).toBe('succeeded');
    expect(stored?.counts.added).toBe(inputs.length);
  });
});
