import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Neo4jGraphStore } from '../../graph/index.ts';
import {
  createOfflineExtractor,
  type DocumentAnalyzer,
  inlineAnalyzer,
  runIngestion,
} from '../../ingest/index.ts';
import { deleteDocumentsTitled, openTestStore, uniqueSuffix } from '../support/graph.ts';

/**
 * A run stopped through its signal (Ctrl-C on `matscout ingest`, a cancel through the API) while a
 * promotion window holds documents: it reads nothing more, writes whole batches only, drops what it
 * holds unwritten, ends `cancelled` with counts that match the graph, and the next run of the same inputs
 * writes exactly the rest.
 */
describe('a run stopped while a window holds documents', () => {
  const suffix = uniqueSuffix('stopped');
  let store: Neo4jGraphStore;
  let dir: string;
  let inputs: string[];

  beforeAll(async () => {
    store = openTestStore();
    await store.migrate();
    dir = await mkdtemp(path.join(os.tmpdir(), 'matscout-stopped-run-'));
    inputs = await Promise.all(
      Array.from({ length: 12 }, async (_, n) => {
        const file = path.join(dir, `release-${String(n).padStart(2, '0')}.md`);
        await writeFile(
          file,
          `# Sealant release ${n} ${suffix}\n\nNAGOYA, June ${n + 1}, 2025 /Sample Wire/ -- Silicone sealant grade ${n} is used in solar modules.\n`,
        );
        return file;
      }),
    );
  });

  afterAll(async () => {
    await deleteDocumentsTitled(store, suffix);
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  const stored = async () =>
    Number(
      (
        await store.driver.executeQuery(
          'MATCH (d:Document) WHERE d.title CONTAINS $suffix RETURN count(d) AS n',
          { suffix },
        )
      ).records[0]?.get('n'),
    );

  it('writes whole batches only, counts what the graph holds, and the next run writes the rest', async () => {
    const extractor = createOfflineExtractor();
    const inline = inlineAnalyzer(extractor);
    const controller = new AbortController();
    let analysed = 0;
    // Stops the run inside its second window (windows of 4 documents).
    const analyzer: DocumentAnalyzer = {
      ...inline,
      analyze: async (document, options) => {
        analysed += 1;
        if (analysed === 7) controller.abort();
        return inline.analyze(document, options);
      },
    };
    let promotions = 0;
    const stopped = await runIngestion(
      {
        store,
        analyzer,
        promoteCandidates: async () => {
          promotions += 1;
          return [];
        },
      },
      { inputs, batchSize: 2, lookAhead: 4, signal: controller.signal },
    );
    expect(stopped.status).toBe('cancelled');
    expect(stopped.errors).toEqual([]);
    // It stopped reading at the next document after the signal.
    expect(stopped.counts.documents).toBeLessThan(inputs.length);
    const kept = await stored();
    expect(stopped.counts.added).toBe(kept);
    expect(kept).toBeLessThan(inputs.length);
    expect(kept % 2).toBe(0);
    // A stopped run does not promote at its end (the next run does).
    expect(promotions).toBeLessThanOrEqual(1);
    expect((await store.getIngestRun(stopped.id))?.status).toBe('cancelled');

    const resumed = await runIngestion({ store, extractor }, { inputs, batchSize: 2, lookAhead: 4 });
    expect(resumed.status).toBe('succeeded');
    expect(resumed.counts.unchanged).toBe(kept);
    expect(resumed.counts.added).toBe(inputs.length - kept);
    expect(await stored()).toBe(inputs.length);
  }, 120_000);
});
